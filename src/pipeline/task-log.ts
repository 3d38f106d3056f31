/**
 * The one writer of task output. Text from services and inputs (PAT names, scopes, user names, error
 * texts) may carry `##vso[` or `##[`, and a line break before them; the agent would run such a line as a
 * logging command. Every line written here has those markers neutralized; task-lib's own commands
 * (setVariable, setSecret, uploadSummary) are written by task-lib and stay intact.
 */
import * as tl from "azure-pipelines-task-lib/task";

/**
 * `##vso[` (anywhere in a line: the agent looks for it at any position) and `##[` (a formatting command)
 * become `##_vso[` and `##_[`, as task-lib's external-output filter writes them. Idempotent.
 */
export function neutralizeLogCommands(text: string): string {
  return text.replace(/##(vso)?\[/gi, (marker) => `##_${marker.slice(2)}`);
}

/** A plain log line. */
export function logLine(text: string): void {
  console.log(neutralizeLogCommands(text));
}

/** A warning issue (yellow in the log, listed on the run's summary). */
export function logWarning(text: string): void {
  tl.warning(neutralizeLogCommands(text));
}

/** An error issue. */
export function logError(text: string): void {
  tl.error(neutralizeLogCommands(text));
}

/** The task's result; the message becomes an error (Failed) or warning (SucceededWithIssues) issue. */
export function setTaskResult(result: tl.TaskResult, message: string): void {
  tl.setResult(result, neutralizeLogCommands(message));
}
