/** The typed input readers and secret reads, in process with INPUT_* variables as the agent sets them. */
import * as assert from "assert";
import * as internal from "azure-pipelines-task-lib/internal";
import { readBoolean, readChoice, readInteger, readString } from "../../src/pipeline/inputs";
import { readSecretInput, readSecretVariable } from "../../src/pipeline/secrets";
import { readWithInputs, refusal } from "../support/task-inputs";

/** The InputError a read threw: which input, and the sentence the build owner sees. */
function inputError(read: { error?: Error }): { input: string; message: string } {
  const [input, message] = refusal(read);
  return { input, message };
}

describe("pipeline/inputs read in process", () => {
  it("trims strings; an empty optional input is undefined, an empty required one is named", () => {
    assert.strictEqual(readWithInputs({ organization: "  contoso " }, () => readString("organization")).value, "contoso");
    assert.strictEqual(readWithInputs({ organization: "   " }, () => readString("organization")).value, undefined);
    assert.deepStrictEqual(inputError(readWithInputs({}, () => readString("organization", { required: true }))), {
      input: "organization",
      message: "The input 'organization' is required.",
    });
  });

  it("names an unexpanded $(Variable) macro instead of using it as a value", () => {
    assert.deepStrictEqual(inputError(readWithInputs({ variableGroup: "$(GroupName)" }, () => readString("variableGroup"))), {
      input: "variableGroup",
      message:
        "The input 'variableGroup' holds the unexpanded macro '$(GroupName)': that pipeline variable is not defined. Link the variable group or define the secret variable, or leave the input empty.",
    });
  });

  it("reads whole numbers within their range, else says the range and what it got", () => {
    const read = (text: string) =>
      readWithInputs({ lifetimeDays: text }, () => readInteger("lifetimeDays", { min: 1, max: 365, default: 30 }));
    assert.deepStrictEqual([read("7").value, read("+12").value, read("").value], [7, 12, 30]);
    for (const bad of ["0", "366", "7.5", "1e2", "seven"]) {
      assert.deepStrictEqual(inputError(read(bad)), {
        input: "lifetimeDays",
        message: `The input 'lifetimeDays' must be a whole number from 1 to 365; got '${bad}'.`,
      });
    }
  });

  it("reads true and false in any case, and nothing else", () => {
    const read = (text: string) => readWithInputs({ dryRun: text }, () => readBoolean("dryRun", { default: false }));
    assert.deepStrictEqual([read("TRUE").value, read("false").value, read("").value], [true, false, false]);
    assert.deepStrictEqual(inputError(read("yes")), { input: "dryRun", message: "The input 'dryRun' must be true or false; got 'yes'." });
  });

  it("matches a choice case-insensitively and returns it as listed; lists the choices otherwise", () => {
    const read = (text: string) =>
      readWithInputs({ action: text }, () => readChoice("action", ["rotate", "extend"] as const, { default: "rotate" }));
    assert.deepStrictEqual([read("Extend").value, read("").value], ["extend", "rotate"]);
    assert.deepStrictEqual(inputError(read("renew")), {
      input: "action",
      message: "The input 'action' must be one of rotate, extend; got 'renew'.",
    });
  });
});

describe("pipeline/secrets read in process", () => {
  it("task-lib still keeps inputs in its internal vault, which the secret reads rely on", () => {
    const read = readWithInputs({ refreshToken: "rt-secret-value-1" }, () => internal._vault.retrieveSecret("INPUT_REFRESHTOKEN"));
    assert.strictEqual(read.value, "rt-secret-value-1");
    assert.strictEqual(process.env.INPUT_REFRESHTOKEN, undefined, "task-lib moved the input out of the environment");
  });

  it("a secret input is masked before anything could log it, and never debug-logged", () => {
    const read = readWithInputs({ refreshToken: "  rt-secret-value-2 " }, () => readSecretInput("refreshToken"));
    assert.strictEqual(read.value, "rt-secret-value-2");
    assert.deepStrictEqual(read.output.trim().split(/\r?\n/), ["##vso[task.setsecret]rt-secret-value-2"]);
  });

  it("a secret input holding an unexpanded macro is named, not masked", () => {
    const read = readWithInputs({ refreshToken: "$(RefreshToken)" }, () => readSecretInput("refreshToken"));
    assert.strictEqual(inputError(read).input, "refreshToken");
    assert.doesNotMatch(read.output, /setsecret/);
  });

  it("a secret variable comes from the vault, a plain one from the environment; both are masked", () => {
    const secret = readWithInputs({}, () => readSecretVariable("Agent.ProxyPassword"), { SECRET_AGENT_PROXYPASSWORD: "proxy-secret-1" });
    assert.strictEqual(secret.value, "proxy-secret-1");
    assert.match(secret.output, /^##vso\[task\.setsecret\]proxy-secret-1$/m);
    const plain = readWithInputs({}, () => readSecretVariable("Agent.ProxyPassword"), { AGENT_PROXYPASSWORD: "proxy-plain-1" });
    assert.strictEqual(plain.value, "proxy-plain-1");
    assert.match(plain.output, /^##vso\[task\.setsecret\]proxy-plain-1$/m);
  });
});
