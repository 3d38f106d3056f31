/** src/expiry/name-filter.ts: the nameFilter wildcard patterns. */
import * as assert from "assert";
import { compileNameFilter } from "../../src/expiry/name-filter";

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
});
