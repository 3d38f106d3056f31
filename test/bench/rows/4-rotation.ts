/**
 * Bench row: one rotation by display name (find among 1,000 PATs, create, verify, store, revoke) with
 * the rotation core in-process against the emulator, 20 ms injected latency per request.
 */
import type { BenchRow } from "../main";
import { timeRotations } from "../rotation-timing";
import { inDays, MemoryStore, startRotationFixture } from "../../rotation/fixture";

const PAT_COUNT = 1000;
const LATENCY_MS = 20;
const BENCH = `rotate 1 of ${PAT_COUNT.toLocaleString("en-US")} PATs by name (${LATENCY_MS} ms latency)`;

export async function run(): Promise<BenchRow[]> {
  const f = await startRotationFixture();
  try {
    await f.emulator.addPats(
      f.user.id,
      Array.from({ length: PAT_COUNT }, (_, i) => ({ displayName: `bench-${String(i).padStart(4, "0")}`, validTo: inDays(40) })),
    );
    await f.emulator.configure({ latencyMs: LATENCY_MS });
    return await timeRotations(f, BENCH, async (i) => ({
      params: f.params({ select: { displayName: `bench-${String(i * 7).padStart(4, "0")}` } }),
      deps: f.deps({ stores: [new MemoryStore()] }),
    }));
  } finally {
    await f.emulator.stop();
  }
}
