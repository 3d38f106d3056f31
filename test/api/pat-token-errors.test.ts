/** Every SessionTokenError value of the official 7.1 and 7.2 specs has its own sentence. */
import * as assert from "assert";
import { PatTokenApiError } from "../../src/api/errors";
import { describePatTokenError } from "../../src/api/pat-token-errors";
import type { SessionTokenError } from "../../src/api/model";
import { readSpec } from "../emulator/spec-schemas";

function specEnum(file: string): string[] {
  const spec = readSpec(file) as { definitions: { PatTokenResult: { properties: { patTokenError: { enum: string[] } } } } };
  return spec.definitions.PatTokenResult.properties.patTokenError.enum;
}

describe("api/pat-token-errors", () => {
  const v71 = specEnum("tokens-7.1.json");
  const v72 = specEnum("tokens-7.2.json");

  it("reads the enums from the specs (33 values in 7.1, 37 in 7.2)", () => {
    assert.strictEqual(v71.length, 33);
    assert.strictEqual(v72.length, 37);
  });

  it("has a distinct, specific sentence for every value of both enums", () => {
    const sentences = new Map<string, string>();
    for (const code of new Set([...v71, ...v72])) {
      const s = describePatTokenError(code);
      assert.ok(!s.includes("reported the error"), `${code} has no sentence of its own`);
      assert.ok(s.length > 15 && s.endsWith("."), `${code}: '${s}'`);
      assert.ok(!sentences.has(s), `${code} shares its sentence with ${sentences.get(s)}`);
      sentences.set(s, code);
    }
  });

  it("names the policy in policy refusals", () => {
    assert.strictEqual(
      describePatTokenError("patLifespanPolicyViolation"),
      "the organization's 'Enforce maximum PAT lifespan' policy forbids this expiration date: choose a shorter lifetime.",
    );
    assert.match(describePatTokenError("fullScopePatPolicyViolation"), /'Restrict full-scoped PAT creation' policy/);
    assert.match(describePatTokenError("globalPatPolicyViolation"), /'Restrict global PAT creation' policy/);
    assert.match(describePatTokenError("globalPATCreationBlocked"), /'Restrict global PAT creation' policy/);
    assert.match(describePatTokenError("disablePatCreationPolicyViolation"), /'Restrict personal access token \(PAT\) creation' policy/);
  });

  it("still reads well for a value a future API version adds", () => {
    assert.strictEqual(describePatTokenError("somethingNew"), "Azure DevOps reported the error 'somethingNew'.");
  });

  it("PatTokenApiError carries the value, the sentence and the service's 7.2 message", () => {
    const e = new PatTokenApiError("fullScopePatPolicyViolation" as SessionTokenError, "create the PAT 'deploy'", {
      serviceMessage: "Full scope PATs are blocked.",
    });
    assert.strictEqual(e.code, "fullScopePatPolicyViolation");
    assert.strictEqual(e.status, 200);
    assert.strictEqual(
      e.message,
      "Could not create the PAT 'deploy': the organization's 'Restrict full-scoped PAT creation' policy forbids full access (app_token): " +
        "choose specific scopes. (patTokenError: fullScopePatPolicyViolation) Azure DevOps said: Full scope PATs are blocked.",
    );
  });
});
