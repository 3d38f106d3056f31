/** Asserts that no secret value appears in any output a user or log could see. */
import * as assert from "assert";

export function assertNoSecrets(outputs: string[], secrets: Array<string | undefined | null>): void {
  const values = secrets.filter((s): s is string => typeof s === "string" && s.length >= 8);
  assert.ok(values.length > 0 || secrets.length === 0, "assertNoSecrets was given no usable secret values");
  for (const output of outputs) {
    for (const secret of values) {
      assert.ok(!output.includes(secret), `a secret value (${secret.slice(0, 4)}…) leaked into output:\n${output.slice(0, 2000)}`);
    }
  }
}

/**
 * What of a task's output a person can read: the agent consumes `task.setsecret` and secret
 * `task.setvariable` commands and masks their values, so those lines are dropped; all else stays.
 */
export function visibleTaskOutput(stdout: string, stderr = ""): string[] {
  const visible = stdout
    .split(/\r?\n/)
    .filter((line) => !line.startsWith("##vso[task.setsecret]"))
    .filter((line) => !(line.startsWith("##vso[task.setvariable") && /issecret=true/i.test(line)))
    .join("\n");
  return [visible, stderr];
}
