/** RotatePat's task.json: the task.json rules and the YAML interface it promises. */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { taskJsonProblems, type TaskJson } from "../../package/task-json-rules";

const taskDir = path.resolve(__dirname, "..", "..", "..", "..", "tasks", "RotatePatV1");
const task = JSON.parse(fs.readFileSync(path.join(taskDir, "task.json"), "utf8")) as TaskJson & Record<string, unknown>;

describe("RotatePatV1 task.json", () => {
  // The message keys the code uses are checked by the compiler (tasks/RotatePatV1/loc.ts).
  it("follows the task.json rules", () => {
    assert.deepStrictEqual(taskJsonProblems(task, []), []);
  });

  it("declares the YAML interface of the issue", () => {
    const inputs = (task.inputs ?? []).map((i) => i.name);
    for (const name of [
      "authenticationMethod",
      "organization",
      "authorizationId",
      "displayName",
      "action",
      "lifetimeDays",
      "onlyIfExpiringWithinDays",
      "scope",
      "keepGlobal",
      "variableGroup",
      "variableName",
      "verify",
      "revokeOld",
      "dryRun",
    ])
      assert.ok(inputs.includes(name), name);
    assert.deepStrictEqual((task.outputVariables ?? []).map((o) => o.name).sort(), [
      "NewAuthorizationId",
      "NewPat",
      "NewValidTo",
      "RefreshToken",
      "Rotated",
    ]);
    const defaults = Object.fromEntries((task.inputs ?? []).map((i) => [i.name, (i as { defaultValue?: string }).defaultValue]));
    assert.deepStrictEqual(
      [defaults.action, defaults.lifetimeDays, defaults.keepGlobal, defaults.verify, defaults.revokeOld, defaults.dryRun],
      ["rotate", "30", "false", "true", "true", "false"],
    );
    assert.deepStrictEqual(Object.keys(task.execution as object).sort(), ["Node20_1", "Node24"]);
  });
});
