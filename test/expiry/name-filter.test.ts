/** src/expiry/name-filter.ts: the nameFilter wildcard patterns. */
import * as assert from "assert";
import { compileNameFilter, type MatchSteps } from "../../src/expiry/name-filter";

describe("expiry/name-filter", () => {
  const matches = (filter: string, name: string) => compileNameFilter(filter)!.matches(name);

  it("empty means no filter", () => {
    assert.strictEqual(compileNameFilter(""), null);
    assert.strictEqual(compileNameFilter(" ; \n "), null);
  });

  it("* and ? are wildcards on the whole name, case-insensitive", () => {
    assert.ok(matches("deploy-*", "Deploy-Prod"));
    assert.ok(!matches("deploy-*", "pre-deploy-prod"), "anchored at the start");
    assert.ok(matches("*-prod", "deploy-prod"));
    assert.ok(matches("build-?", "build-7"));
    assert.ok(!matches("build-?", "build-77"));
    assert.ok(matches("*", ""));
  });

  it("regex characters in names are literal", () => {
    assert.ok(matches("a.b (ci) [x]+", "A.B (CI) [X]+"));
    assert.ok(!matches("a.b", "axb"));
    assert.ok(matches("c:\\path\\*", "c:\\path\\tool"));
  });

  it("several patterns with ; or new lines; ! excludes", () => {
    assert.ok(matches("deploy-*;release-*", "release-1"));
    assert.ok(matches("deploy-*\nrelease-*", "deploy-1"));
    assert.ok(!matches("deploy-*;!*-test", "deploy-test"));
    assert.ok(matches("deploy-*;!*-test", "deploy-prod"));
    assert.ok(matches("!*-test", "anything"), "only exclusions: everything else matches");
    assert.ok(!matches("!*-test", "x-test"));
  });

  it("middle segments may sit anywhere, ? inside them too", () => {
    assert.ok(matches("a*b?d*e", "aXXbcdYYe"));
    assert.ok(matches("a*bc*bcd*e", "abcbcbcde"));
    assert.ok(!matches("a*bc*bcd*e", "abcde"), "the segments may not overlap");
    assert.ok(matches("*ü*", "GRÜN"));
    assert.ok(matches("?", "😀"), "? is one character, not one UTF-16 unit");
  });

  it("many wildcards against long names take steps bounded by name length times pattern length", () => {
    const cases: Array<[string, string, boolean]> = [
      ["*a*a*a*a*a*a*b", "a".repeat(200), false],
      ["*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b", "a".repeat(5000), false],
      ["*?*?*?*?*?*?*?*?*?*x", "y".repeat(5000), false],
      ["*aaaaaaaaaaaaaaaaaaab*", "a".repeat(5000), false],
      ["*a*a*a*a*a*a*b", `${"a".repeat(5000)}b`, true],
    ];
    for (const [pattern, name, expected] of cases) {
      const steps: MatchSteps = { count: 0 };
      assert.strictEqual(compileNameFilter(pattern, steps)!.matches(name), expected, pattern);
      const bound = (name.length + 1) * (pattern.length + 1);
      assert.ok(steps.count <= bound, `${pattern} took ${steps.count} comparisons on ${name.length} characters (bound ${bound})`);
      assert.ok(steps.count > 0, "the step counter counted nothing");
    }
  });
});
