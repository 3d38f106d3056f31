/** src/expiry/org-scan.ts and scan-throttle.ts: the paced organization scan. */
import * as assert from "assert";
import * as sinon from "sinon";
import { scanOrganization } from "../../src/expiry/org-scan";
import type { PatOwner } from "../../src/expiry/pat-record";
import { ScanThrottle, throttledFetch } from "../../src/expiry/scan-throttle";
import { pat } from "./fixtures";

const users: PatOwner[] = Array.from({ length: 25 }, (_, i) => ({
  descriptor: `aad.u${i}`,
  displayName: `User ${i}`,
  principalName: `u${i}@contoso.com`,
}));
const tick = () => new Promise((resolve) => setImmediate(resolve));

class Fatal extends Error {}

describe("expiry/org-scan", () => {
  it("reads every user with at most `concurrency` at a time, reports progress x/N, keeps user order", async () => {
    let active = 0;
    let peak = 0;
    const progress: string[] = [];
    const result = await scanOrganization({
      users,
      concurrency: 4,
      isFatal: () => false,
      describeError: (e) => String(e),
      onProgress: (done, total) => progress.push(`${done}/${total}`),
      readUserPats: async (u) => {
        peak = Math.max(peak, ++active);
        for (let i = 0; i < 1 + (Number(u.descriptor.slice(5)) % 3); i++) await tick(); // finish out of order
        active--;
        return [pat({ displayName: `${u.displayName} pat`, validTo: "2027-01-01T00:00:00Z", owner: u })];
      },
    });
    assert.strictEqual(peak, 4);
    assert.strictEqual(progress.length, 25);
    assert.strictEqual(progress[24], "25/25");
    assert.deepStrictEqual(
      result.pats.map((p) => p.owner?.descriptor),
      users.map((u) => u.descriptor),
    );
  });

  it("a user whose PATs cannot be read is reported and counted, the others are still read", async () => {
    const result = await scanOrganization({
      users,
      concurrency: 3,
      isFatal: (e) => e instanceof Fatal,
      describeError: (e) => (e as Error).message,
      readUserPats: async (u) => {
        if (u.descriptor === "aad.u7") throw new Error("HTTP 500 from Token Admin");
        return [pat({ validTo: "2027-01-01T00:00:00Z", owner: u })];
      },
    });
    assert.strictEqual(result.pats.length, 24);
    assert.deepStrictEqual(result.unreadableUsers, [{ owner: users[7], reason: "HTTP 500 from Token Admin" }]);
  });

  it("a failure that would hit every user (not a token admin) stops the scan", async () => {
    let calls = 0;
    await assert.rejects(
      scanOrganization({
        users,
        concurrency: 2,
        isFatal: (e) => e instanceof Fatal,
        describeError: String,
        readUserPats: async () => {
          calls++;
          await tick();
          throw new Fatal("401");
        },
      }),
      Fatal,
    );
    assert.ok(calls <= 2, `stopped early (${calls} calls)`);
  });
});

describe("expiry/scan-throttle", () => {
  // The throttle's own clock and sleep (Date.now, setTimeout), faked: pauses pass without real waiting.
  let clock: sinon.SinonFakeTimers;
  beforeEach(() => {
    clock = sinon.useFakeTimers({ now: 0, toFake: ["Date", "setTimeout", "clearTimeout"] });
  });
  afterEach(() => clock.restore());

  /** How long (in fake time) one acquire() waited before it got its slot. */
  async function waitOf(t: ScanThrottle): Promise<number> {
    const start = Date.now();
    const acquired = t.acquire();
    await clock.runAllAsync();
    await acquired;
    return Date.now() - start;
  }
  const headers = (h: Record<string, string>) => new Headers(h);

  it("a 429 halves the limit and pauses everyone for Retry-After; clean answers raise it again", async () => {
    const slowDowns: string[] = [];
    const t = new ScanThrottle({ maxConcurrency: 8, calmMs: 5000, onSlowDown: (e) => slowDowns.push(`${e.pauseMs}/${e.limit}`) });
    t.observe(429, headers({ "retry-after": "3" }));
    t.observe(429, headers({ "retry-after": "3" })); // same episode, answered in parallel
    assert.deepStrictEqual([t.limit, t.throttled, slowDowns], [4, 2, ["3000/4"]]);
    assert.strictEqual(await waitOf(t), 3000, "waited out the pause");
    t.release();
    for (let i = 0; i < 8; i++) t.observe(200, headers({}));
    assert.strictEqual(t.limit, 4, "no growth within calmMs of the slow-down");
    await clock.tickAsync(5000);
    for (let i = 0; i < 4; i++) t.observe(200, headers({}));
    assert.strictEqual(t.limit, 5, "then one more per `limit` clean answers");
    t.observe(429, headers({}));
    assert.strictEqual(t.limit, 3, "halved, rounding up");
  });

  it("caps the rate at 80% of what was sent in the second before the 429, then probes upward", async () => {
    const t = new ScanThrottle({ maxConcurrency: 100, calmMs: 1000 });
    for (let i = 0; i < 50; i++) {
      assert.strictEqual(await waitOf(t), 0); // 50 requests a second (every 20 ms): no cap yet
      t.release();
      await clock.tickAsync(20);
    }
    assert.strictEqual(t.rate, Number.POSITIVE_INFINITY);
    t.observe(429, headers({ "retry-after": "1" }));
    assert.strictEqual(t.rate, 40);
    const waits = [await waitOf(t)];
    t.release();
    waits.push(await waitOf(t));
    t.release();
    assert.deepStrictEqual(waits, [1000, 25], "the pause, then 1/40 s between starts");
    await clock.tickAsync(1000);
    for (let i = 0; i < 40; i++) t.observe(200, headers({}));
    assert.ok(t.rate > 41.9 && t.rate < 42.1, `40 clean answers after the calm period add 5%: ${t.rate}`);
  });

  it("a 429 early in a scan measures the rate over the time so far, not a whole second", async () => {
    const t = new ScanThrottle({ maxConcurrency: 8 });
    for (let i = 0; i < 8; i++) assert.strictEqual(await waitOf(t), 0); // 8 requests at once, 200 ms in the 429s come
    await clock.tickAsync(200);
    t.observe(429, headers({ "retry-after": "1" }));
    assert.strictEqual(t.rate, 32, "8 per 200 ms = 40/s, less 20%");
  });

  it("X-RateLimit-Remaining: 0 halves the limit without a 429", () => {
    const t = new ScanThrottle({ maxConcurrency: 8 });
    t.observe(200, headers({ "x-ratelimit-remaining": "0" }));
    assert.strictEqual(t.limit, 4);
    t.observe(200, headers({ "x-ratelimit-remaining": "25" }));
    assert.strictEqual(t.limit, 4);
  });

  it("a delayed answer (X-RateLimit-Delay on a 200) keeps rate and limit: the service paces; a delay near the block point halves the limit", () => {
    let now = 0;
    const t = new ScanThrottle({ maxConcurrency: 8, now: () => now });
    for (let i = 0; i < 20; i++) {
      now += 100;
      t.observe(200, headers({ "x-ratelimit-remaining": "0", "x-ratelimit-delay": "2.500", "x-ratelimit-limit": "200" }));
    }
    assert.strictEqual(t.limit, 8);
    assert.strictEqual(t.rate, Number.POSITIVE_INFINITY);
    assert.strictEqual(t.delayed, 20);
    now += 2000;
    t.observe(200, headers({ "x-ratelimit-remaining": "0", "x-ratelimit-delay": "12.000" }));
    t.observe(200, headers({ "x-ratelimit-remaining": "0", "x-ratelimit-delay": "12.500" }));
    assert.strictEqual(t.limit, 4, "halved once for the episode");
    assert.strictEqual(t.throttled, 0);
  });

  it("never has more requests in flight than the limit", async () => {
    const t = new ScanThrottle({ maxConcurrency: 3 });
    let active = 0;
    let peak = 0;
    const base = (async () => {
      peak = Math.max(peak, ++active);
      await tick();
      active--;
      return new Response("{}", { status: 200 });
    }) as typeof fetch;
    const f = throttledFetch(base, t);
    await Promise.all(Array.from({ length: 20 }, () => f("https://example.test/")));
    assert.strictEqual(peak, 3);
  });
});
