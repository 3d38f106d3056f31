/**
 * The delegated Azure DevOps permissions each PAT Lifecycle operation needs, and the check of an access
 * token's `scp` against them before the first call (pure: tasks, CLI and hub share it).
 *
 * Sources: Sprint 257 release notes (vso.pats / vso.pats_manage replace user_impersonation for the PAT API);
 * tokens 7.2 spec `security` (list/get vso.pats, create/update/revoke vso.pats_manage; a create is reported to
 * need both); tokenadmin 7.1 spec (vso.tokenadministration); graph 7.1 spec (users list: vso.graph);
 * audit log (vso.auditlog: https://learn.microsoft.com/en-us/rest/api/azure/devops/audit/audit-log/query).
 */
import { SCOPE_CATALOGUE } from "../scopes/catalogue";

const PATS_READ = "vso.pats";
const PATS_MANAGE = "vso.pats_manage";
const TOKEN_ADMINISTRATION = "vso.tokenadministration";
const GRAPH_READ = "vso.graph";
const AUDIT_LOG_READ = "vso.auditlog";
/** The broad permission of the past: still full access to other areas, no longer to the PAT API. */
const USER_IMPERSONATION = "user_impersonation";

export type PermissionNeed = "readPats" | "managePats" | "scanOrganization" | "readAuditLog";

const NEEDED_PERMISSIONS: Record<PermissionNeed, readonly string[]> = {
  readPats: [PATS_READ],
  managePats: [PATS_READ, PATS_MANAGE],
  scanOrganization: [TOKEN_ADMINISTRATION, GRAPH_READ],
  readAuditLog: [AUDIT_LOG_READ],
};

/** What a person calls each need in a sentence. */
export const NEED_NAMES: Record<PermissionNeed, string> = {
  readPats: "Listing your PATs",
  managePats: "Creating, extending and revoking PATs",
  scanOrganization: "The organization-wide check (token administration)",
  readAuditLog: "Reading the organization's audit log (leaked and system-revoked PATs)",
};

/**
 * The permissions `need` requires that a token with this `scp` lacks (empty: it may go on). A permission is
 * also held through one that inherits it in the scope catalogue (vso.graph_manage → vso.graph); vso.pats_manage
 * does not inherit vso.pats there, and the spec asks vso.pats for every read.
 */
export function missingPermissions(scp: string | undefined, need: PermissionNeed): string[] {
  const held = new Set((scp ?? "").split(/\s+/).filter(Boolean));
  // user_impersonation still opens token administration, graph and the audit log, but not tokens/pats (Sprint 257).
  if ((need === "scanOrganization" || need === "readAuditLog") && held.has(USER_IMPERSONATION)) return [];
  for (let size = 0; size !== held.size;) {
    size = held.size;
    for (const entry of SCOPE_CATALOGUE) if (entry.inheritsFrom && held.has(entry.scope)) held.add(entry.inheritsFrom);
  }
  return NEEDED_PERMISSIONS[need].filter((p) => !held.has(p));
}
