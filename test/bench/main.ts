/**
 * `npm run bench`: runs every benchmark module in rows/ and prints one table.
 * Each module exports `run(): Promise<BenchRow[]>`; speed and size are measured here, never in tests.
 */
import * as fs from "fs";
import * as path from "path";

export interface BenchRow {
  benchmark: string;
  measure: string;
  value: string;
}

interface BenchModule {
  run(): Promise<BenchRow[]>;
}

async function main(): Promise<void> {
  const dir = path.join(__dirname, "rows");
  const only = process.argv.slice(2);
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".js"))
    .sort();
  const rows: BenchRow[] = [];
  for (const file of files) {
    if (only.length && !only.some((o) => file.includes(o))) continue;
    const mod = (await import(path.join(dir, file))) as BenchModule;
    process.stderr.write(`bench: ${file} …\n`);
    rows.push(...(await mod.run()));
  }
  printTable(rows);
}

function printTable(rows: BenchRow[]): void {
  const header: BenchRow = { benchmark: "benchmark", measure: "measure", value: "value" };
  const all = [header, ...rows];
  const width = (key: keyof BenchRow) => Math.max(...all.map((r) => r[key].length));
  const w = { benchmark: width("benchmark"), measure: width("measure"), value: width("value") };
  const line = (r: BenchRow) => `| ${r.benchmark.padEnd(w.benchmark)} | ${r.measure.padEnd(w.measure)} | ${r.value.padStart(w.value)} |`;
  console.log(line(header));
  console.log(`|${"-".repeat(w.benchmark + 2)}|${"-".repeat(w.measure + 2)}|${"-".repeat(w.value + 1)}:|`);
  for (const r of rows) console.log(line(r));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
});
