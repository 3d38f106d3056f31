/** RotatePat's inputs (read-inputs.ts), read in process with INPUT_* variables; the whole flow runs against the emulator elsewhere. */
import * as assert from "assert";
import { InputError } from "../../../src/api/errors";
import { readRotateInputs } from "../../../tasks/RotatePatV1/read-inputs";
import { readWithInputs, useTaskMessages } from "../../support/task-inputs";

const read = (inputs: Record<string, string>) => readWithInputs(inputs, readRotateInputs);

function inputError(inputs: Record<string, string>): [string, string] {
  const { error } = read(inputs);
  assert.ok(error instanceof InputError, `expected an InputError, got ${String(error)}`);
  return [error.input, error.message];
}

describe("RotatePatV1 inputs read in process", () => {
  before(() => useTaskMessages("RotatePatV1"));

  it("defaults: rotate the named PAT for 30 days, verify, revoke the old one, store nowhere", () => {
    assert.deepStrictEqual(read({ displayName: "nightly build" }).value, {
      organization: undefined,
      params: {
        action: "rotate",
        select: { displayName: "nightly build" },
        lifetimeDays: 30,
        onlyIfExpiringWithinDays: undefined,
        scope: undefined,
        keepGlobal: false,
        verify: true,
        revokeOld: true,
        dryRun: false,
      },
      variableGroup: undefined,
    });
  });

  it("an extension by id into a variable group, with a narrower scope and a due window", () => {
    const { value } = read({
      authorizationId: "0b6a3c2e-1f4d-4e5a-9c7b-2d8e6f1a3b4c",
      action: "Extend",
      lifetimeDays: "90",
      onlyIfExpiringWithinDays: "10",
      scope: "vso.code  vso.work_write",
      variableGroup: "pat-consumers",
      variableName: "BUILD_PAT",
    });
    assert.deepStrictEqual(
      [value?.params.action, value?.params.select, value?.params.lifetimeDays, value?.params.onlyIfExpiringWithinDays, value?.params.scope, value?.variableGroup],
      ["extend", { authorizationId: "0b6a3c2e-1f4d-4e5a-9c7b-2d8e6f1a3b4c" }, 90, 10, "vso.code vso.work_write", { group: "pat-consumers", variableName: "BUILD_PAT" }],
    );
  });

  it("exactly one of authorizationId and displayName", () => {
    assert.deepStrictEqual(inputError({}), ["authorizationId", "Set either the input 'authorizationId' or the input 'displayName' to choose the PAT; neither is set."]);
    assert.deepStrictEqual(inputError({ authorizationId: "0b6a3c2e-1f4d-4e5a-9c7b-2d8e6f1a3b4c", displayName: "nightly" }), [
      "authorizationId",
      "Set either the input 'authorizationId' or the input 'displayName' to choose the PAT; both are set.",
    ]);
  });

  it("a variable group needs the variable's name", () => {
    assert.deepStrictEqual(inputError({ displayName: "nightly", variableGroup: "pat-consumers" }), [
      "variableName",
      "The input 'variableName' is required when 'variableGroup' is set: name the secret variable of group 'pat-consumers' that receives the new PAT.",
    ]);
  });

  it("an unknown scope, or full access mixed with narrower scopes, is refused with what to use", () => {
    assert.deepStrictEqual(inputError({ displayName: "nightly", scope: "vso.code vso.nonsense" }), [
      "scope",
      "The input 'scope' names scopes that do not exist: vso.nonsense. Use scope ids such as 'vso.code' or 'vso.work_write', separated by spaces, or leave it empty to keep the PAT's scope.",
    ]);
    assert.deepStrictEqual(inputError({ displayName: "nightly", scope: "app_token vso.code" }), [
      "scope",
      "The input 'scope' mixes 'app_token' (full access) with other scopes: 'app_token vso.code'. Use 'app_token' alone, or only the narrower scopes.",
    ]);
  });

  it("a lifetime beyond the service's maximum is refused with the range", () => {
    const [input, message] = inputError({ displayName: "nightly", lifetimeDays: "400" });
    assert.strictEqual(input, "lifetimeDays");
    assert.match(message, /^The input 'lifetimeDays' must be a whole number from 1 to \d+; got '400'\.$/);
  });
});
