/** Times five rotations against a fixture's emulator and words them as bench rows (requests, median wall time). */
import type { BenchRow } from "./main";
import { runRotation, type RotationDeps, type RotationParams } from "../../src/rotation";
import type { Fixture } from "../rotation/fixture";

const RUNS = 5;

/** `prepare(i)` sets up run i (not timed) and gives what runRotation is called with. */
export async function timeRotations(
  f: Fixture,
  bench: string,
  prepare: (i: number) => Promise<{ params: RotationParams; deps: RotationDeps }>,
): Promise<BenchRow[]> {
  const walls: number[] = [];
  let requests = 0;
  for (let i = 0; i < RUNS; i++) {
    const { params, deps } = await prepare(i);
    await f.emulator.clearRequests();
    const started = process.hrtime.bigint();
    const result = await runRotation(params, deps);
    walls.push(Number(process.hrtime.bigint() - started) / 1e6);
    if (result.outcome !== "rotated") throw new Error(`bench rotation ${result.outcome}: ${JSON.stringify(result.failure)}`);
    requests = (await f.emulator.requests()).filter((r) => r.service !== "entra").length;
  }
  walls.sort((a, b) => a - b);
  return [
    { benchmark: bench, measure: "HTTP requests per rotation", value: String(requests) },
    { benchmark: bench, measure: `wall time per rotation (median of ${RUNS})`, value: `${Math.round(walls[Math.floor(RUNS / 2)])} ms` },
  ];
}
