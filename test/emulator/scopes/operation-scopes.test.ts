/** The generated per-operation scope table: equal to ../shared/specs, the generator's own output, and how the emulator's scope check reads it. */
import * as assert from "assert";
import * as fs from "fs";
import { OPERATION_SCOPES } from "./operation-scopes";
import { operationScopesModuleFile, readSpecOperationScopes, renderOperationScopesModule, sharedSpecsDir } from "./operation-scopes-source";
import { missingScopes, specOperation } from "./scope-check";

const STRICT = {
  userImpersonationOpensPats: false,
  patCreateNeedsReadScope: true,
  expiredPatUpdates: "refuse" as const,
  extendLimit: "oneYearFromNow" as const,
  corsOnErrors: false,
  locationDiscovery: true,
};

describe("emulator operation scopes (test/emulator/scopes/operation-scopes.ts)", () => {
  it("holds exactly the `security` of every operation in the shared specs", () => {
    assert.ok(fs.existsSync(sharedSpecsDir), `the shared specs are missing at ${sharedSpecsDir}`);
    assert.deepStrictEqual(OPERATION_SCOPES, readSpecOperationScopes());
  });

  it("is the generator's output, not a hand edit (regenerate: node out/test/emulator/scopes/generate-operation-scopes.js)", () => {
    assert.strictEqual(fs.readFileSync(operationScopesModuleFile, "utf8"), renderOperationScopesModule(readSpecOperationScopes()));
  });

  it("finds the operation of a request by method and path, case-insensitively", () => {
    assert.strictEqual(specOperation("GET", "/contoso/_apis/tokens/pats")?.operationId, "Pats_Get");
    assert.strictEqual(specOperation("DELETE", "/Contoso/_APIS/Tokens/Pats/")?.operationId, "Pats_Revoke");
    assert.strictEqual(specOperation("GET", "/contoso/_apis/tokenadmin/personalaccesstokens/aad.X")?.scopes[0], "vso.tokenadministration");
    assert.strictEqual(specOperation("GET", "/contoso/_apis/graph/users")?.scopes[0], "vso.graph");
    assert.strictEqual(specOperation("GET", "/contoso/_apis/connectionData"), undefined);
  });

  it("reads need vso.pats, writes vso.pats_manage, a create both (switch); user_impersonation opens everything but tokens/pats", () => {
    const op = (m: string, p: string) => specOperation(m, p)!;
    assert.deepStrictEqual(missingScopes(op("GET", "/o/_apis/tokens/pats"), ["vso.pats_manage"], STRICT), ["vso.pats"]);
    assert.deepStrictEqual(missingScopes(op("PUT", "/o/_apis/tokens/pats"), ["vso.pats"], STRICT), ["vso.pats_manage"]);
    assert.deepStrictEqual(missingScopes(op("POST", "/o/_apis/tokens/pats"), ["vso.pats_manage"], STRICT), ["vso.pats"]);
    assert.deepStrictEqual(
      missingScopes(op("POST", "/o/_apis/tokens/pats"), ["vso.pats_manage"], { ...STRICT, patCreateNeedsReadScope: false }),
      [],
    );
    assert.deepStrictEqual(missingScopes(op("GET", "/o/_apis/tokens/pats"), ["user_impersonation"], STRICT), ["vso.pats"]);
    assert.deepStrictEqual(
      missingScopes(op("GET", "/o/_apis/tokens/pats"), ["user_impersonation"], { ...STRICT, userImpersonationOpensPats: true }),
      [],
    );
    assert.deepStrictEqual(missingScopes(op("GET", "/o/_apis/graph/users"), ["user_impersonation"], STRICT), []);
    assert.deepStrictEqual(missingScopes(op("GET", "/o/_apis/graph/users"), ["vso.graph_manage"], STRICT), []);
    assert.deepStrictEqual(missingScopes(op("GET", "/o/_apis/graph/users"), ["vso.pats", "vso.pats_manage"], STRICT), ["vso.graph"]);
  });
});
