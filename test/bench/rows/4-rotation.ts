/**
 * Bench row: one rotation by display name (find among 1,000 PATs, create, verify, store, revoke) with
 * the rotation core in-process against the emulator, 20 ms injected latency per request.
 */
import type { BenchRow } from "../main";
import { runRotation } from "../../../src/rotation";
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
    const walls: number[] = [];
    let requests = 0;
    for (let i = 0; i < 5; i++) {
      await f.emulator.clearRequests();
      const started = process.hrtime.bigint();
      const result = await runRotation(
        f.params({ select: { displayName: `bench-${String(i * 7).padStart(4, "0")}` } }),
        f.deps({ stores: [new MemoryStore()] }),
      );
      walls.push(Number(process.hrtime.bigint() - started) / 1e6);
      if (result.outcome !== "rotated") throw new Error(`bench rotation ${result.outcome}: ${JSON.stringify(result.failure)}`);
      requests = (await f.emulator.requests()).filter((r) => r.service !== "entra").length;
    }
    walls.sort((a, b) => a - b);
    return [
      { benchmark: BENCH, measure: "HTTP requests per rotation", value: String(requests) },
      { benchmark: BENCH, measure: "wall time per rotation (median of 5)", value: `${Math.round(walls[2])} ms` },
    ];
  } finally {
    await f.emulator.stop();
  }
}
