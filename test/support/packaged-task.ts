/** Runs a task from a packaged extension folder with node, as the agent does: inputs as INPUT_* variables. */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { spawnSync } from "child_process";

export interface PackagedTaskRun {
  stdout: string;
  stderr: string;
  /** Process start to exit. */
  elapsedMs: number;
}

/**
 * `packageRoot` holds tasks/<task>/index.js; `env` carries the agent's variables (System.CollectionUri
 * as SYSTEM_COLLECTIONURI, …) and the emulator overrides. Nothing else of this process's environment
 * leaks in but PATH and HOME.
 */
export function runPackagedTask(packageRoot: string, task: string, inputs: Record<string, string>, env: Record<string, string>): PackagedTaskRun {
  const childEnv: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    AGENT_TEMPDIRECTORY: fs.mkdtempSync(path.join(os.tmpdir(), "agent-temp-")),
    ...env,
  };
  for (const [name, value] of Object.entries(inputs)) childEnv[`INPUT_${name.toUpperCase()}`] = value;
  const started = process.hrtime.bigint();
  const child = spawnSync(process.execPath, [path.join(packageRoot, "tasks", task, "index.js")], { cwd: packageRoot, env: childEnv, encoding: "utf8" });
  const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (child.error) throw child.error;
  return { stdout: child.stdout, stderr: child.stderr, elapsedMs };
}
