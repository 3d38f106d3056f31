/** The emulator's fault injection, rate limiting and request log. */
import * as assert from "assert";
import type { PatTokenResult } from "../../src/api/model";
import { PATS_PATH, V71, startRawCallFixture, type Fixture } from "./fixture";
import { daysFromNow } from "../support/days";
import { resetEmulator } from "../support/seeded-emulator";

describe("emulator: fault injection, rate limiting and the request log", function () {
  let f: Fixture;
  before(async () => {
    f = await startRawCallFixture();
  });
  after(async () => f?.emu.stop());
  afterEach(() => resetEmulator(f.emu));

  const createBody = (name: string) => ({ displayName: name, scope: "vso.code", validTo: daysFromNow(10), allOrgs: false });

  it("answers 429 with Retry-After for the given number of times, then normally", async () => {
    await f.emu.addFault({ method: "GET", path: "/_apis/tokens/pats$", kind: "status", status: 429, retryAfterSec: 7, times: 2 });
    for (let i = 0; i < 2; i++) {
      const r = await f.call(PATS_PATH);
      assert.strictEqual(r.status, 429);
      assert.strictEqual(r.headers.get("retry-after"), "7");
      assert.match(String(r.json().message), /^TF400733: The request has been canceled/);
    }
    assert.strictEqual((await f.call(PATS_PATH)).status, 200);
  });

  it("answers 500 and 503 with VSS error bodies; only the matching method is faulted", async () => {
    await f.emu.addFault({ method: "POST", path: "tokens/PATS", kind: "status", status: 503, retryAfterSec: 1, times: 1 });
    assert.strictEqual((await f.call(PATS_PATH)).status, 200, "GET is not faulted");
    const unavailable = await f.call(PATS_PATH, { method: "POST", body: createBody("x") });
    assert.strictEqual(unavailable.status, 503);
    assert.strictEqual(unavailable.json().typeKey, "ServiceUnavailableException");
    await f.emu.addFault({ path: ".*", kind: "status", status: 500, times: 1 });
    const failed = await f.call(PATS_PATH);
    assert.strictEqual(failed.status, 500);
    assert.match(String(failed.json().message), /^TF400898/);
  });

  it("commitThenDrop applies a create and then kills the connection", async () => {
    const before = (await f.emu.pats(f.ada.id)).length;
    await f.emu.addFault({ method: "POST", path: "/tokens/pats$", kind: "commitThenDrop", times: 1 });
    await assert.rejects(f.call(PATS_PATH, { method: "POST", body: createBody("lost-answer") }), /fetch failed/);
    const after = await f.emu.pats(f.ada.id);
    assert.strictEqual(after.length, before + 1);
    assert.ok(
      after.some((p) => p.displayName === "lost-answer"),
      "the PAT exists though the client never saw it",
    );
    const log = (await f.emu.requests()).filter((r) => r.method === "POST");
    assert.deepStrictEqual([log.at(-1)?.status, log.at(-1)?.dropped], [200, true]);
  });

  it("drop kills the connection without applying anything", async () => {
    const before = (await f.emu.pats(f.ada.id)).length;
    await f.emu.addFault({ method: "POST", path: "/tokens/pats$", kind: "drop", times: 1 });
    await assert.rejects(f.call(PATS_PATH, { method: "POST", body: createBody("never") }), /fetch failed/);
    assert.strictEqual((await f.emu.pats(f.ada.id)).length, before);
    const created = await f.call(PATS_PATH, { method: "POST", body: createBody("second-try") });
    assert.strictEqual(created.json<PatTokenResult>().patTokenError, "none");
  });

  it("latency holds the answer back (a client timeout shorter than it fires)", async () => {
    await f.emu.addFault({ path: "/tokens/pats$", kind: "latency", ms: 3000, times: 1 });
    const url = `${f.emu.vsspsUrl}${PATS_PATH}?api-version=${V71}`;
    await assert.rejects(
      fetch(url, { headers: { authorization: `Bearer ${f.adaToken}` }, signal: AbortSignal.timeout(300) }),
      /TimeoutError|aborted/,
    );
    const r = await fetch(url, { headers: { authorization: `Bearer ${f.adaToken}` } });
    assert.strictEqual(r.status, 200);
  });

  it("rate limit (delay, the default): past the budget answers are delayed with X-RateLimit-* on the 200; 429 only past 30 s", async () => {
    await f.emu.setRateLimit({ budget: 4, windowMs: 2000 }); // drains 2 per second
    for (let i = 0; i < 3; i++) {
      const quiet = await f.call(PATS_PATH);
      assert.strictEqual(quiet.status, 200);
      assert.strictEqual(quiet.headers.get("x-ratelimit-remaining"), null, "far from the limit: no headers");
    }
    const near = await f.call(PATS_PATH);
    assert.strictEqual(near.headers.get("x-ratelimit-delay"), "0.000");
    assert.strictEqual(near.headers.get("x-ratelimit-limit"), "4");
    const started = Date.now();
    const delayed = await f.call(PATS_PATH);
    const tookMs = Date.now() - started;
    assert.strictEqual(delayed.status, 200);
    assert.strictEqual(delayed.headers.get("x-ratelimit-remaining"), "0");
    assert.strictEqual(delayed.headers.get("x-ratelimit-resource"), "Emulator/RequestsPerWindow");
    assert.match(delayed.headers.get("x-ratelimit-reset") ?? "", /^\d{10}$/);
    const delaySec = Number(delayed.headers.get("x-ratelimit-delay"));
    assert.ok(delaySec > 0.3 && delaySec <= 0.5, `delayed ${delaySec} s`);
    assert.ok(tookMs >= delaySec * 1000 - 20, `the answer really waited (${tookMs} ms)`);
    assert.strictEqual(delayed.headers.get("retry-after"), null);
    // A wait beyond maxDelayMs is blocked instead, and a blocked request costs nothing.
    await f.emu.setRateLimit({ budget: 1, windowMs: 60_000, maxDelayMs: 30_000 });
    assert.strictEqual((await f.call(PATS_PATH)).status, 200);
    const blocked = await f.call(PATS_PATH);
    assert.strictEqual(blocked.status, 429);
    assert.match(
      blocked.json<{ message: string }>().message,
      /^TF400733: The request has been canceled: Request was blocked due to exceeding usage of resource/,
    );
    assert.strictEqual(blocked.headers.get("retry-after"), "60");
    await f.emu.setRateLimit(null);
  });

  it("rate limit (block): after the budget, 429 with Retry-After and X-RateLimit-* headers", async () => {
    await f.emu.setRateLimit({ budget: 3, windowMs: 60_000, retryAfterSec: 30, mode: "block" });
    for (let i = 0; i < 3; i++) assert.strictEqual((await f.call(PATS_PATH)).status, 200);
    const blocked = await f.call(PATS_PATH);
    assert.strictEqual(blocked.status, 429);
    assert.strictEqual(blocked.headers.get("retry-after"), "30");
    assert.strictEqual(blocked.headers.get("x-ratelimit-limit"), "3");
    assert.strictEqual(blocked.headers.get("x-ratelimit-remaining"), "0");
    assert.ok(blocked.headers.get("x-ratelimit-resource"));
    assert.match(blocked.headers.get("x-ratelimit-reset") ?? "", /^\d{10}$/);
    await f.emu.setRateLimit(null);
    assert.strictEqual((await f.call(PATS_PATH)).status, 200);
  });

  it("faults the Entra token endpoint with OAuth-shaped errors", async () => {
    await f.emu.addFault({ path: "/oauth2/v2.0/token$", kind: "status", status: 503, retryAfterSec: 2, times: 1 });
    const r = await fetch(`${f.emu.authorityHost}/${f.emu.tenantId}/oauth2/v2.0/token`, {
      method: "POST",
      body: new URLSearchParams({ grant_type: "refresh_token" }),
    });
    assert.strictEqual(r.status, 503);
    assert.strictEqual(r.headers.get("retry-after"), "2");
    assert.strictEqual(((await r.json()) as { error: string }).error, "server_error");
  });

  it("logs requests with method, path, query, status, HTTP version, times and the Authorization scheme only", async () => {
    await f.emu.clearRequests();
    await f.call(PATS_PATH, { query: { "api-version": V71, $top: "5" } });
    const log = await f.emu.requests();
    assert.strictEqual(log.length, 1);
    const { headers, receivedAtMs, answeredAtMs, ...rest } = log[0];
    assert.deepStrictEqual(rest, {
      service: "vssps",
      method: "GET",
      path: PATS_PATH,
      query: { "api-version": V71, $top: "5" },
      status: 200,
      httpVersion: "1.1",
    });
    assert.ok(receivedAtMs <= answeredAtMs && answeredAtMs <= Date.now(), "arrival and answer times");
    assert.strictEqual(headers.authorization, "Bearer");
    assert.ok(!JSON.stringify(log).includes(f.adaToken));
  });
});
