/** RotatePat's inputs (read-inputs.ts), read in process with INPUT_* variables; the whole flow runs against the emulator elsewhere. */
import * as assert from "assert";
import { readRotateInputs } from "../../../tasks/RotatePatV1/read-inputs";
import { readWithInputs, refusal, useTaskMessages } from "../../support/task-inputs";

const read = (inputs: Record<string, string>) => readWithInputs(inputs, readRotateInputs);

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
      serviceConnections: [],
      github: undefined,
    });
  });

  it("a rotation by id into a variable group, with a narrower scope and a due window", () => {
    const { value } = read({
      authorizationId: "0b6a3c2e-1f4d-4e5a-9c7b-2d8e6f1a3b4c",
      action: "Rotate",
      lifetimeDays: "90",
      onlyIfExpiringWithinDays: "10",
      scope: "vso.code  vso.work_write",
      variableGroup: "pat-consumers",
      variableName: "BUILD_PAT",
    });
    assert.deepStrictEqual(
      [
        value?.params.action,
        value?.params.select,
        value?.params.lifetimeDays,
        value?.params.onlyIfExpiringWithinDays,
        value?.params.scope,
        value?.variableGroup,
      ],
      [
        "rotate",
        { authorizationId: "0b6a3c2e-1f4d-4e5a-9c7b-2d8e6f1a3b4c" },
        90,
        10,
        "vso.code vso.work_write",
        { group: "pat-consumers", variableName: "BUILD_PAT" },
      ],
    );
  });

  it("service connections: one per line or separated by commas, duplicates dropped, in order", () => {
    assert.deepStrictEqual(
      read({ displayName: "nightly", serviceConnection: "npm-feed, docker\nnpm-feed\n\n 0b6a3c2e-1f4d-4e5a-9c7b-2d8e6f1a3b4c " }).value
        ?.serviceConnections,
      ["npm-feed", "docker", "0b6a3c2e-1f4d-4e5a-9c7b-2d8e6f1a3b4c"],
    );
  });

  const refused: Array<[what: string, inputs: Record<string, string>, input: string, message: RegExp]> = [
    [
      "no PAT chosen",
      {},
      "authorizationId",
      /^Set either the input 'authorizationId' or the input 'displayName' to choose the PAT; neither is set\.$/,
    ],
    [
      "both an id and a name",
      { authorizationId: "0b6a3c2e-1f4d-4e5a-9c7b-2d8e6f1a3b4c", displayName: "nightly" },
      "authorizationId",
      /; both are set\.$/,
    ],
    [
      "a variable group without the variable",
      { displayName: "nightly", variableGroup: "pat-consumers" },
      "variableName",
      /^The input 'variableName' is required when 'variableGroup' is set: name the secret variable of group 'pat-consumers' that receives the new PAT\.$/,
    ],
    [
      "a variable name without its group",
      { displayName: "nightly", variableName: "BUILD_PAT" },
      "variableGroup",
      /^The input 'variableName' is set \('BUILD_PAT'\) but the input 'variableGroup' is not: nothing would receive the new PAT under that name\./,
    ],
    [
      "a due window as long as the lifetime",
      { displayName: "nightly", lifetimeDays: "30", onlyIfExpiringWithinDays: "30" },
      "onlyIfExpiringWithinDays",
      /^The input 'onlyIfExpiringWithinDays' \(30\) must be less than the input 'lifetimeDays' \(30\)/,
    ],
    [
      "an extension into a variable group",
      { displayName: "nightly", action: "extend", variableGroup: "pat-consumers", variableName: "BUILD_PAT" },
      "variableGroup",
      /^The input 'action' is 'extend', which keeps the PAT's secret, so the input 'variableGroup' \('pat-consumers'\) would receive nothing\./,
    ],
    [
      "an extension into a service connection",
      { displayName: "nightly", action: "extend", serviceConnection: "npm-feed" },
      "serviceConnection",
      /^The input 'action' is 'extend', which keeps the PAT's secret, so the input 'serviceConnection' \('npm-feed'\) would receive nothing\./,
    ],
    [
      "an unknown scope",
      { displayName: "nightly", scope: "vso.code vso.nonsense" },
      "scope",
      /^The input 'scope' names scopes that do not exist: vso\.nonsense\. Use scope ids such as 'vso\.code' or 'vso\.work_write', separated by spaces, or leave it empty to keep the PAT's scope\.$/,
    ],
    [
      "full access mixed with narrower scopes",
      { displayName: "nightly", scope: "app_token vso.code" },
      "scope",
      /^The input 'scope' mixes 'app_token' \(full access\) with other scopes: 'app_token vso\.code'\. Use 'app_token' alone, or only the narrower scopes\.$/,
    ],
    [
      "a lifetime beyond the service's maximum",
      { displayName: "nightly", lifetimeDays: "400" },
      "lifetimeDays",
      /^The input 'lifetimeDays' must be a whole number from 1 to \d+; got '400'\.$/,
    ],
  ];
  for (const [what, inputs, input, message] of refused) {
    it(`refuses ${what}, naming ${input}`, () => {
      const [refusedInput, sentence] = refusal(read(inputs));
      assert.strictEqual(refusedInput, input);
      assert.match(sentence, message);
    });
  }
});
