/**
 * Organization mode against the emulator (50 ms per request) under Azure DevOps's rate limit: mostly
 * delaying past the budget (the documented behaviour), and a strict variant that answers 429 at once.
 * Wall time is given as a ratio to the floor the budget imposes on the scan's request count (goal
 * ≤ 1.15×), with the requests the service had to block, and those blocked twice (goal: none).
 */
import type { OrgContext } from "../../../src/api/context";
import { endpointsFromEnv } from "../../../src/api/endpoints";
import { HttpClient } from "../../../src/api/http";
import { bearer } from "../../../src/api/credential";
import { collectOrganizationPats } from "../../../src/expiry/collect";
import { ScanThrottle, throttledFetch } from "../../../src/expiry/scan-throttle";
import { startEmulator, type Emulator, type LoggedRequest, type RateLimitSpec } from "../../emulator/client";
import type { BenchRow } from "../main";

const USERS = 1000;
const LATENCY_MS = 50;
const BUDGET = { budget: 50, windowMs: 1000 };
const CONCURRENCY = 8; // as the task: tasks/CheckPatExpiryV1/organization-context.ts

export async function run(): Promise<BenchRow[]> {
  const emulator = await startEmulator({ now: "2026-11-23T10:00:00Z" });
  try {
    const seeded = await seed(emulator);
    const rows: BenchRow[] = [];
    for (const mode of ["delay", "block"] as const) {
      const r = await scan(emulator, seeded, { ...BUDGET, mode, ...(mode === "block" ? { retryAfterSec: 1 } : {}) });
      const name = `org scan, ${USERS} users, ${LATENCY_MS} ms, ${BUDGET.budget} req/${BUDGET.windowMs} ms, ${mode === "delay" ? "delaying (default)" : "blocking at once"}`;
      rows.push(
        { benchmark: name, measure: `wall time, paced x${CONCURRENCY}`, value: `${(r.ms / 1000).toFixed(1)} s` },
        { benchmark: name, measure: "floor the budget imposes", value: `${(r.floorMs / 1000).toFixed(1)} s` },
        { benchmark: name, measure: "wall / floor (goal ≤ 1.15)", value: `${(r.ms / r.floorMs).toFixed(2)}x` },
        { benchmark: name, measure: "answers delayed by the service", value: String(r.delayed) },
        { benchmark: name, measure: "requests blocked (429)", value: String(r.blocked) },
        { benchmark: name, measure: "requests blocked twice (goal 0)", value: String(r.blockedTwice) },
        { benchmark: name, measure: "users unreadable / PATs found", value: `${r.unreadable} / ${r.pats}` },
      );
    }
    return rows;
  } finally {
    await emulator.stop();
  }
}

async function seed(emulator: Emulator): Promise<{ organization: string; token: string }> {
  await emulator.addOrganization("bench");
  const admin = await emulator.addUser({
    displayName: "Bench Admin",
    principalName: "admin@bench.test",
    organizations: ["bench"],
    tokenAdminOf: ["bench"],
  });
  const batch = 50;
  for (let start = 0; start < USERS - 1; start += batch) {
    await Promise.all(
      Array.from({ length: Math.min(batch, USERS - 1 - start) }, async (_, k) => {
        const i = start + k;
        const u = await emulator.addUser({ displayName: `User ${i}`, principalName: `user${i}@bench.test`, organizations: ["bench"] });
        if (i % 4 === 0)
          await emulator.addPat(u.id, {
            displayName: `user${i}-ci`,
            validTo: `2026-12-${String(1 + (i % 28)).padStart(2, "0")}T00:00:00Z`,
            organizations: ["bench"],
          });
      }),
    );
  }
  emulator.trustInThisProcess();
  return { organization: "bench", token: await emulator.issueAccessToken(admin.id, { expiresInSec: 3600 }) };
}

async function scan(emulator: Emulator, seeded: { organization: string; token: string }, limit: RateLimitSpec) {
  await emulator.configure({ latencyMs: LATENCY_MS });
  await emulator.setRateLimit(limit);
  await emulator.clearRequests();
  const throttle = new ScanThrottle({ maxConcurrency: CONCURRENCY });
  const http = new HttpClient({ credential: bearer(() => seeded.token), fetch: throttledFetch(fetch, throttle), maxRetryTotalMs: 600_000 });
  const ctx: OrgContext = { http, endpoints: endpointsFromEnv(emulator.env), organization: seeded.organization };
  const started = performance.now();
  const result = await collectOrganizationPats(ctx, { shard: null, concurrency: CONCURRENCY, now: new Date("2026-11-23T10:00:00Z") });
  const ms = performance.now() - started;
  const log = (await emulator.requests()).filter((r) => r.service === "vssps");
  await emulator.setRateLimit(null);
  await emulator.configure({ latencyMs: 0 });
  const served = log.filter((r) => r.status !== 429).length;
  return {
    ms,
    // Served requests beyond the first budget can go no faster than budget per window.
    floorMs: (Math.max(0, served - limit.budget) * limit.windowMs) / limit.budget,
    delayed: throttle.delayed,
    blocked: log.length - served,
    blockedTwice: blockedTwice(log),
    unreadable: result.unreadableUsers.length,
    pats: result.pats.length,
  };
}

/** Requests (method, path and query) that got a 429 more than once. */
function blockedTwice(log: LoggedRequest[]): number {
  const counts = new Map<string, number>();
  for (const r of log.filter((x) => x.status === 429)) {
    const key = `${r.method} ${r.path}?${new URLSearchParams(r.query).toString()}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts.values()].filter((n) => n > 1).length;
}
