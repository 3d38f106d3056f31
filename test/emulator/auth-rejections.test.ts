/** The emulator refuses credentials as Azure DevOps does (203 sign-in page, 401 TF400813, PATs and app tokens). */
import * as assert from "assert";
import { PATS_PATH, V71, basicAuthorizationHeader, startRawCallFixture, type Fixture } from "./fixture";
import { daysFromNow } from "../support/days";

const SUPPRESS = { "X-TFS-FedAuthRedirect": "Suppress" };

describe("emulator: how Azure DevOps refuses credentials", function () {
  let f: Fixture;
  before(async () => {
    f = await startRawCallFixture();
  });
  after(async () => f?.emu.stop());
  afterEach(async () => f.emu.setNow(null));

  it("answers 203 with the HTML sign-in page when no credential is sent", async () => {
    const r = await f.call(PATS_PATH, { token: null });
    assert.strictEqual(r.status, 203);
    assert.match(r.headers.get("content-type") ?? "", /^text\/html/);
    assert.match(r.text, /Sign In/);
    assert.match(r.headers.get("x-tfs-fedauthredirect") ?? "", /_signin\?realm=/);
  });

  it("answers 401 TF400813 as VSS error JSON when X-TFS-FedAuthRedirect: Suppress is sent", async () => {
    const r = await f.call(PATS_PATH, { token: null, headers: SUPPRESS });
    assert.strictEqual(r.status, 401);
    assert.deepStrictEqual(r.json(), {
      $id: "1",
      innerException: null,
      message: "TF400813: The user '' is not authorized to access this resource.",
      typeName: "Microsoft.TeamFoundation.Framework.Server.UnauthorizedRequestException, Microsoft.TeamFoundation.Framework.Server",
      typeKey: "UnauthorizedRequestException",
      errorCode: 0,
      eventId: 3000,
    });
  });

  it("treats an expired or wrong-audience token as no credential", async () => {
    const graphToken = await f.emu.issueAccessToken(f.ada.id, { audience: "00000003-0000-0000-c000-000000000000" });
    assert.strictEqual((await f.call(PATS_PATH, { token: graphToken, headers: SUPPRESS })).status, 401);
    assert.strictEqual((await f.call(PATS_PATH, { token: graphToken })).status, 203);
    const shortLived = await f.emu.issueAccessToken(f.ada.id, { expiresInSec: 60 });
    assert.strictEqual((await f.call(PATS_PATH, { token: shortLived })).status, 200);
    await f.emu.setNow(daysFromNow(1));
    const expired = await f.call(PATS_PATH, { token: shortLived, headers: SUPPRESS });
    assert.strictEqual(expired.status, 401);
    assert.match(String(expired.json().message), /^TF400813/);
    assert.strictEqual((await f.call(PATS_PATH, { token: "not.a.jwt", headers: SUPPRESS })).status, 401);
  });

  it("refuses a PAT with 403 'The requested operation is not allowed.'", async () => {
    const pat = await f.emu.addPat(f.ada.id, { displayName: "basic", scope: "app_token", validTo: daysFromNow(5) });
    const r = await f.call(PATS_PATH, { token: null, headers: { authorization: basicAuthorizationHeader(pat.token), ...SUPPRESS } });
    assert.strictEqual(r.status, 403);
    assert.strictEqual(r.json().message, "The requested operation is not allowed.");
    assert.strictEqual(r.json().typeKey, "InvalidAccessException");
  });

  it("refuses an app-only token with 403 'Service principals are not allowed to perform this action.'", async () => {
    const appToken = await f.emu.issueAccessToken(null);
    const r = await f.call(PATS_PATH, { token: appToken });
    assert.strictEqual(r.status, 403);
    assert.strictEqual(r.json().message, "Service principals are not allowed to perform this action.");
    assert.strictEqual(
      r.json().typeName,
      "Microsoft.TeamFoundation.Framework.Server.InvalidAccessException, Microsoft.TeamFoundation.Framework.Server",
    );
  });

  it("refuses the pipeline job token (System.AccessToken) with 403 'not allowed'", async () => {
    const job = await f.emu.issueJobToken("contoso", { variableGroupAdmin: true });
    const r = await f.call(PATS_PATH, { token: job });
    assert.strictEqual(r.status, 403);
    assert.strictEqual(r.json().message, "The requested operation is not allowed.");
  });

  it("answers 401 TF400813 naming a user who is not a member of the organization", async () => {
    const outsider = await f.emu.addUser({ displayName: "Out Sider", principalName: "out@elsewhere.com" });
    const r = await f.call(PATS_PATH, { token: await f.emu.issueAccessToken(outsider.id) });
    assert.strictEqual(r.status, 401);
    assert.strictEqual(r.json().message, "TF400813: The user 'out@elsewhere.com' is not authorized to access this resource.");
  });

  it("validates api-version: required, well-formed, in range, -preview on preview areas", async () => {
    const typeKey = async (query: Record<string, string>) => {
      const r = await f.call(PATS_PATH, { query });
      assert.strictEqual(r.status, 400, r.text);
      return `${r.json().typeKey}`;
    };
    assert.strictEqual(await typeKey({}), "VssVersionNotSpecifiedException");
    assert.strictEqual(await typeKey({ "api-version": "7.1" }), "VssInvalidPreviewVersionException");
    assert.strictEqual(await typeKey({ "api-version": "8.0-preview.1" }), "VssVersionOutOfRangeException");
    assert.strictEqual(await typeKey({ "api-version": "latest" }), "VssInvalidApiVersionException");
    assert.strictEqual(
      (await f.call(PATS_PATH, { query: {}, headers: { accept: `application/json;api-version=${V71}` } })).status,
      200,
      "Accept header version",
    );
    assert.strictEqual((await f.call(PATS_PATH, { query: { "api-version": "7.2-preview.1" } })).status, 200);
  });

  it("answers 404 for an unknown organization and an unknown route", async () => {
    assert.strictEqual((await f.call("/nosuchorg/_apis/tokens/pats")).status, 404);
    assert.strictEqual((await f.call("/contoso/_apis/nothing/here")).status, 404);
  });
});
