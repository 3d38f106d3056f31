/** Runs a task from a packaged extension folder with node, as the agent does: inputs as INPUT_* variables. */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { spawn, spawnSync } from "child_process";

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
  const childEnv = taskEnv(inputs, env);
  const started = process.hrtime.bigint();
  const child = spawnSync(process.execPath, [path.join(packageRoot, "tasks", task, "index.js")], { cwd: packageRoot, env: childEnv, encoding: "utf8" });
  const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (child.error) throw child.error;
  return { stdout: child.stdout, stderr: child.stderr, elapsedMs };
}

/** runPackagedTask without blocking, so several runs can overlap (concurrent pipelines). */
export function runPackagedTaskAsync(packageRoot: string, task: string, inputs: Record<string, string>, env: Record<string, string>): Promise<PackagedTaskRun> {
  const childEnv = taskEnv(inputs, env);
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(packageRoot, "tasks", task, "index.js")], { cwd: packageRoot, env: childEnv });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString("utf8")));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString("utf8")));
    child.on("error", reject);
    child.on("close", () => resolve({ stdout, stderr, elapsedMs: Number(process.hrtime.bigint() - started) / 1e6 }));
  });
}

/** The agent's environment for one task process: its own temp folder, the inputs as INPUT_* variables. */
function taskEnv(inputs: Record<string, string>, env: Record<string, string>): NodeJS.ProcessEnv {
  const childEnv: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    AGENT_TEMPDIRECTORY: fs.mkdtempSync(path.join(os.tmpdir(), "agent-temp-")),
    ...env,
  };
  for (const [name, value] of Object.entries(inputs)) childEnv[`INPUT_${name.toUpperCase()}`] = value;
  return childEnv;
}
