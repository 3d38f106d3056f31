/**
 * Bench row: `nameFilter` with many wildcards against long names that never match (the pattern shape
 * that made the earlier regular expression backtrack for minutes): comparisons and time per name.
 */
import type { BenchRow } from "../main";
import { compileNameFilter, type MatchSteps } from "../../../src/expiry/name-filter";

const CASES: Array<{ pattern: string; name: string }> = [
  { pattern: "*a*a*a*a*a*a*b", name: "a".repeat(200) },
  { pattern: `${"*a".repeat(20)}*b`, name: "a".repeat(256) },
  // The matcher's own worst shape: a long middle piece that almost matches at every place.
  { pattern: `*${"a".repeat(19)}b*`, name: "a".repeat(256) },
];
const ROUNDS = 200;

export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const { pattern, name } of CASES) {
    const steps: MatchSteps = { count: 0 };
    const filter = compileNameFilter(pattern, steps);
    const started = process.hrtime.bigint();
    for (let i = 0; i < ROUNDS; i++) filter?.matches(name);
    const perNameUs = Number(process.hrtime.bigint() - started) / 1e3 / ROUNDS;
    const benchmark = `nameFilter '${pattern}' on a ${name.length}-character name`;
    rows.push({ benchmark, measure: "comparisons per name", value: String(steps.count / ROUNDS) });
    rows.push({ benchmark, measure: "time per name", value: `${perNameUs.toFixed(1)} µs` });
  }
  return rows;
}
