/**
 * PAT incidents from the audit log: PATs found in public (Token.PatPublicDiscoveryEvent) and PATs Azure DevOps
 * revoked itself (Token.PatSystemRevokeEvent), with the owner and date; plus counts of every PAT event kind.
 * Event names and their data fields (DisplayName, OwnerName): Microsoft Learn "Auditing events list", Token area,
 * https://learn.microsoft.com/en-us/azure/devops/organizations/audit/auditing-events
 */
import type { AuditLogEntry } from "../api/audit";

export type IncidentKind = "foundInPublic" | "revokedBySystem";

export interface PatIncident {
  kind: IncidentKind;
  /** The PAT's name, as the event names it. */
  patName: string;
  /** The owner as the event names them (OwnerName), else the event's actor. */
  owner: string;
  /** ISO instant of the event. */
  at: string;
}

/** What the organization scan learned from the audit log; `read: false` says why it was not read. */
export type AuditFindings =
  | { read: true; days: number; incidents: PatIncident[]; eventCounts: Record<string, number> }
  | { read: false; days: number; reason: string };

const INCIDENT_EVENTS: Record<string, IncidentKind> = {
  "Token.PatPublicDiscoveryEvent": "foundInPublic",
  "Token.PatSystemRevokeEvent": "revokedBySystem",
};

/** The PAT events (Token.Pat*) in `entries`, as incidents (newest first) and counts by action id. */
export function auditFindings(entries: readonly AuditLogEntry[], days: number): AuditFindings {
  const incidents: PatIncident[] = [];
  const eventCounts: Record<string, number> = {};
  for (const e of entries) {
    if (!/^Token\.Pat/.test(e.actionId)) continue;
    eventCounts[e.actionId] = (eventCounts[e.actionId] ?? 0) + 1;
    const kind = INCIDENT_EVENTS[e.actionId];
    if (!kind) continue;
    const data = e.data ?? {};
    incidents.push({
      kind,
      patName: typeof data.DisplayName === "string" ? data.DisplayName : "",
      owner: typeof data.OwnerName === "string" && data.OwnerName ? data.OwnerName : e.actorUPN || e.actorDisplayName || "",
      at: e.timestamp,
    });
  }
  incidents.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  return { read: true, days, incidents, eventCounts };
}
