/** Packages the extension and runs a task from the unpacked .vsix with node, as the agent does: inputs as INPUT_* variables. */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { execFileSync, spawnSync } from "child_process";
import AdmZip from "adm-zip";

const root = path.resolve(__dirname, "..", "..", "..");

export interface PackagedTaskRun {
  stdout: string;
  stderr: string;
  /** Process start to exit. */
  elapsedMs: number;
}

export interface PackagedExtension {
  /** The .vsix file under dist/. */
  vsixPath: string;
  /** An empty temporary folder (no node_modules above it) holding the unzipped .vsix. */
  unpacked: string;
  /** What `scripts/package-extension.js` printed. */
  output: string;
}

let packaged: PackagedExtension | undefined;

/** `npm run package`'s script, run once per test process; each call unzips the .vsix into a new folder. */
export function packageExtension(): PackagedExtension {
  const output =
    packaged?.output ??
    execFileSync(process.execPath, [path.join(root, "scripts", "package-extension.js")], { cwd: root, encoding: "utf8" });
  const manifest = JSON.parse(fs.readFileSync(path.join(root, "vss-extension.json"), "utf8"));
  const vsixPath = path.join(root, "dist", `${manifest.publisher}.${manifest.id}-${manifest.version}.vsix`);
  const unpacked = fs.mkdtempSync(path.join(os.tmpdir(), "pat-lifecycle-vsix-"));
  new AdmZip(vsixPath).extractAllTo(unpacked, true);
  packaged = { vsixPath, unpacked, output };
  return packaged;
}

/**
 * `packageRoot` holds tasks/<task>/index.js; `env` carries the agent's variables (System.CollectionUri
 * as SYSTEM_COLLECTIONURI, …) and the emulator overrides. Nothing else of this process's environment
 * leaks in but PATH and HOME. `nodeArgs` go before the script (a `-r` preload, for example).
 */
export function runPackagedTask(
  packageRoot: string,
  task: string,
  inputs: Record<string, string>,
  env: Record<string, string>,
  o: { nodeArgs?: string[] } = {},
): PackagedTaskRun {
  const childEnv: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    AGENT_TEMPDIRECTORY: fs.mkdtempSync(path.join(os.tmpdir(), "agent-temp-")),
    ...env,
  };
  for (const [name, value] of Object.entries(inputs)) childEnv[`INPUT_${name.toUpperCase()}`] = value;
  const started = process.hrtime.bigint();
  const script = path.join(packageRoot, "tasks", task, "index.js");
  const child = spawnSync(process.execPath, [...(o.nodeArgs ?? []), script], { cwd: packageRoot, env: childEnv, encoding: "utf8" });
  const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (child.error) throw child.error;
  return { stdout: child.stdout, stderr: child.stderr, elapsedMs };
}
