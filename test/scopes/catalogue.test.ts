/** src/scopes/catalogue.ts is the generator's output from the official scopes.json. */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { SCOPE_CATALOGUE } from "../../src/scopes";
import { catalogueModuleFile, readSharedScopes, renderCatalogueModule, sharedScopesFile } from "./catalogue-source";

describe("scope catalogue (src/scopes/catalogue.ts)", () => {
  it("holds exactly the entries of shared/specs/scopes.json", () => {
    assert.ok(fs.existsSync(sharedScopesFile), `the shared scope table is missing at ${sharedScopesFile}`);
    assert.deepStrictEqual(SCOPE_CATALOGUE, readSharedScopes());
  });

  it("is the generator's output, not a hand edit (regenerate: node out/test/scopes/generate-catalogue.js)", () => {
    assert.strictEqual(fs.readFileSync(catalogueModuleFile, "utf8"), renderCatalogueModule(readSharedScopes()));
  });

  it("has unique scope ids", () => {
    const ids = SCOPE_CATALOGUE.map((e) => e.scope);
    assert.strictEqual(new Set(ids).size, ids.length);
  });

  it("reads no file at run time (browser-safe, never ../shared)", () => {
    const dir = path.dirname(catalogueModuleFile);
    for (const file of fs.readdirSync(dir)) {
      const text = fs.readFileSync(path.join(dir, file), "utf8");
      assert.ok(!/from "(node:)?(fs|path)"|require\(/.test(text), `src/scopes/${file} imports a Node module`);
    }
  });
});
