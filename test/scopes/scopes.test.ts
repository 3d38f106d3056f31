/** src/scopes/scopes.ts: scope lookup, validation and descriptions. */
import * as assert from "assert";
import { describeScope, findScope, isFullAccess, scopeName, scopesByCategory, splitScopes, validateScopes } from "../../src/scopes";

describe("scopes", () => {
  it("names scope ids readably", () => {
    assert.strictEqual(scopeName("vso.code_write"), "Code (read and write)");
    assert.strictEqual(scopeName("VSO.Work"), "Work items (read)");
    assert.strictEqual(scopeName("vso.nope"), "vso.nope");
    assert.strictEqual(findScope("vso.nope"), undefined);
  });

  it("describes a scope string for display", () => {
    assert.strictEqual(describeScope("app_token"), "Full access");
    assert.strictEqual(describeScope(" vso.code  vso.work_write "), "Code (read), Work items (read and write)");
    assert.strictEqual(describeScope("vso.code vso.mystery"), "Code (read), vso.mystery");
  });

  it("validates a scope string and lists the unknown ids", () => {
    assert.deepStrictEqual(validateScopes("vso.code vso.work_write"), {
      valid: true,
      scopes: ["vso.code", "vso.work_write"],
      unknown: [],
      empty: false,
      fullAccessCombined: false,
    });
    const bad = validateScopes("vso.code vso.wrok vso.cod");
    assert.strictEqual(bad.valid, false);
    assert.deepStrictEqual(bad.unknown, ["vso.wrok", "vso.cod"]);
  });

  it("refuses an empty scope and full access mixed with narrower scopes", () => {
    assert.strictEqual(validateScopes("   ").empty, true);
    assert.strictEqual(validateScopes("   ").valid, false);
    const mixed = validateScopes("app_token vso.code");
    assert.strictEqual(mixed.fullAccessCombined, true);
    assert.strictEqual(mixed.valid, false);
    assert.strictEqual(validateScopes("app_token").valid, true);
  });

  it("splits, dedupes and detects full access", () => {
    assert.deepStrictEqual(splitScopes("a  b a\tc"), ["a", "b", "c"]);
    assert.strictEqual(isFullAccess("app_token"), true);
    assert.strictEqual(isFullAccess("vso.code"), false);
  });

  it("groups the catalogue by category in catalogue order", () => {
    const groups = scopesByCategory();
    const code = groups.find((g) => g.category === "Code");
    assert.deepStrictEqual(
      code?.scopes.map((s) => s.scope),
      ["vso.code", "vso.code_write", "vso.code_manage", "vso.code_full", "vso.code_status"],
    );
    assert.strictEqual(
      groups.reduce((n, g) => n + g.scopes.length, 0),
      89,
    );
  });
});
