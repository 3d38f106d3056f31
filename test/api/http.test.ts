/**
 * The HTTP layer against a scripted loopback server: headers, every auth-failure shape (203, 302,
 * HTML, 401), VSS error bodies, retries with Retry-After, the retry cap, timeouts, network errors.
 */
import * as assert from "assert";
import type { ServerResponse } from "http";
import * as sinon from "sinon";
import { ApiError, NetworkError, NotSignedInError, RequestTimeoutError, ThrottledError, VssApiError } from "../../src/api/errors";
import { HttpClient, type HttpClientOptions, type RetryEvent } from "../../src/api/http";
import { basicPat, bearer, type Credential } from "../../src/api/credential";
import { ENTRA_HINT, patRefused, servicePrincipalRefused } from "./expected-sentences";
import { parseRetryAfter } from "../../src/api/retry-after";
import { assertNoSecrets } from "../support/secrets";
import { sendJson, startLocalServer, vssError, type LocalServer } from "./local-server";
import { rejectionOf } from "../support/rejection";

const TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.secret-access-token-value";

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

  /** One answer the server gives, the request, and the error a user then sees. */
  interface FailureCase {
    title: string;
    answer: (res: ServerResponse) => void;
    request: { method: "GET" | "POST"; path?: string; action?: string };
    credential?: Credential;
    error: typeof NotSignedInError | typeof VssApiError;
    /** The whole message (given the server's URL), or patterns it must match. */
    message: ((url: string) => string) | RegExp[];
    check?: (e: Error, server: LocalServer) => void;
  }
  const TF400813 = vssError("TF400813: The user '' is not authorized to access this resource.", "UnauthorizedRequestException");
  const failureCases: FailureCase[] = [
    {
      title: "maps 203 with the HTML sign-in page to NotSignedInError",
      answer: (res) => {
        res.writeHead(203, { "content-type": "text/html; charset=utf-8" });
        res.end("<!DOCTYPE html><html><head><title>Azure DevOps Services | Sign In</title></head></html>");
      },
      request: { method: "GET", path: "/org/_apis/tokens/pats", action: "list PATs" },
      error: NotSignedInError,
      message: () =>
        `Not signed in with a Microsoft Entra user token: Azure DevOps answered HTTP 203 with a sign-in page to list PATs. ${ENTRA_HINT}`,
      check: (e) => assert.strictEqual((e as NotSignedInError).status, 203),
    },
    {
      title: "maps a 302 redirect to the sign-in page to NotSignedInError without following it",
      answer: (res) => {
        res.writeHead(302, { location: "https://spsprod.vssps.visualstudio.com/_signin?realm=x" });
        res.end("Object moved");
      },
      request: { method: "GET", path: "/org/_apis/tokens/pats" },
      error: NotSignedInError,
      message: (url) =>
        `Not signed in with a Microsoft Entra user token: Azure DevOps answered a redirect to the sign-in page (HTTP 302) to GET ${url}/org/_apis/tokens/pats. ${ENTRA_HINT}`,
      check: (_e, server) => assert.strictEqual(server.requests.length, 1),
    },
    {
      title: "maps any HTML body, even with 200, to NotSignedInError",
      answer: (res) => {
        res.writeHead(200, { "content-type": "text/plain" });
        res.end("  <html><body>Sign In</body></html>");
      },
      request: { method: "GET", action: "list PATs" },
      error: NotSignedInError,
      message: () =>
        `Not signed in with a Microsoft Entra user token: Azure DevOps answered an HTML page (HTTP 200) to list PATs. ${ENTRA_HINT}`,
    },
    {
      title: "maps 401 TF400813 to NotSignedInError quoting the service",
      answer: (res) => sendJson(res, 401, TF400813),
      request: { method: "GET", action: "list PATs" },
      error: NotSignedInError,
      message: () =>
        `Not signed in with a Microsoft Entra user token: Azure DevOps answered HTTP 401 "TF400813: The user '' is not authorized to access this resource." to list PATs. ${ENTRA_HINT}`,
      check: (e) => assert.strictEqual((e as NotSignedInError).status, 401),
    },
    {
      title: "words a rejected PAT as a PAT problem",
      answer: (res) => sendJson(res, 401, TF400813),
      request: { method: "GET", action: "read the connection data" },
      credential: basicPat("p".repeat(52)),
      error: NotSignedInError,
      message: [
        /^Not signed in: Azure DevOps did not accept the personal access token \(it answered HTTP 401 "TF400813/,
        /Check that the PAT is not expired or revoked, is valid for this organization, and has the scopes this call needs\.$/,
      ],
    },
    {
      title: "words a rejected job token (System.AccessToken) as such",
      answer: (res) => sendJson(res, 401, TF400813),
      request: { method: "GET", action: "read the variable group 'x'" },
      credential: bearer(() => TOKEN, "jobToken"),
      error: NotSignedInError,
      message: () =>
        "Not signed in: Azure DevOps did not accept the job access token System.AccessToken (it answered HTTP 401 \"TF400813: The user '' is not " +
        "authorized to access this resource.\" to read the variable group 'x'). Check that the pipeline lets jobs use the OAuth token and " +
        "that the build service account is a member of the project.",
    },
    {
      title: "maps 403 'The requested operation is not allowed.' to VssApiError explaining PATs and System.AccessToken cannot call it",
      answer: (res) => sendJson(res, 403, vssError("The requested operation is not allowed.", "InvalidAccessException")),
      request: { method: "GET", action: "list PATs" },
      error: VssApiError,
      message: () => patRefused("list PATs"),
      check: (e) => {
        const vss = e as VssApiError;
        assert.strictEqual(vss.typeKey, "InvalidAccessException");
        assert.strictEqual(vss.status, 403);
        assert.strictEqual(vss.serviceMessage, "The requested operation is not allowed.");
      },
    },
    {
      title: "maps 403 'Service principals are not allowed...' to VssApiError explaining it",
      answer: (res) => sendJson(res, 403, vssError("Service principals are not allowed to perform this action.", "InvalidAccessException")),
      request: { method: "POST", action: "create the PAT 'x'" },
      error: VssApiError,
      message: () => servicePrincipalRefused("create the PAT 'x'"),
    },
  ];
  for (const c of failureCases) {
    it(c.title, async () => {
      const local = await startLocalServer((_req, res) => c.answer(res));
      server = local;
      const http = c.credential ? new HttpClient({ credential: c.credential }) : client().http;
      const e = await failure(
        http.request({ method: c.request.method, url: `${local.url}${c.request.path ?? ""}`, action: c.request.action }),
      );
      assert.ok(e instanceof c.error, String(e));
      if (typeof c.message === "function") assert.strictEqual(e.message, c.message(local.url));
      else for (const pattern of c.message) assert.match(e.message, pattern);
      c.check?.(e, local);
    });
  }

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

  /** Azure DevOps blocking a throttled caller: 429, TF400733 and Retry-After. */
  const sendBlocked = (res: Parameters<typeof sendJson>[0], retryAfterSeconds: string) =>
    sendJson(
      res,
      429,
      vssError(
        "TF400733: The request has been canceled: Request was blocked due to exceeding usage of resource 'x'.",
        "ClientRequestThrottledException",
      ),
      { "retry-after": retryAfterSeconds },
    );

  it("retries a 429 after the Retry-After seconds, then succeeds", async () => {
    server = await startLocalServer((_req, res, i) => {
      if (i === 0) sendBlocked(res, "3");
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
    server = await startLocalServer((_req, res) => sendBlocked(res, "2"));
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

  /** Waits on real I/O (not on the faked timers) until `reached` holds. */
  async function until(reached: () => boolean): Promise<void> {
    while (!reached()) await new Promise((resolve) => setImmediate(resolve));
  }

  it("times out with RequestTimeoutError (retrying an idempotent GET within the attempts)", async () => {
    const local = await startLocalServer(() => undefined);
    server = local;
    const clock = sinon.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      const { http } = client({ timeoutMs: 150, maxAttempts: 2 });
      const settled = failure(http.request({ method: "GET", url: local.url, action: "list PATs" }));
      await until(() => local.requests.length === 1);
      await clock.tickAsync(150);
      await until(() => local.requests.length === 2);
      await clock.tickAsync(150);
      const e = await settled;
      assert.ok(e instanceof RequestTimeoutError);
      assert.strictEqual(
        e.message,
        "Azure DevOps did not answer the request to list PATs within 150 ms. Check the network and proxy, or try again later.",
      );
      assert.strictEqual(local.requests.length, 2);
    } finally {
      clock.restore();
    }
  });

  it("does not resend a timed-out POST", async () => {
    const local = await startLocalServer(() => undefined);
    server = local;
    const clock = sinon.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      const settled = failure(client({ writeTimeoutMs: 100 }).http.request({ method: "POST", url: local.url, body: {} }));
      await until(() => local.requests.length === 1);
      await clock.tickAsync(100);
      const e = await settled;
      assert.ok(e instanceof RequestTimeoutError);
      assert.strictEqual(local.requests.length, 1);
    } finally {
      clock.restore();
    }
  });

  it("gives a GET 60 s and a POST 30 s more, as Azure DevOps may hold a throttled request 30 s: a POST answered after 85 s is not lost, after 90 s it is", async () => {
    const clock = sinon.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      // Answers after `holdMs` of fake time, or fails the way fetch does when the request is aborted.
      const heldFetch =
        (holdMs: number): typeof fetch =>
        (_input, init) =>
          new Promise<Response>((resolve, reject) => {
            const timer = setTimeout(
              () => resolve(new Response(JSON.stringify({ ok: true }), { status: 200, headers: { "content-type": "application/json" } })),
              holdMs,
            );
            init?.signal?.addEventListener("abort", () => {
              clearTimeout(timer);
              reject(new DOMException("This operation was aborted", "AbortError"));
            });
          });
      const post = client({ fetch: heldFetch(85_000) }).http.request<{ ok: boolean }>({
        method: "POST",
        url: "https://dev.azure.invalid/x",
        body: {},
      });
      await clock.tickAsync(85_000);
      assert.deepStrictEqual((await post).body, { ok: true }, "a POST answered after 85 s (within 60 s + 30 s) was given up");
      const get = failure(
        client({ fetch: heldFetch(85_000), maxAttempts: 1 }).http.request({
          method: "GET",
          url: "https://dev.azure.invalid/x",
          action: "list PATs",
        }),
      );
      await clock.tickAsync(60_000);
      const e = await get;
      assert.ok(e instanceof RequestTimeoutError, e.message);
      assert.match(e.message, /within 60 s\./);
      const slow = failure(
        client({ fetch: heldFetch(120_000) }).http.request({
          method: "POST",
          url: "https://dev.azure.invalid/x",
          body: {},
          action: "create the PAT 'x'",
        }),
      );
      await clock.tickAsync(90_000);
      assert.strictEqual(
        (await slow).message,
        "Azure DevOps did not answer the request to create the PAT 'x' within 90 s. Check the network and proxy, or try again later.",
      );
    } finally {
      clock.restore();
    }
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
