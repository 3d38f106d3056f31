/** Reads the audit log's PAT events for the organization scan; a caller who may not read it gets a reason, not a failure. */
import { iterateAuditLog, type AuditLogEntry } from "../api/audit";
import type { OrgContext } from "../api/context";
import { ApiError, NotSignedInError, VssApiError } from "../api/errors";
import { DAY_MS } from "./wire-time";
import { auditFindings, type AuditFindings } from "./pat-incidents";

export async function collectAuditFindings(
  ctx: OrgContext,
  o: { now: Date; days: number; notAllowed: (serviceMessage: string) => string },
): Promise<AuditFindings> {
  const entries: AuditLogEntry[] = [];
  try {
    for await (const page of iterateAuditLog(ctx, { startTime: new Date(o.now.getTime() - o.days * DAY_MS), endTime: o.now }))
      entries.push(...page);
  } catch (e) {
    // 401: no vso.auditlog in the token; 403: no View audit log permission (or an organization without auditing).
    if (e instanceof NotSignedInError || (e instanceof ApiError && e.status === 403)) {
      const said = e instanceof NotSignedInError || e instanceof VssApiError ? e.serviceMessage : undefined;
      return { read: false, days: o.days, reason: o.notAllowed(said ?? `HTTP ${e.status ?? "error"}`) };
    }
    throw e;
  }
  return auditFindings(entries, o.days);
}
