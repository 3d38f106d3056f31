/**
 * The HTTP layer against a scripted loopback server: headers, every auth-failure shape (203, 302,
 * HTML, 401), VSS error bodies, retries with Retry-After, the retry cap, timeouts, network errors.
 */
import * as assert from "assert";
import { ApiError, NetworkError, NotSignedInError, RequestTimeoutError, ThrottledError, VssApiError } from "../../src/api/errors";
import { HttpClient, type HttpClientOptions, type RetryEvent } from "../../src/api/http";
import { basicPat, bearer } from "../../src/api/credential";
import { AZURE_DEVOPS_RESOURCE } from "../../src/api/model";
import { parseRetryAfter } from "../../src/api/retry-after";
import { assertNoSecrets } from "../support/secrets";
import { sendJson, startLocalServer, vssError, type LocalServer } from "./local-server";
import { rejectionOf } from "../support/rejection";

const TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.secret-access-token-value";
const ENTRA_HINT =
  "Check that the credential is a Microsoft Entra access token of a user (not a personal access token, the pipeline's " +
  `System.AccessToken or an app-only token), issued for Azure DevOps (audience ${AZURE_DEVOPS_RESOURCE}, ` +
  "delegated permissions vso.pats to read and vso.pats_manage to change PATs), not expired, and that the user is a member of the organization.";

describe("api/http", () => {
  let server: LocalServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  function client(o: Partial<HttpClientOptions> = {}): { http: HttpClient; sleeps: number[]; retries: RetryEvent[] } {
    const sleeps: number[] = [];
    const retries: RetryEvent[] = [];
    const http = new HttpClient({
      credential: bearer(() => TOKEN),
      sleep: async (ms) => void sleeps.push(ms),
      onRetry: (e) => retries.push(e),
      ...o,
    });
    return { http, sleeps, retries };
  }

  async function failure(p: Promise<unknown>): Promise<Error> {
    const e = await rejectionOf(p);
    assertNoSecrets([e.message, String(e.stack)], [TOKEN]);
    return e;
  }

  it("sends api-version, Accept json, X-TFS-FedAuthRedirect: Suppress and the bearer token; parses JSON", async () => {
    server = await startLocalServer((_req, res) => sendJson(res, 200, { ok: true }));
    const { http } = client();
    const res = await http.request<{ ok: boolean }>({
      method: "POST",
      url: `${server.url}/org/_apis/x`,
      apiVersion: "7.1-preview.1",
      query: { a: "b c", skip: undefined },
      body: { n: 1 },
    });
    assert.deepStrictEqual(res.body, { ok: true });
    const seen = server.requests[0];
    assert.strictEqual(seen.url, "/org/_apis/x?a=b+c&api-version=7.1-preview.1");
    assert.strictEqual(seen.headers["x-tfs-fedauthredirect"], "Suppress");
    assert.strictEqual(seen.headers.accept, "application/json");
    assert.strictEqual(seen.headers.authorization, `Bearer ${TOKEN}`);
    assert.strictEqual(seen.headers["content-type"], "application/json");
    assert.strictEqual(seen.body, '{"n":1}');
  });

  it("basicPat sends Basic base64(:pat)", async () => {
    server = await startLocalServer((_req, res) => sendJson(res, 200, {}));
    const pat = "abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrst";
    await new HttpClient({ credential: basicPat(pat) }).request({ method: "GET", url: server.url });
    assert.strictEqual(server.requests[0].headers.authorization, `Basic ${Buffer.from(`:${pat}`).toString("base64")}`);
  });

  it("maps 203 with the HTML sign-in page to NotSignedInError", async () => {
    server = await startLocalServer((_req, res) => {
      res.writeHead(203, { "content-type": "text/html; charset=utf-8" });
      res.end("<!DOCTYPE html><html><head><title>Azure DevOps Services | Sign In</title></head></html>");
    });
    const e = await failure(client().http.request({ method: "GET", url: `${server.url}/org/_apis/tokens/pats`, action: "list PATs" }));
    assert.ok(e instanceof NotSignedInError);
    assert.strictEqual(e.status, 203);
    assert.strictEqual(
      e.message,
      `Not signed in with a Microsoft Entra user token: Azure DevOps answered HTTP 203 with a sign-in page to list PATs. ${ENTRA_HINT}`,
    );
  });

  it("maps a 302 redirect to the sign-in page to NotSignedInError without following it", async () => {
    server = await startLocalServer((_req, res) => {
      res.writeHead(302, { location: "https://spsprod.vssps.visualstudio.com/_signin?realm=x" });
      res.end("Object moved");
    });
    const e = await failure(client().http.request({ method: "GET", url: `${server.url}/org/_apis/tokens/pats` }));
    assert.ok(e instanceof NotSignedInError);
    assert.strictEqual(
      e.message,
      `Not signed in with a Microsoft Entra user token: Azure DevOps answered a redirect to the sign-in page (HTTP 302) to GET ${server.url}/org/_apis/tokens/pats. ${ENTRA_HINT}`,
    );
    assert.strictEqual(server.requests.length, 1);
  });

  it("maps any HTML body, even with 200, to NotSignedInError", async () => {
    server = await startLocalServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/plain" });
      res.end("  <html><body>Sign In</body></html>");
    });
    const e = await failure(client().http.request({ method: "GET", url: server.url, action: "list PATs" }));
    assert.ok(e instanceof NotSignedInError);
    assert.strictEqual(
      e.message,
      `Not signed in with a Microsoft Entra user token: Azure DevOps answered an HTML page (HTTP 200) to list PATs. ${ENTRA_HINT}`,
    );
  });

  it("maps 401 TF400813 to NotSignedInError quoting the service", async () => {
    server = await startLocalServer((_req, res) =>
      sendJson(res, 401, vssError("TF400813: The user '' is not authorized to access this resource.", "UnauthorizedRequestException")),
    );
    const e = await failure(client().http.request({ method: "GET", url: server.url, action: "list PATs" }));
    assert.ok(e instanceof NotSignedInError);
    assert.strictEqual(e.status, 401);
    assert.strictEqual(
      e.message,
      `Not signed in with a Microsoft Entra user token: Azure DevOps answered HTTP 401 "TF400813: The user '' is not authorized to access this resource." to list PATs. ${ENTRA_HINT}`,
    );
  });

  it("words a rejected PAT as a PAT problem", async () => {
    server = await startLocalServer((_req, res) =>
      sendJson(res, 401, vssError("TF400813: The user '' is not authorized to access this resource.", "UnauthorizedRequestException")),
    );
    const e = await failure(
      new HttpClient({ credential: basicPat("p".repeat(52)) }).request({
        method: "GET",
        url: server.url,
        action: "read the connection data",
      }),
    );
    assert.ok(e instanceof NotSignedInError);
    assert.match(e.message, /^Not signed in: Azure DevOps did not accept the personal access token \(it answered HTTP 401 "TF400813/);
    assert.match(
      e.message,
      /Check that the PAT is not expired or revoked, is valid for this organization, and has the scopes this call needs\.$/,
    );
  });

  it("words a rejected job token (System.AccessToken) as such", async () => {
    server = await startLocalServer((_req, res) =>
      sendJson(res, 401, vssError("TF400813: The user '' is not authorized to access this resource.", "UnauthorizedRequestException")),
    );
    const e = await failure(
      new HttpClient({ credential: bearer(() => TOKEN, "jobToken") }).request({
        method: "GET",
        url: server.url,
        action: "read the variable group 'x'",
      }),
    );
    assert.ok(e instanceof NotSignedInError);
    assert.strictEqual(
      e.message,
      "Not signed in: Azure DevOps did not accept the job access token System.AccessToken (it answered HTTP 401 \"TF400813: The user '' is not " +
        "authorized to access this resource.\" to read the variable group 'x'). Check that the pipeline lets jobs use the OAuth token and " +
        "that the build service account is a member of the project.",
    );
  });

  it("maps 403 'The requested operation is not allowed.' to VssApiError explaining PATs and System.AccessToken cannot call it", async () => {
    server = await startLocalServer((_req, res) =>
      sendJson(res, 403, vssError("The requested operation is not allowed.", "InvalidAccessException")),
    );
    const e = await failure(client().http.request({ method: "GET", url: server.url, action: "list PATs" }));
    assert.ok(e instanceof VssApiError);
    assert.strictEqual(e.typeKey, "InvalidAccessException");
    assert.strictEqual(e.status, 403);
    assert.strictEqual(e.serviceMessage, "The requested operation is not allowed.");
    assert.strictEqual(
      e.message,
      "Azure DevOps refused to list PATs (HTTP 403 InvalidAccessException): The requested operation is not allowed. This API accepts only a " +
        "Microsoft Entra user token: a personal access token or the pipeline's System.AccessToken cannot call it. Sign in as a user " +
        "(refresh token, access token or username and password).",
    );
  });

  it("maps 403 'Service principals are not allowed...' to VssApiError explaining it", async () => {
    server = await startLocalServer((_req, res) =>
      sendJson(res, 403, vssError("Service principals are not allowed to perform this action.", "InvalidAccessException")),
    );
    const e = await failure(client().http.request({ method: "POST", url: server.url, action: "create the PAT 'x'" }));
    assert.ok(e instanceof VssApiError);
    assert.strictEqual(
      e.message,
      "Azure DevOps refused to create the PAT 'x' (HTTP 403 InvalidAccessException): Service principals are not allowed to perform this action. " +
        "Service principals and managed identities cannot manage PATs: sign in as a user, so that the token is a delegated " +
        "Microsoft Entra user token (permissions vso.pats and vso.pats_manage).",
    );
  });

  it("maps other VSS error bodies to VssApiError with the service's message, and bodiless failures to ApiError", async () => {
    server = await startLocalServer((req, res) => {
      if (req.url.startsWith("/vss"))
        sendJson(res, 400, vssError("TF400898: An Internal Error Occurred. Activity Id: 1.", "JsonReaderException"));
      else {
        res.writeHead(404);
        res.end("not here");
      }
    });
    const e = await failure(client().http.request({ method: "PUT", url: `${server.url}/vss` }));
    assert.ok(e instanceof VssApiError);
    assert.strictEqual(
      e.message,
      `Azure DevOps refused to PUT ${server.url}/vss (HTTP 400 JsonReaderException): TF400898: An Internal Error Occurred. Activity Id: 1.`,
    );
    const plain = await failure(client().http.request({ method: "GET", url: `${server.url}/plain` }));
    assert.ok(plain instanceof ApiError && !(plain instanceof VssApiError));
    assert.strictEqual(plain.message, `Azure DevOps answered HTTP 404 to GET ${server.url}/plain: not here`);
  });

  it("retries a 429 after the Retry-After seconds, then succeeds", async () => {
    server = await startLocalServer((_req, res, i) => {
      if (i === 0)
        sendJson(
          res,
          429,
          vssError(
            "TF400733: The request has been canceled: Request was blocked due to exceeding usage of resource 'x'.",
            "ClientRequestThrottledException",
          ),
          { "retry-after": "3" },
        );
      else sendJson(res, 200, { value: 1 });
    });
    const { http, sleeps, retries } = client();
    const res = await http.request<{ value: number }>({ method: "GET", url: server.url });
    assert.deepStrictEqual(res.body, { value: 1 });
    assert.deepStrictEqual(sleeps, [3000]);
    assert.strictEqual(retries[0].status, 429);
    assert.strictEqual(server.requests.length, 2);
  });

  it("reads Retry-After as an HTTP date too", () => {
    const now = Date.parse("2026-11-23T10:00:00Z");
    assert.strictEqual(parseRetryAfter("Mon, 23 Nov 2026 10:00:07 GMT", now), 7000);
    assert.strictEqual(parseRetryAfter("Mon, 23 Nov 2026 09:00:00 GMT", now), 0);
    assert.strictEqual(parseRetryAfter("1.5", now), 1500);
    assert.strictEqual(parseRetryAfter("soon", now), undefined);
    assert.strictEqual(parseRetryAfter(null, now), undefined);
  });

  it("gives up after maxAttempts with a clear ThrottledError", async () => {
    server = await startLocalServer((_req, res) =>
      sendJson(
        res,
        429,
        vssError(
          "TF400733: The request has been canceled: Request was blocked due to exceeding usage of resource 'x'.",
          "ClientRequestThrottledException",
        ),
        { "retry-after": "2" },
      ),
    );
    const { http, sleeps } = client({ maxAttempts: 3 });
    const e = await failure(http.request({ method: "GET", url: server.url, action: "list PATs" }));
    assert.ok(e instanceof ThrottledError);
    assert.strictEqual(e.status, 429);
    assert.deepStrictEqual(sleeps, [2000, 2000]);
    assert.strictEqual(server.requests.length, 3);
    assert.strictEqual(
      e.message,
      "Azure DevOps is throttling requests (HTTP 429: TF400733: The request has been canceled: Request was blocked due to exceeding usage " +
        "of resource 'x'.) and still refused to list PATs after 3 attempts over 4 s; gave up. It asked to wait 2 s more. Try again later, " +
        "or make fewer requests at once.",
    );
  });

  it("gives up at once when Retry-After is beyond the total time cap", async () => {
    server = await startLocalServer((_req, res) => sendJson(res, 503, {}, { "retry-after": "600" }));
    const { http, sleeps } = client({ maxRetryTotalMs: 60_000 });
    const e = await failure(http.request({ method: "GET", url: server.url, action: "list PATs" }));
    assert.ok(e instanceof ThrottledError);
    assert.deepStrictEqual(sleeps, []);
    assert.match(
      e.message,
      /^Azure DevOps is unavailable \(HTTP 503\) and still refused to list PATs after 1 attempt over \d+ ms; gave up\. It asked to wait 600 s more\./,
    );
  });

  it("backs off exponentially on 503 without Retry-After, within the cap", async () => {
    server = await startLocalServer((_req, res, i) => (i < 3 ? sendJson(res, 503, {}) : sendJson(res, 200, {})));
    const { http, sleeps } = client();
    await http.request({ method: "DELETE", url: server.url });
    assert.deepStrictEqual(sleeps, [1000, 2000, 4000]);
  });

  it("never resends a POST after a 503 (the outcome is unknown), but does after a 429", async () => {
    server = await startLocalServer((req, res, i) => {
      if (req.url === "/503") sendJson(res, 503, vssError("Service unavailable", "ServiceUnavailableException"));
      else if (i === 1) sendJson(res, 429, {}, { "retry-after": "1" });
      else sendJson(res, 200, { created: true });
    });
    const { http } = client();
    const e = await failure(http.request({ method: "POST", url: `${server.url}/503`, body: {} }));
    assert.ok(e instanceof VssApiError);
    assert.strictEqual(e.status, 503);
    assert.strictEqual(server.requests.length, 1);
    const ok = await http.request<{ created: boolean }>({ method: "POST", url: `${server.url}/429`, body: {} });
    assert.deepStrictEqual(ok.body, { created: true });
    assert.strictEqual(server.requests.length, 3);
  });

  it("times out with RequestTimeoutError (retrying an idempotent GET within the attempts)", async () => {
    server = await startLocalServer(() => undefined);
    const { http } = client({ timeoutMs: 150, maxAttempts: 2 });
    const e = await failure(http.request({ method: "GET", url: server.url, action: "list PATs" }));
    assert.ok(e instanceof RequestTimeoutError);
    assert.strictEqual(
      e.message,
      "Azure DevOps did not answer the request to list PATs within 150 ms. Check the network and proxy, or try again later.",
    );
    assert.strictEqual(server.requests.length, 2);
  });

  it("does not resend a timed-out POST", async () => {
    server = await startLocalServer(() => undefined);
    const e = await failure(client({ timeoutMs: 100 }).http.request({ method: "POST", url: server.url, body: {} }));
    assert.ok(e instanceof RequestTimeoutError);
    assert.strictEqual(server.requests.length, 1);
  });

  it("lets a failing token source's own error through, without sending anything", async () => {
    server = await startLocalServer((_req, res) => sendJson(res, 200, {}));
    class SignInFailed extends Error {}
    const http = new HttpClient({ credential: bearer(() => Promise.reject(new SignInFailed("refresh token expired"))) });
    await assert.rejects(
      http.request({ method: "GET", url: server.url }),
      (e: unknown) => e instanceof SignInFailed && e.message === "refresh token expired",
    );
    assert.strictEqual(server.requests.length, 0);
  });

  it("maps a refused connection to NetworkError naming the cause", async () => {
    server = await startLocalServer(() => undefined);
    const url = server.url;
    await server.close();
    server = undefined;
    const e = await failure(client({ maxAttempts: 1 }).http.request({ method: "GET", url, action: "list PATs" }));
    assert.ok(e instanceof NetworkError);
    assert.match(
      e.message,
      /^Could not reach Azure DevOps to list PATs: fetch failed: .*ECONNREFUSED.*\. Check the URL, the network and the proxy settings\.$/,
    );
  });
});
