/** Every error class as the emulator produces it, with the message a user sees; retries and timeouts. */
import * as assert from "assert";
import { NotSignedInError, RequestTimeoutError, ThrottledError, VssApiError } from "../../src/api/errors";
import { basicPat, bearer } from "../../src/api/credential";
import { AZURE_DEVOPS_RESOURCE } from "../../src/api/model";
import { listPats } from "../../src/api/pats";
import { assertNoSecrets } from "../support/secrets";
import { startWorld, type World } from "./emulator-world";
import { daysFromNow } from "../support/days";
import { rejectionOf } from "../support/rejection";
import { resetEmulator } from "../support/seeded-emulator";

const ENTRA_HINT =
  "Check that the credential is a Microsoft Entra access token of a user (not a personal access token, the pipeline's " +
  `System.AccessToken or an app-only token), issued for Azure DevOps (audience ${AZURE_DEVOPS_RESOURCE}, ` +
  "delegated permissions vso.pats to read and vso.pats_manage to change PATs), not expired, and that the user is a member of the organization.";
const PAT_REFUSED =
  "Azure DevOps refused to list PATs (HTTP 403 InvalidAccessException): The requested operation is not allowed. This API accepts only a " +
  "Microsoft Entra user token: a personal access token or the pipeline's System.AccessToken cannot call it. Sign in as a user " +
  "(refresh token, access token or username and password).";

describe("api errors against the emulator", function () {
  this.timeout(60_000);
  let w: World;
  before(async () => (w = await startWorld()));
  after(async () => w?.emu.stop());
  beforeEach(async () => {
    await resetEmulator(w.emu);
    w.sleeps.length = 0;
  });

  it("an expired Entra token: 401 TF400813 -> NotSignedInError", async () => {
    const expired = await w.emu.issueAccessToken(w.user.id, { expiresInSec: -60 });
    const e = await rejectionOf(listPats(w.orgCtx(w.client(bearer(() => expired)))));
    assert.ok(e instanceof NotSignedInError);
    assert.strictEqual(e.status, 401);
    assert.strictEqual(
      e.message,
      `Not signed in with a Microsoft Entra user token: Azure DevOps answered HTTP 401 "TF400813: The user '' is not authorized to access this resource." to list PATs. ${ENTRA_HINT}`,
    );
    assertNoSecrets([e.message], [expired]);
  });

  it("without the Suppress header (a proxy dropping it) the 203 HTML sign-in page -> NotSignedInError", async () => {
    const expired = await w.emu.issueAccessToken(w.user.id, { expiresInSec: -60 });
    const dropSuppress: typeof fetch = (input, init) => {
      const headers = { ...(init?.headers as Record<string, string>) };
      delete headers["X-TFS-FedAuthRedirect"];
      return globalThis.fetch(input, { ...init, headers });
    };
    const e = await rejectionOf(
      listPats(
        w.orgCtx(
          w.client(
            bearer(() => expired),
            { fetch: dropSuppress },
          ),
        ),
      ),
    );
    assert.ok(e instanceof NotSignedInError);
    assert.strictEqual(e.status, 203);
    assert.strictEqual(
      e.message,
      `Not signed in with a Microsoft Entra user token: Azure DevOps answered HTTP 203 with a sign-in page to list PATs. ${ENTRA_HINT}`,
    );
    const log = await w.logged(/\/_apis\/tokens\/pats$/i);
    assert.deepStrictEqual(
      log.map((r) => r.status),
      [203],
    );
  });

  it("a token for another audience is not an Azure DevOps sign-in", async () => {
    const graphToken = await w.emu.issueAccessToken(w.user.id, { audience: "00000003-0000-0000-c000-000000000000" });
    const e = await rejectionOf(listPats(w.orgCtx(w.client(bearer(() => graphToken)))));
    assert.ok(e instanceof NotSignedInError);
    assert.match(e.message, /^Not signed in with a Microsoft Entra user token: Azure DevOps answered HTTP 401 "TF400813/);
  });

  it("a PAT gets 403 'The requested operation is not allowed.' explained", async () => {
    const pat = await w.emu.addPat(w.user.id, { displayName: "old-style", scope: "app_token", validTo: daysFromNow(30) });
    const e = await rejectionOf(listPats(w.orgCtx(w.client(basicPat(pat.token)))));
    assert.ok(e instanceof VssApiError);
    assert.strictEqual(e.status, 403);
    assert.strictEqual(e.typeKey, "InvalidAccessException");
    assert.strictEqual(e.message, PAT_REFUSED);
    assertNoSecrets([e.message], [pat.token]);
  });

  it("the pipeline's System.AccessToken gets the same explained 403", async () => {
    const job = await w.emu.issueJobToken("contoso", { variableGroupAdmin: false });
    const e = await rejectionOf(listPats(w.orgCtx(w.client(bearer(() => job, "jobToken")))));
    assert.ok(e instanceof VssApiError);
    assert.strictEqual(e.message, PAT_REFUSED);
  });

  it("an app-only (service principal) token gets 403 'Service principals are not allowed...' explained", async () => {
    const app = await w.emu.issueAccessToken(null);
    const e = await rejectionOf(listPats(w.orgCtx(w.client(bearer(() => app)))));
    assert.ok(e instanceof VssApiError);
    assert.strictEqual(e.status, 403);
    assert.strictEqual(
      e.message,
      "Azure DevOps refused to list PATs (HTTP 403 InvalidAccessException): Service principals are not allowed to perform this action. " +
        "Service principals and managed identities cannot manage PATs: sign in as a user, so that the token is a delegated " +
        "Microsoft Entra user token (permissions vso.pats and vso.pats_manage).",
    );
  });

  it("a VSS error body (bad $top from a hand-made request) keeps the service's message", async () => {
    const e = await rejectionOf(
      w.ctx.http.request({
        method: "GET",
        url: `${w.endpoints.vssps}/contoso/_apis/tokens/pats`,
        apiVersion: "7.1-preview.1",
        query: { $top: 0 },
        action: "list PATs",
      }),
    );
    assert.ok(e instanceof VssApiError);
    assert.strictEqual(
      e.message,
      "Azure DevOps refused to list PATs (HTTP 400 ArgumentException): The value '0' is not valid for $top. It must be between 1 and 100.",
    );
  });

  it("retries a 429 honouring Retry-After, then succeeds", async () => {
    await w.emu.addFault({ method: "GET", path: "/_apis/tokens/pats$", kind: "status", status: 429, retryAfterSec: 2, times: 1 });
    const page = await listPats(w.ctx);
    assert.ok(Array.isArray(page.patTokens));
    assert.deepStrictEqual(w.sleeps, [2000]);
    const log = await w.logged(/\/_apis\/tokens\/pats$/i);
    assert.deepStrictEqual(
      log.map((r) => r.status),
      [429, 200],
    );
  });

  it("retries under the emulator's rate limit and gives up after the cap with a clear ThrottledError", async () => {
    await w.emu.setRateLimit({ budget: 0, windowMs: 600_000, retryAfterSec: 5 });
    const ctx = w.orgCtx(w.client(undefined, { maxAttempts: 3 }));
    const e = await rejectionOf(listPats(ctx));
    assert.ok(e instanceof ThrottledError);
    assert.strictEqual(e.status, 429);
    assert.strictEqual(e.retryAfterMs, 5000);
    assert.deepStrictEqual(w.sleeps, [5000, 5000]);
    assert.strictEqual(
      e.message,
      "Azure DevOps is throttling requests (HTTP 429: TF400733: The request has been canceled: Request was blocked due to exceeding usage of " +
        "resource 'Emulator/RequestsPerWindow' in namespace 'User'.) and still refused to list PATs after 3 attempts over 10 s; gave up. " +
        "It asked to wait 5 s more. Try again later, or make fewer requests at once.",
    );
    const capped = await rejectionOf(listPats(w.orgCtx(w.client(undefined, { maxRetryTotalMs: 12_000 }))));
    assert.ok(capped instanceof ThrottledError);
    assert.match(capped.message, /after 3 attempts over 10 s; gave up\. It asked to wait 5 s more\./);
  });

  it("a GET without an answer in time -> RequestTimeoutError", async () => {
    await w.emu.addFault({ method: "GET", path: "/_apis/tokens/pats$", kind: "latency", ms: 2000 });
    const ctx = w.orgCtx(w.client(undefined, { timeoutMs: 250, maxAttempts: 2 }));
    const e = await rejectionOf(listPats(ctx));
    assert.ok(e instanceof RequestTimeoutError);
    assert.strictEqual(
      e.message,
      "Azure DevOps did not answer the request to list PATs within 250 ms. Check the network and proxy, or try again later.",
    );
  });
});
