import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { taskJsonProblems, type TaskJson } from "../../package/task-json-rules";

const taskDir = path.resolve(__dirname, "..", "..", "..", "..", "tasks", "RotatePatV1");
const task = JSON.parse(fs.readFileSync(path.join(taskDir, "task.json"), "utf8")) as TaskJson & Record<string, unknown>;
const fragment = JSON.parse(fs.readFileSync(path.join(taskDir, "..", "shared", "task-fragment.json"), "utf8")) as { messages: Record<string, string> };
const code = fs.readdirSync(taskDir).filter((f) => f.endsWith(".ts")).map((f) => fs.readFileSync(path.join(taskDir, f), "utf8")).join("\n");
const keysUsed = [...code.matchAll(/\b(?:loc|log|warn)\("([A-Za-z]+)"/g)].map((m) => m[1]);

describe("RotatePatV1 task.json", () => {
  it("follows the task.json rules and has every message the code uses", () => {
    assert.deepStrictEqual(taskJsonProblems(task, keysUsed), []);
  });

  it("has no message the code never uses (besides the shared ones)", () => {
    const own = Object.keys(task.messages ?? {}).filter((k) => !(k in fragment.messages));
    const unused = own.filter((k) => !keysUsed.includes(k) && !code.includes(`"${k}"`));
    assert.deepStrictEqual(unused, []);
  });

  it("declares the YAML interface of the issue", () => {
    const inputs = (task.inputs ?? []).map((i) => i.name);
    for (const name of ["authenticationMethod", "organization", "authorizationId", "displayName", "action", "lifetimeDays", "onlyIfExpiringWithinDays",
      "scope", "keepGlobal", "variableGroup", "variableName", "verify", "revokeOld", "dryRun"]) assert.ok(inputs.includes(name), name);
    assert.deepStrictEqual((task.outputVariables ?? []).map((o) => o.name).sort(), ["NewAuthorizationId", "NewPat", "NewValidTo", "RefreshToken", "Rotated"]);
    const defaults = Object.fromEntries((task.inputs ?? []).map((i) => [i.name, (i as { defaultValue?: string }).defaultValue]));
    assert.deepStrictEqual([defaults.action, defaults.lifetimeDays, defaults.keepGlobal, defaults.verify, defaults.revokeOld, defaults.dryRun], ["rotate", "30", "false", "true", "true", "false"]);
    assert.deepStrictEqual(Object.keys(task.execution as object).sort(), ["Node20_1", "Node24"]);
  });
});
