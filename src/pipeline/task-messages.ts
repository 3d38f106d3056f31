/**
 * Shared sentences as the task shows them: through tl.loc once the task's task.json is loaded (so
 * they can be localized), else the English text of task-fragment.json.
 */
import * as tl from "azure-pipelines-task-lib/task";
import { message, MessageKey } from "../messages/shared-messages";

let taskJsonLoaded = false;

/** Loads the task's messages (task.json beside the entry point). */
export function loadTaskMessages(taskJsonPath: string): void {
  tl.setResourcePath(taskJsonPath);
  taskJsonLoaded = true;
}

export function taskMessage(key: MessageKey, ...args: Array<string | number>): string {
  return taskJsonLoaded ? tl.loc(key, ...args) : message(key, ...args);
}

/** tl.loc that accepts only `Key`: a task passes the message keys of its own task.json. */
export function typedLoc<Key extends string>(): (key: Key, ...args: Array<string | number>) => string {
  return (key, ...args) => tl.loc(key, ...args);
}
