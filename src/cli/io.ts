/** What the CLI commands touch outside themselves, injected so tests run the real code in-process. */
import { taskNow } from "../pipeline/clock";
import { systemBrowser } from "./system-browser";

export interface CliIo {
  /** stdout: only what a script may capture (the refresh token with --print-secret). */
  out: (text: string) => void;
  /** stderr: everything said to the person. */
  err: (text: string) => void;
  env: NodeJS.ProcessEnv;
  now: () => Date;
  openBrowser: (url: string) => Promise<void>;
  fetch?: typeof fetch;
}

export function processIo(): CliIo {
  return {
    out: (text) => process.stdout.write(text + "\n"),
    err: (text) => process.stderr.write(text + "\n"),
    env: process.env,
    now: () => taskNow(),
    openBrowser: systemBrowser(),
  };
}
