/** The delegated permissions each operation needs, read from a token's `scp` before the first call. */
import * as assert from "assert";
import * as jwt from "jsonwebtoken";
import { requirePermissions } from "../../src/auth/access-token";
import { missingPermissions } from "../../src/auth/token-permissions";

const token = (claims: Record<string, unknown>) =>
  jwt.sign({ aud: "499b84ac-1321-427f-aa17-267ca6975798", tid: "t", oid: "o", exp: 4_000_000_000, ...claims }, "k");

describe("auth/token-permissions", () => {
  it("reads need vso.pats, changes vso.pats and vso.pats_manage, the organization scan vso.tokenadministration and vso.graph", () => {
    assert.deepStrictEqual(missingPermissions("vso.pats", "readPats"), []);
    assert.deepStrictEqual(
      missingPermissions("vso.pats_manage", "readPats"),
      ["vso.pats"],
      "the spec asks vso.pats for reads; manage does not inherit it",
    );
    assert.deepStrictEqual(missingPermissions("vso.pats", "managePats"), ["vso.pats_manage"]);
    assert.deepStrictEqual(missingPermissions("vso.pats vso.pats_manage", "managePats"), []);
    assert.deepStrictEqual(missingPermissions("user_impersonation", "readPats"), ["vso.pats"]);
    assert.deepStrictEqual(missingPermissions("user_impersonation", "scanOrganization"), []);
    assert.deepStrictEqual(
      missingPermissions("vso.tokenadministration vso.graph_manage", "scanOrganization"),
      [],
      "graph_manage inherits graph",
    );
    assert.deepStrictEqual(missingPermissions(undefined, "scanOrganization"), ["vso.tokenadministration", "vso.graph"]);
    assert.deepStrictEqual(missingPermissions("vso.tokenadministration vso.graph", "readAuditLog"), ["vso.auditlog"]);
    assert.deepStrictEqual(missingPermissions("vso.graph vso.auditlog", "readAuditLog"), []);
    assert.deepStrictEqual(missingPermissions("vso.auditstreams_manage", "readAuditLog"), [], "auditstreams_manage inherits auditlog");
    assert.deepStrictEqual(missingPermissions("user_impersonation", "readAuditLog"), []);
  });

  it("names the missing permission, the app registration and the consent; silent when nothing is missing", () => {
    assert.doesNotThrow(() => requirePermissions(token({ scp: "vso.pats vso.pats_manage", appid: "app-1" }), ["readPats", "managePats"]));
    assert.throws(() => requirePermissions(token({ scp: "vso.pats", appid: "app-1" }), ["readPats", "managePats"]), {
      name: "EntraSignInError",
      message:
        "Creating, extending and revoking PATs needs the delegated Azure DevOps permission vso.pats_manage, which the access token of app registration app-1 " +
        "does not have (it has: vso.pats). Add it in the Entra admin center > App registrations > app-1 > API permissions > Add a permission > " +
        "Azure DevOps > Delegated permissions, then grant admin consent for the tenant (or sign in again with `pat-lifecycle login` to consent).",
    });
    assert.throws(
      () => requirePermissions(token({ scp: "vso.pats", azp: "app-2" }), ["scanOrganization"]),
      /permissions vso\.tokenadministration and vso\.graph, which the access token of app registration app-2 .* Add them in/,
    );
  });
});
