/** The emulator answers CORS on its Azure DevOps listeners as the service does for bearer calls. */
import * as assert from "assert";
import { PATS_PATH, V71, startRawCallFixture, type Fixture, type RawAnswer } from "./fixture";

/** An extension frame's origin, as the hub has in Azure DevOps: not the API's. */
const HUB_ORIGIN = "https://pat-lifecycle.gallerycdn.vsassets.io";

describe("emulator: CORS on the Azure DevOps listeners", function () {
  let f: Fixture;
  before(async () => {
    f = await startRawCallFixture();
  });
  after(async () => f?.emu.stop());
  afterEach(async () => {
    await f.emu.setFidelity({ corsOnErrors: false });
    await f.emu.clearFaults();
    await f.emu.setRateLimit(null);
  });

  const preflight = (path: string, o: { base?: string; method?: string; headers?: string } = {}): Promise<RawAnswer> =>
    f.call(path, {
      base: o.base,
      method: "OPTIONS",
      token: null,
      headers: {
        origin: HUB_ORIGIN,
        "access-control-request-method": o.method ?? "GET",
        "access-control-request-headers": o.headers ?? "authorization,content-type,x-tfs-fedauthredirect",
      },
    });

  const listFromHub = (o: { token?: string | null; headers?: Record<string, string> } = {}): Promise<RawAnswer> =>
    f.call(PATS_PATH, { token: o.token, headers: { origin: HUB_ORIGIN, "x-tfs-fedauthredirect": "Suppress", ...o.headers } });

  /** What a browser checks before it lets the page read an answer (and the headers on it). */
  const assertReadableFromHub = (r: RawAnswer, exposed: string[]): void => {
    assert.strictEqual(r.headers.get("access-control-allow-origin"), HUB_ORIGIN, `status ${r.status} without Access-Control-Allow-Origin`);
    assert.strictEqual(r.headers.get("access-control-allow-credentials"), null, "the credential is a header, never a cookie");
    const list = (r.headers.get("access-control-expose-headers") ?? "").split(",").map((h) => h.trim().toLowerCase());
    for (const name of exposed) assert.ok(list.includes(name), `${name} is not exposed to script: ${list.join(", ")}`);
  };

  it("answers a preflight with 204 granting the hub's methods and headers, on vssps and dev.azure.com, without a credential", async () => {
    for (const [base, path, method] of [
      [f.emu.vsspsUrl, PATS_PATH, "DELETE"],
      [f.emu.vsspsUrl, "/_apis/profile/profiles/me", "GET"],
      [f.emu.devopsUrl, "/contoso/_apis/connectionData", "GET"],
      [f.emu.vsspsUrl, "/no-such-org/_apis/tokens/pats", "POST"],
    ]) {
      const r = await preflight(path, { base, method });
      assert.strictEqual(r.status, 204, `${method} ${base}${path}: ${r.text}`);
      assert.strictEqual(r.text, "");
      assert.strictEqual(r.headers.get("access-control-allow-origin"), HUB_ORIGIN);
      const methods = (r.headers.get("access-control-allow-methods") ?? "").split(",").map((m) => m.trim());
      for (const m of ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"])
        assert.ok(methods.includes(m), `${m} not allowed: ${methods.join(", ")}`);
      const headers = (r.headers.get("access-control-allow-headers") ?? "").split(",").map((h) => h.trim().toLowerCase());
      const needed = ["authorization", "content-type", "accept", "x-tfs-fedauthredirect", "x-tfs-session", "x-vss-reauthenticationaction"];
      for (const h of needed) assert.ok(headers.includes(h), `${h} not allowed: ${headers.join(", ")}`);
      assert.match(r.headers.get("access-control-max-age") ?? "", /^[1-9]\d*$/);
      assert.strictEqual(r.headers.get("access-control-allow-credentials"), null);
    }
    const log = (await f.emu.requests()).filter((q) => q.method === "OPTIONS");
    assert.ok(log.length >= 4 && log.every((q) => q.status === 204), "preflights are in the request log as 204");
  });

  it("does not spend faults or the rate limit on preflights: the API call after it gets them", async () => {
    await f.emu.addFault({ path: ".*", kind: "status", status: 500, times: 1 });
    assert.strictEqual((await preflight(PATS_PATH)).status, 204);
    const faulted = await listFromHub();
    assert.strictEqual(faulted.status, 500, "the fault was still there for the GET");
    assertReadableFromHub(faulted, ["activityid"]);

    await f.emu.setRateLimit({ budget: 1, windowMs: 60_000, retryAfterSec: 9 });
    for (let i = 0; i < 3; i++) assert.strictEqual((await preflight(PATS_PATH)).status, 204);
    assert.strictEqual((await listFromHub()).status, 200, "preflights did not use the budget");
  });

  it("lets the hub read a successful answer and its paging header (graph's X-MS-ContinuationToken)", async () => {
    const list = await listFromHub();
    assert.strictEqual(list.status, 200, list.text);
    assertReadableFromHub(list, ["date", "x-ms-continuationtoken"]);
    assert.match(list.headers.get("vary") ?? "", /origin/i, "caches keep answers for different origins apart");

    await f.emu.addUser({ displayName: "Grace Hopper", principalName: "grace@contoso.com", organizations: ["contoso"] });
    await f.emu.configure({ graphPageSize: 1 });
    try {
      const users = await f.call("/contoso/_apis/graph/users", {
        query: { "api-version": "7.1-preview.1" },
        headers: { origin: HUB_ORIGIN },
      });
      assert.strictEqual(users.status, 200, users.text);
      assert.ok(users.headers.get("x-ms-continuationtoken"), "a second page exists");
      assertReadableFromHub(users, ["x-ms-continuationtoken"]);
    } finally {
      await f.emu.configure({ graphPageSize: 100 });
    }

    const connection = await f.call("/contoso/_apis/connectionData", { base: f.emu.devopsUrl, query: {}, headers: { origin: HUB_ORIGIN } });
    assert.strictEqual(connection.status, 200, connection.text);
    assertReadableFromHub(connection, []);
  });

  it("answers 401 and 203 sign-in answers without CORS headers by default, as reported (azure-devops-extension-api#100, #68)", async () => {
    const expired = await f.emu.issueAccessToken(f.ada.id, { expiresInSec: -60 });
    const refused = await listFromHub({ token: expired });
    assert.strictEqual(refused.status, 401, refused.text);
    assert.strictEqual(refused.headers.get("access-control-allow-origin"), null);
    const signInPage = await f.call(PATS_PATH, { token: null, headers: { origin: HUB_ORIGIN } });
    assert.strictEqual(signInPage.status, 203);
    assert.strictEqual(signInPage.headers.get("access-control-allow-origin"), null);
    const ok = await listFromHub();
    assert.strictEqual(ok.headers.get("access-control-allow-origin"), HUB_ORIGIN);
  });

  it("with corsOnErrors: lets the hub read 401 (and 203) not-signed-in answers with the sign-in header", async () => {
    await f.emu.setFidelity({ corsOnErrors: true });
    const expired = await f.emu.issueAccessToken(f.ada.id, { expiresInSec: -60 });
    const refused = await listFromHub({ token: expired });
    assert.strictEqual(refused.status, 401, refused.text);
    assert.match(String(refused.json().message), /^TF400813/);
    assertReadableFromHub(refused, ["x-tfs-fedauthredirect", "activityid"]);

    const signInPage = await f.call(PATS_PATH, { token: null, headers: { origin: HUB_ORIGIN } });
    assert.strictEqual(signInPage.status, 203);
    assert.ok(signInPage.headers.get("x-tfs-fedauthredirect"));
    assertReadableFromHub(signInPage, ["x-tfs-fedauthredirect"]);
  });

  it("lets the hub read 429 and its Retry-After / X-RateLimit-* headers, and VSS errors", async () => {
    await f.emu.setRateLimit({ budget: 0, windowMs: 60_000, retryAfterSec: 12 });
    const throttled = await listFromHub();
    assert.strictEqual(throttled.status, 429);
    assert.strictEqual(throttled.headers.get("retry-after"), "12");
    const rateHeaders = ["x-ratelimit-resource", "x-ratelimit-delay", "x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset"];
    assertReadableFromHub(throttled, ["retry-after", ...rateHeaders]);
    await f.emu.setRateLimit(null);

    await f.emu.addFault({ method: "GET", path: "/tokens/pats$", kind: "status", status: 429, retryAfterSec: 3, times: 1 });
    const faulted = await listFromHub();
    assert.strictEqual(faulted.status, 429);
    assertReadableFromHub(faulted, ["retry-after"]);

    const noVersion = await f.call(PATS_PATH, { query: {}, headers: { origin: HUB_ORIGIN } });
    assert.strictEqual(noVersion.status, 400);
    assert.strictEqual(noVersion.json().typeKey, "VssVersionNotSpecifiedException");
    assertReadableFromHub(noVersion, []);

    const appOnly = await f.emu.issueAccessToken(null);
    const forbidden = await listFromHub({ token: appOnly });
    assert.strictEqual(forbidden.status, 403);
    assertReadableFromHub(forbidden, []);
  });

  it("answers CORS on the audit log as on the other APIs: preflight, 200 and 403 readable, 401 (no vso.auditlog) bare", async () => {
    const path = "/contoso/_apis/audit/auditlog";
    const query = { "api-version": "7.1-preview.1" };
    const pre = await preflight(path);
    assert.strictEqual(pre.status, 204);
    assert.strictEqual(pre.headers.get("access-control-allow-origin"), HUB_ORIGIN);
    const auditor = await f.emu.issueAccessToken(f.ada.id, { scopes: ["vso.auditlog"] });
    const read = await f.call(path, { query, token: auditor, headers: { origin: HUB_ORIGIN } });
    assert.strictEqual(read.status, 200, read.text);
    assertReadableFromHub(read, ["date"]);
    const member = await f.emu.addUser({ displayName: "Max Member", principalName: "max@contoso.com", organizations: ["contoso"] });
    const memberToken = await f.emu.issueAccessToken(member.id, { scopes: ["vso.auditlog"] });
    const denied = await f.call(path, { query, token: memberToken, headers: { origin: HUB_ORIGIN } });
    assert.strictEqual(denied.status, 403, denied.text);
    assert.match(String(denied.json().message), /View audit log/);
    assertReadableFromHub(denied, []);
    const unscoped = await f.call(path, { query, headers: { origin: HUB_ORIGIN } });
    assert.strictEqual(unscoped.status, 401, "Ada's token has no vso.auditlog");
    assert.strictEqual(unscoped.headers.get("access-control-allow-origin"), null);
  });

  it("adds nothing for callers that send no Origin (tasks, the CLI)", async () => {
    const r = await f.call(PATS_PATH, { query: { "api-version": V71 } });
    assert.strictEqual(r.status, 200);
    assert.strictEqual(r.headers.get("access-control-allow-origin"), null);
    assert.strictEqual(r.headers.get("access-control-expose-headers"), null);
  });
});
