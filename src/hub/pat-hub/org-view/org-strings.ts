/** Every sentence of the organization view, in one place (the personal page keeps its own in strings.ts). */
import type { IncidentKind } from "../../../expiry/pat-incidents";
import type { OrgFlag } from "./org-scan-stream";

export const orgStrings = {
  tabMine: "My tokens",
  tabOrganization: "Organization (token administrators)",
  title: "Every user's personal access tokens",
  checkingAdmin: "Asking Token Admin whether you are a token administrator of this organization…",
  notAdmin: (org: string) =>
    `You are not a token administrator of ${org}, so this view cannot list other people's tokens. ` +
    "Project Collection Administrators can; ask one of them, or use My tokens for your own.",
  failed: (detail: string) => `The organization scan stopped: ${detail}`,
  progress: (read: number, known: number, allKnown: boolean) =>
    allKnown && read >= known ? `All ${known} users read.` : `Reading users… ${read} of ${known}${allKnown ? "" : "+"} read.`,
  throttled: "Azure DevOps is slowing this scan down (rate limit); it keeps going at the pace it allows.",
  unreadable: (n: number) => `${n} user(s) could not be read; their tokens are missing from the list.`,
  userFilter: "Filter by user",
  lifetimePolicy: "Maximum lifetime policy (days)",
  expiringWithin: (days: number) => `expiring within ${days} days`,
  flagLabels: {
    global: "global",
    fullScope: "full scope",
    longLifetime: "lifetime beyond policy",
    expired: "expired",
    expiring: "expiring",
  } as Record<OrgFlag, string>,
  count: (shown: number, all: number) => `${shown} of ${all} tokens shown`,
  columns: { user: "User", name: "Token", scope: "Scope", expiry: "Expires (UTC)", flags: "Flags" },
  exportCsv: "Export CSV",
  revokeSelected: (n: number) => `Revoke selected (${n})`,
  confirmTitle: (n: number) => `Revoke ${n} token(s)?`,
  confirmText: "These tokens stop working at once for whatever uses them. This cannot be undone:",
  confirmButton: "Revoke",
  cancel: "Cancel",
  revoking: "Revoking…",
  revoked: (n: number) => `${n} token(s) revoked.`,
  revokeFailed: (detail: string) => `Nothing was revoked: ${detail}`,
  selectRow: (name: string, owner: string) => `Select ${name} of ${owner}`,
  incidentsTitle: (days: number) => `Leaked and system-revoked tokens (audit log, last ${days} days)`,
  incidentsReading: (days: number) => `Reading the audit log of the last ${days} days…`,
  incidentsNone: (days: number) => `No token was found in public or revoked by Azure DevOps in the last ${days} days.`,
  incidentsNotRead: (detail: string) => `The audit log was not read, so leaked tokens are not shown here: ${detail}`,
  auditNotAllowed: (org: string, said: string) =>
    `Azure DevOps does not let you read the audit log of ${org}. It needs the View audit log permission ` +
    `(Project Collection Administrators have it) and the delegated permission vso.auditlog. Azure DevOps said: ${said}`,
  incidentsFailed: (detail: string) => `The audit log could not be read: ${detail}`,
  incidentKinds: { foundInPublic: "found in public", revokedBySystem: "revoked by Azure DevOps" } as Record<IncidentKind, string>,
  incidentColumns: { event: "Event", name: "Token", user: "User", at: "Date (UTC)" },
};
