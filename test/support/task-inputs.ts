/** Runs task code in this process with inputs loaded into task-lib as the agent passes them (INPUT_* variables). */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as assert from "assert";
import * as internal from "azure-pipelines-task-lib/internal";
import { InputError } from "../../src/api/input-error";
import { loadTaskMessages } from "../../src/pipeline/task-messages";

/** What one in-process read returned or threw, and the lines task-lib wrote meanwhile (##vso commands, debug). */
export interface InputRead<T> {
  value?: T;
  error?: Error;
  output: string;
}

/** The vault's key file lives here for the whole test process (task-lib reads it on every secret access). */
let vaultDirectory: string | undefined;

/** Loads `task`'s task.json messages, so its sentences read as the task shows them. */
export function useTaskMessages(task: "CheckPatExpiryV1" | "RotatePatV1"): void {
  loadTaskMessages(path.resolve(__dirname, "..", "..", "tasks", task, "task.json"));
}

/**
 * Calls `read` with `inputs` (by input name) and `variables` (environment names such as
 * SYSTEM_COLLECTIONURI or ENDPOINT_AUTH_PARAMETER_<id>_<KEY>) loaded the way task-lib loads them
 * at start; afterwards the environment and task-lib's vault are as they were.
 */
export function readWithInputs<T>(inputs: Record<string, string>, read: () => T, variables: Record<string, string> = {}): InputRead<T> {
  vaultDirectory ??= fs.mkdtempSync(path.join(os.tmpdir(), "task-inputs-vault-"));
  const added = {
    ...Object.fromEntries(Object.entries(inputs).map(([name, value]) => [`INPUT_${internal._getVariableKey(name)}`, value])),
    ...variables,
  };
  const saved = new Map(Object.keys({ ...added, AGENT_TEMPDIRECTORY: "" }).map((k) => [k, process.env[k]]));
  let output = "";
  Object.assign(process.env, added, { AGENT_TEMPDIRECTORY: vaultDirectory });
  internal._setStdStream({ write: (text: string) => (output += text) });
  try {
    internal._loadData(); // moves INPUT_*, ENDPOINT_AUTH_* and SECRET_* into the vault, as at task start
    output = ""; // only what `read` wrote
    try {
      return { value: read(), output };
    } catch (error) {
      return { error: error instanceof Error ? error : new Error(String(error)), output };
    }
  } finally {
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    process.env.AGENT_TEMPDIRECTORY = vaultDirectory;
    internal._loadData(); // an empty vault again
    if (saved.get("AGENT_TEMPDIRECTORY") === undefined) delete process.env.AGENT_TEMPDIRECTORY;
    else process.env.AGENT_TEMPDIRECTORY = saved.get("AGENT_TEMPDIRECTORY");
    internal._setStdStream(process.stdout);
  }
}

/** The input a read refused and the sentence the build owner sees; fails unless it threw an InputError. */
export function refusal(read: { error?: Error }): [input: string, message: string] {
  assert.ok(read.error instanceof InputError, `expected an InputError, got ${String(read.error)}`);
  return [read.error.input, read.error.message];
}

process.on("exit", () => {
  if (vaultDirectory) fs.rmSync(vaultDirectory, { recursive: true, force: true });
});
