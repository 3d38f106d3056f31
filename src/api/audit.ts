/**
 * The organization's audit log (`auditservice.dev.azure.com/{org}/_apis/audit/auditlog`, scope vso.auditlog),
 * read page by page with its continuation token until `hasMore` is false.
 * Source: https://learn.microsoft.com/en-us/rest/api/azure/devops/audit/audit-log/query?view=azure-devops-rest-7.1
 */
import type { OrgContext } from "./context";
import { ApiError } from "./errors";

const AUDIT_API_VERSION = "7.1-preview.1";
/** The page size asked for; the service may answer fewer entries per page. */
const BATCH_SIZE = 200;

/** The fields of a decorated audit entry this product reads. */
export interface AuditLogEntry {
  id: string;
  actionId: string;
  timestamp: string;
  actorDisplayName?: string;
  actorUPN?: string;
  details?: string;
  area?: string;
  /** Event-specific values; PAT events carry DisplayName (the PAT's name) and, for system events, OwnerName. */
  data?: Record<string, unknown> | null;
}

interface AuditLogPage {
  decoratedAuditLogEntries?: AuditLogEntry[];
  continuationToken?: string | null;
  hasMore?: boolean;
}

/** Every entry between `startTime` and `endTime`, newest first, page by page. */
export async function* iterateAuditLog(ctx: OrgContext, o: { startTime: Date; endTime: Date }): AsyncGenerator<AuditLogEntry[]> {
  const url = `${ctx.endpoints.audit}/${encodeURIComponent(ctx.organization)}/_apis/audit/auditlog`;
  const seen = new Set<string>();
  let continuationToken: string | undefined;
  for (;;) {
    const res = await ctx.http.request<AuditLogPage>({
      method: "GET",
      url,
      apiVersion: AUDIT_API_VERSION,
      action: `read the audit log of organization '${ctx.organization}'`,
      query: {
        startTime: o.startTime.toISOString(),
        endTime: o.endTime.toISOString(),
        batchSize: BATCH_SIZE,
        skipAggregation: true,
        continuationToken,
      },
    });
    const entries = res.body?.decoratedAuditLogEntries;
    if (!Array.isArray(entries)) throw new ApiError("Azure DevOps answered the audit log query without decoratedAuditLogEntries.", { url });
    yield entries;
    const next = res.body?.continuationToken || undefined;
    if (!res.body?.hasMore || !next) return;
    if (seen.has(next))
      throw new ApiError("Azure DevOps repeated a continuation token while reading the audit log; stopped to avoid a loop.", { url });
    seen.add(next);
    continuationToken = next;
  }
}
