/** Packages the extension and runs a task from the unpacked .vsix with node, as the agent does: inputs as INPUT_* variables. */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { execFileSync, spawn, spawnSync, type ChildProcessWithoutNullStreams } from "child_process";
import AdmZip from "adm-zip";
import { startEmulator, type Emulator } from "../emulator/client";

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

/** What a describe block over the packaged tasks shares; the fields are there once its `before` ran. */
export interface PackagedTaskSuite {
  /** The unpacked .vsix, for runPackagedTask. */
  unpacked: string;
  /** Not trusted in this process: the task processes get its CA only as the test hands it over. */
  emulator: Emulator;
  /** The one user, a member of contoso. */
  userId: string;
  /** The user's refresh token for the suite's client; tests keep it current as the tasks rotate it. */
  refreshToken: string;
}

/** Packages the extension and starts the emulator at `now` with contoso and one user in `before`; stops and removes both in `after`. */
export function packagedTaskSuite(o: {
  now: string;
  /** Default: the emulator's test client. */
  clientId?: string;
  user: { displayName: string; principalName: string };
}): PackagedTaskSuite {
  const suite = {} as PackagedTaskSuite;
  before(async () => {
    suite.unpacked = packageExtension().unpacked;
    suite.emulator = await startEmulator({ now: o.now });
    await suite.emulator.addOrganization("contoso");
    suite.userId = (await suite.emulator.addUser({ ...o.user, organizations: ["contoso"] })).id;
    suite.refreshToken = await suite.emulator.issueRefreshToken(suite.userId, o.clientId ?? "pat-lifecycle-test-client");
  });
  after(async () => {
    await suite.emulator?.stop();
    if (suite.unpacked) fs.rmSync(suite.unpacked, { recursive: true, force: true });
  });
  return suite;
}

/** A packaged task's index.js in a fresh unzipped .vsix (remove `unpacked` when done). */
export function packagedTaskEntry(task: string): { entry: string; unpacked: string } {
  const { unpacked } = packageExtension();
  return { entry: path.join(unpacked, "tasks", task, "index.js"), unpacked };
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
  const childEnv = taskEnv(inputs, env);
  const started = process.hrtime.bigint();
  const script = path.join(packageRoot, "tasks", task, "index.js");
  const child = spawnSync(process.execPath, [...(o.nodeArgs ?? []), script], { cwd: packageRoot, env: childEnv, encoding: "utf8" });
  const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (child.error) throw child.error;
  return { stdout: child.stdout, stderr: child.stderr, elapsedMs };
}

/** runPackagedTask without blocking, so several runs can overlap (concurrent pipelines). */
export function runPackagedTaskAsync(
  packageRoot: string,
  task: string,
  inputs: Record<string, string>,
  env: Record<string, string>,
): Promise<PackagedTaskRun> {
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const child = startPackagedTask(packageRoot, task, inputs, env);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString("utf8")));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString("utf8")));
    child.on("error", reject);
    child.on("close", () => resolve({ stdout, stderr, elapsedMs: Number(process.hrtime.bigint() - started) / 1e6 }));
  });
}

/** The same run, started without waiting: for a task a test must answer while it runs (a device code sign-in). */
export function startPackagedTask(
  packageRoot: string,
  task: string,
  inputs: Record<string, string>,
  env: Record<string, string>,
): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [path.join(packageRoot, "tasks", task, "index.js")], { cwd: packageRoot, env: taskEnv(inputs, env) });
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
