/**
 * Bench rows for the product as shipped: the .vsix size, each task folder's size, and each task's cold
 * start (process start to exit) run from the package against a small emulator data set.
 */
import * as fs from "fs";
import * as path from "path";
import { execFileSync } from "child_process";
import type { BenchRow } from "../main";
import { startEmulator, DEFAULT_PUBLIC_CLIENT_ID } from "../../emulator/client";
import { runPackagedTask } from "../../support/packaged-task";
import { DAY_MS } from "../../support/days";

const ROOT = path.resolve(__dirname, "..", "..", "..", "..");
const STAGE = path.join(ROOT, "dist", "package");
const RUNS = 5;

export async function run(): Promise<BenchRow[]> {
  execFileSync(process.execPath, [path.join(ROOT, "scripts", "package-extension.js")], { cwd: ROOT, stdio: "ignore" });
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, "vss-extension.json"), "utf8")) as {
    publisher: string;
    id: string;
    version: string;
  };
  const vsix = path.join(ROOT, "dist", `${manifest.publisher}.${manifest.id}-${manifest.version}.vsix`);
  const rows: BenchRow[] = [{ benchmark: "package", measure: ".vsix size", value: kib(fs.statSync(vsix).size) }];
  for (const task of ["CheckPatExpiryV1", "RotatePatV1"]) {
    rows.push({ benchmark: "package", measure: `${task} folder size`, value: kib(folderSize(path.join(STAGE, "tasks", task))) });
  }

  const emulator = await startEmulator();
  try {
    await emulator.addOrganization("contoso");
    const user = await emulator.addUser({ displayName: "Bench User", principalName: "bench@contoso.com", organizations: ["contoso"] });
    const day = (n: number) => new Date(Date.now() + n * DAY_MS).toISOString();
    for (let i = 0; i < 20; i++) await emulator.addPat(user.id, { displayName: `pat-${i}`, scope: "vso.code", validTo: day(3 + i * 5) });
    const env = { ...emulator.env, SYSTEM_COLLECTIONURI: `${emulator.devopsUrl}/contoso/`, SYSTEM_TEAMPROJECT: "Bench" };
    const auth = async () => ({
      authenticationMethod: "refreshToken",
      tenantId: emulator.tenantId,
      clientId: DEFAULT_PUBLIC_CLIENT_ID,
      refreshToken: await emulator.issueRefreshToken(user.id, DEFAULT_PUBLIC_CLIENT_ID),
    });
    const check: number[] = [];
    const rotate: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      check.push(runPackagedTask(STAGE, "CheckPatExpiryV1", { ...(await auth()), organization: "contoso" }, env).elapsedMs);
      // Rotating pat-<i>, not yet due: the cold start of a daily scheduled run that finds nothing to do.
      rotate.push(
        runPackagedTask(
          STAGE,
          "RotatePatV1",
          { ...(await auth()), organization: "contoso", displayName: `pat-${i}`, onlyIfExpiringWithinDays: "1" },
          env,
        ).elapsedMs,
      );
    }
    rows.push({
      benchmark: "package",
      measure: `CheckPatExpiryV1 cold start, 20 PATs (median of ${RUNS})`,
      value: `${median(check).toFixed(0)} ms`,
    });
    rows.push({
      benchmark: "package",
      measure: `RotatePatV1 cold start, not due (median of ${RUNS})`,
      value: `${median(rotate).toFixed(0)} ms`,
    });
  } finally {
    await emulator.stop();
  }
  return rows;
}

function folderSize(dir: string): number {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .reduce((sum, e) => sum + (e.isDirectory() ? folderSize(path.join(dir, e.name)) : fs.statSync(path.join(dir, e.name)).size), 0);
}

function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
