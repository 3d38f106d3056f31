/**
 * The frame of every task entry point: loads the task's messages, runs the task, and turns any
 * error into a failed result whose message says what to do (never a stack trace). Endpoint and
 * clock overrides are checked first, so a refused one fails the run before any connection.
 */
import * as tl from "azure-pipelines-task-lib/task";
import { InputError } from "../api/input-error";
import { MessageError } from "../messages/shared-messages";
import { checkTestHooks } from "./clock";
import { setTaskResult } from "./task-log";
import { loadTaskMessages, taskMessage } from "./task-messages";

/**
 * Runs `main` with the messages of `taskJsonPath` (pass path.join(__dirname, "task.json")).
 * Resolves after the result is set, so it never rejects.
 */
export async function runTask(main: () => Promise<void>, taskJsonPath?: string): Promise<void> {
  try {
    if (taskJsonPath) loadTaskMessages(taskJsonPath);
    // Before anything can resolve or connect: an override pointing away from the emulator fails the run here.
    checkTestHooks();
    await main();
  } catch (error) {
    setTaskResult(tl.TaskResult.Failed, failureMessage(error));
  }
}

/** The sentence a build owner sees for an error. */
function failureMessage(error: unknown): string {
  if (error instanceof MessageError) return taskMessage(error.messageKey, ...error.messageArgs);
  if (error instanceof InputError) return error.message.includes(error.input) ? error.message : `${error.input}: ${error.message}`;
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
