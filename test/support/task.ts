/** Runs a pipeline task as a real process through task-lib's MockTestRunner. */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { MockTestRunner } from "azure-pipelines-task-lib/mock-test";

export interface TaskRun {
  stdout: string;
  stderr: string;
  /** Every `##vso[...]` command the task wrote, parsed. */
  commands: VsoCommand[];
  /** Output/pipeline variables the task set, by name. */
  variables: Record<string, { value: string; isSecret: boolean; isOutput: boolean }>;
  /** `Succeeded`, `SucceededWithIssues`, `Failed`, or undefined when the task never reported. */
  result: string | undefined;
  errors: string[];
  warnings: string[];
}

interface VsoCommand {
  name: string;
  properties: Record<string, string>;
  message: string;
}

export interface TaskRunOptions {
  /** Task folder name under tasks/, e.g. "CheckPatExpiryV1". */
  task: string;
  inputs: Record<string, string>;
  variables?: Record<string, string>;
  secretVariables?: Record<string, string>;
  /** Extra environment for the task process (emulator URLs, CA file, fake clock). */
  env?: Record<string, string>;
  /** Entry override (the packaged task's index.js, for example). */
  entry?: string;
}

const repoOut = path.resolve(__dirname, "..", "..");

/** Runs the task and parses what it wrote. Throws when the process did not run at all. */
export async function runTaskProcess(options: TaskRunOptions): Promise<TaskRun> {
  const entry = options.entry ?? path.join(repoOut, "tasks", options.task, "index.js");
  const scenario = {
    entry,
    inputs: options.inputs,
    secretVariables: options.secretVariables ?? {},
  };
  const saved = { ...process.env };
  // The agent hands public variables to a task as plain environment variables (System.CollectionUri
  // -> SYSTEM_COLLECTIONURI); secret ones go through the scenario script as SECRET_* like the agent's.
  const publicVariables: Record<string, string> = Object.fromEntries(
    Object.entries(options.variables ?? {}).map(([name, value]) => [variableKey(name), value]),
  );
  // task-lib keeps its vault key in the agent temp directory: one per run, as on an agent, so runs never share it.
  // The caller's (as a variable or in env) is left to the caller; one made here is removed after the run.
  const callerTemp = publicVariables.AGENT_TEMPDIRECTORY ?? options.env?.AGENT_TEMPDIRECTORY;
  const ownTemp = callerTemp === undefined ? fs.mkdtempSync(path.join(os.tmpdir(), "agent-temp-")) : undefined;
  publicVariables.AGENT_TEMPDIRECTORY = callerTemp ?? (ownTemp as string);
  Object.assign(process.env, publicVariables, options.env ?? {}, { PAT_TEST_SCENARIO: JSON.stringify(scenario) });
  try {
    const runner = new MockTestRunner(path.join(__dirname, "task-scenario.js"), path.join(path.dirname(entry), "task.json"));
    runner.nodePath = process.execPath;
    await runner.runAsync();
    if (runner.stdout === undefined) throw new Error(`task ${options.task} did not run (see stderr of the test run)`);
    return parseTaskOutput(runner.stdout, runner.stderr ?? "");
  } finally {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
    if (ownTemp) fs.rmSync(ownTemp, { recursive: true, force: true });
  }
}

/** The task's own warnings: all but the reminder that the new refresh token was not saved anywhere. */
export function ownWarnings(run: TaskRun): string[] {
  return run.warnings.filter((w) => !w.startsWith("The new refresh token was not saved"));
}

/** The environment name the agent gives a variable: dots and spaces become underscores, upper case. */
function variableKey(name: string): string {
  return name.replace(/[.\s]/g, "_").toUpperCase();
}

/** Parses `##vso[...]` commands out of a task's stdout. */
export function parseTaskOutput(stdout: string, stderr: string): TaskRun {
  const commands: VsoCommand[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    const match = /##vso\[([\w.]+)([^\]]*)\](.*)$/.exec(line);
    if (!match) continue;
    const properties: Record<string, string> = {};
    for (const pair of match[2].trim().split(";")) {
      const eq = pair.indexOf("=");
      if (eq > 0) properties[pair.slice(0, eq).trim()] = unescapeVso(pair.slice(eq + 1));
    }
    commands.push({ name: match[1], properties, message: unescapeVso(match[3]) });
  }
  const variables: TaskRun["variables"] = {};
  for (const c of commands.filter((c) => c.name === "task.setvariable")) {
    variables[c.properties.variable] = {
      value: c.message,
      isSecret: c.properties.issecret === "true",
      isOutput: c.properties.isOutput === "true" || c.properties.isoutput === "true",
    };
  }
  const issues = (type: string) => commands.filter((c) => c.name === "task.issue" && c.properties.type === type).map((c) => c.message);
  const complete = commands.filter((c) => c.name === "task.complete").pop();
  return { stdout, stderr, commands, variables, result: complete?.properties.result, errors: issues("error"), warnings: issues("warning") };
}

function unescapeVso(text: string): string {
  return text.replace(/%3B/g, ";").replace(/%0D/g, "\r").replace(/%0A/g, "\n").replace(/%5D/g, "]").replace(/%25/g, "%");
}
