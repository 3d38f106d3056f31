/** Runs the CLI in-process with captured output, and as a real process, against the emulator. */
import { spawn } from "child_process";
import * as path from "path";
import { runCli } from "../../src/cli/cli";
import { CliIo } from "../../src/cli/io";
import { DEFAULT_PUBLIC_CLIENT_ID } from "../emulator/client";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface InProcessOptions {
  env: Record<string, string>;
  openBrowser?: (url: string) => Promise<void>;
  /** Called with each line written to stderr (to answer a device code prompt). */
  onErr?: (text: string) => void;
  now?: () => Date;
}

export async function cliInProcess(argv: string[], o: InProcessOptions): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (text) => out.push(text),
    err: (text) => {
      err.push(text);
      o.onErr?.(text);
    },
    env: o.env,
    now: o.now ?? (() => new Date()),
    openBrowser: o.openBrowser ?? (async () => Promise.reject(new Error("no browser in this test"))),
  };
  const code = await runCli(argv, io);
  return { code, stdout: out.map((l) => l + "\n").join(""), stderr: err.map((l) => l + "\n").join("") };
}

const CLI_MAIN = path.resolve(__dirname, "..", "..", "src", "cli", "main.js");

/**
 * The real `pat-lifecycle` process; `onStderr` sees its stderr as it arrives. A process still
 * running after `killAfterMs` is killed (and reported with code -1), so a stuck sign-in cannot
 * outlive the test. `as` runs it as another user (a test run as root needs one that permissions stop).
 */
export function cliProcess(
  argv: string[],
  env: Record<string, string>,
  onStderr?: (soFar: string) => void,
  killAfterMs = 40_000,
  as?: { uid: number; gid: number },
): Promise<CliRun> {
  return scriptProcess(CLI_MAIN, argv, { ...process.env, ...env }, onStderr, killAfterMs, as);
}

/** As cliProcess, for any script (the CLI installed from its npm package) and exactly the environment given. */
export function scriptProcess(
  script: string,
  argv: string[],
  env: NodeJS.ProcessEnv,
  onStderr?: (soFar: string) => void,
  killAfterMs = 40_000,
  as?: { uid: number; gid: number },
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...argv], { env, stdio: ["ignore", "pipe", "pipe"], ...as });
    const killer = setTimeout(() => child.kill(), killAfterMs);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString("utf8")));
    child.stderr.on("data", (c: Buffer) => {
      stderr += c.toString("utf8");
      onStderr?.(stderr);
    });
    child.once("error", (e) => {
      clearTimeout(killer);
      reject(e);
    });
    child.once("close", (code) => {
      clearTimeout(killer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}

/** `pat-lifecycle login` for organization contoso through the emulator's public client, then `extra`. */
export function loginArgs(tenantId: string, ...extra: string[]): string[] {
  return ["login", "--client-id", DEFAULT_PUBLIC_CLIENT_ID, "--tenant", tenantId, "--organization", "contoso", ...extra];
}
