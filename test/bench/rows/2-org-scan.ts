/**
 * Organization mode over 2,000 users against the emulator (50 ms per request, a rate limit that
 * answers 429 past its budget): the paced concurrent scan the task uses versus a sequential scan
 * of the same data, in wall time and 429s received.
 */
import type { OrgContext } from "../../../src/api/context";
import { endpointsFromEnv } from "../../../src/api/endpoints";
import { HttpClient } from "../../../src/api/http";
import { bearer } from "../../../src/api/credential";
import { collectOrganizationPats } from "../../../src/expiry/collect";
import { ScanThrottle, throttledFetch } from "../../../src/expiry/scan-throttle";
import { startEmulator, type Emulator } from "../../emulator/client";
import type { BenchRow } from "../main";

const USERS = 2000;
const LATENCY_MS = 50;
const RATE_LIMIT = { budget: 50, windowMs: 1000, retryAfterSec: 1 };
const CONCURRENCY = 8; // as the task: tasks/CheckPatExpiryV1/organization-context.ts

export async function run(): Promise<BenchRow[]> {
  const emulator = await startEmulator({ now: "2026-11-23T10:00:00Z" });
  try {
    const seeded = await seed(emulator);
    const paced = await scan(emulator, seeded, CONCURRENCY);
    const sequential = await scan(emulator, seeded, 1);
    const name = `org scan, ${USERS} users, ${LATENCY_MS} ms, ${RATE_LIMIT.budget} req/${RATE_LIMIT.windowMs} ms`;
    return [
      { benchmark: name, measure: `wall time, paced x${CONCURRENCY}`, value: `${(paced.ms / 1000).toFixed(1)} s` },
      { benchmark: name, measure: "wall time, sequential", value: `${(sequential.ms / 1000).toFixed(1)} s` },
      { benchmark: name, measure: "speed-up", value: `${(sequential.ms / paced.ms).toFixed(1)}x` },
      { benchmark: name, measure: `429s received, paced x${CONCURRENCY}`, value: String(paced.throttled) },
      { benchmark: name, measure: "429s received, sequential", value: String(sequential.throttled) },
      { benchmark: name, measure: "users unreadable (paced / sequential)", value: `${paced.unreadable} / ${sequential.unreadable}` },
      { benchmark: name, measure: "PATs found (paced / sequential)", value: `${paced.pats} / ${sequential.pats}` },
    ];
  } finally {
    await emulator.stop();
  }
}

async function seed(emulator: Emulator): Promise<{ organization: string; token: string }> {
  await emulator.addOrganization("bench");
  const admin = await emulator.addUser({ displayName: "Bench Admin", principalName: "admin@bench.test", organizations: ["bench"], tokenAdminOf: ["bench"] });
  const batch = 50;
  for (let start = 0; start < USERS - 1; start += batch) {
    await Promise.all(Array.from({ length: Math.min(batch, USERS - 1 - start) }, async (_, k) => {
      const i = start + k;
      const u = await emulator.addUser({ displayName: `User ${i}`, principalName: `user${i}@bench.test`, organizations: ["bench"] });
      if (i % 4 === 0) await emulator.addPat(u.id, { displayName: `user${i}-ci`, validTo: `2026-12-${String(1 + (i % 28)).padStart(2, "0")}T00:00:00Z`, organizations: ["bench"] });
    }));
  }
  emulator.trustInThisProcess();
  return { organization: "bench", token: await emulator.issueAccessToken(admin.id, { expiresInSec: 3600 }) };
}

async function scan(emulator: Emulator, seeded: { organization: string; token: string }, concurrency: number) {
  await emulator.configure({ latencyMs: LATENCY_MS });
  await emulator.setRateLimit(RATE_LIMIT);
  await emulator.clearRequests();
  const throttle = new ScanThrottle({ maxConcurrency: concurrency });
  const http = new HttpClient({ credential: bearer(() => seeded.token), fetch: throttledFetch(fetch, throttle), maxRetryTotalMs: 600_000 });
  const ctx: OrgContext = { http, endpoints: endpointsFromEnv(emulator.env), organization: seeded.organization };
  const started = performance.now();
  const result = await collectOrganizationPats(ctx, { shard: null, concurrency, now: new Date("2026-11-23T10:00:00Z") });
  const ms = performance.now() - started;
  const throttled = (await emulator.requests()).filter((r) => r.status === 429).length;
  await emulator.setRateLimit(null);
  await emulator.configure({ latencyMs: 0 });
  return { ms, throttled, unreadable: result.unreadableUsers.length, pats: result.pats.length };
}
