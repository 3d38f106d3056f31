/**
 * The audit log (`auditservice.dev.azure.com/{org}/_apis/audit/auditlog`, played on the vssps listener):
 * entries between startTime and endTime, newest first, `batchSize` per page (capped by `auditPageSize`),
 * `{decoratedAuditLogEntries, continuationToken, hasMore}`. Sources: Learn REST 7.1
 * https://learn.microsoft.com/en-us/rest/api/azure/devops/audit/audit-log/query?view=azure-devops-rest-7.1 ;
 * permission and scope: https://learn.microsoft.com/en-us/azure/devops/organizations/audit/azure-devops-auditing
 * (View audit log, given to Project Collection Administrators; OAuth scope vso.auditlog). Here a token
 * administrator (`tokenAdminOf`) stands for a Project Collection Administrator.
 */
import { randomUUID } from "crypto";
import { patHasScope } from "../caller";
import type { EmulatorContext, Route } from "../context";
import type { Exchange } from "../exchange";
import type { StoredAuditEvent } from "../state";
import { ARGUMENT, UNAUTHORIZED_REQUEST, sendVssError, vssErrorType } from "../vss-errors";
import { admit, methodNotAllowed } from "./org-guard";

const VERSIONS = { min: 5.1, max: 7.2, released: 0 };
const ACCESS_DENIED = vssErrorType(
  "AccessCheckException",
  "Microsoft.VisualStudio.Services.Security",
  "Microsoft.VisualStudio.Services.WebApi",
);

export const auditRoutes: Route[] = [
  { service: "vssps", method: "*", pattern: /^\/([^/_][^/]*)\/_apis\/audit\/auditlog\/?$/i, handle: (ex, m, ctx) => query(ex, ctx, m[1]) },
];

function query(ex: Exchange, ctx: EmulatorContext, orgName: string): void {
  const admitted = admit(ex, ctx, orgName, VERSIONS);
  if (!admitted) return;
  if (ex.method !== "GET") return methodNotAllowed(ex);
  const { caller, org } = admitted;
  const scoped =
    caller.kind === "entraUser"
      ? caller.scopes.some((s) => s === "vso.auditlog" || s === "user_impersonation")
      : caller.kind === "pat"
        ? patHasScope(caller.pat, "vso.auditlog")
        : true;
  if (!scoped) {
    const who = caller.kind === "entraUser" || caller.kind === "pat" ? caller.user.id : "caller";
    return sendVssError(ex, 401, UNAUTHORIZED_REQUEST, `TF400813: The user '${who}' is not authorized to access this resource.`);
  }
  const mayView = (caller.kind === "entraUser" || caller.kind === "pat") && caller.user.tokenAdminOf.includes(org.id);
  if (!mayView) {
    return sendVssError(
      ex,
      403,
      ACCESS_DENIED,
      "Access Denied: the caller needs the following permission(s) on the resource Auditing to perform this action: View audit log",
    );
  }
  const time = (name: string): number | undefined | null => {
    const raw = ex.query(name);
    if (raw === undefined) return undefined;
    const ms = Date.parse(raw);
    return Number.isNaN(ms) ? null : ms;
  };
  const start = time("startTime");
  const end = time("endTime");
  if (start === null || end === null) return sendVssError(ex, 400, ARGUMENT, "startTime and endTime must be dates.");
  const batchRaw = ex.query("batchSize");
  if (batchRaw !== undefined && !/^\d+$/.test(batchRaw)) return sendVssError(ex, 400, ARGUMENT, "batchSize must be a whole number.");
  const pageSize = Math.max(1, Math.min(Number(batchRaw ?? 200), ctx.state.auditPageSize));
  const key = `${org.id}|${start ?? ""}|${end ?? ""}`;
  let offset = 0;
  const token = ex.query("continuationToken");
  if (token) {
    const cursor = ctx.state.auditCursors.get(token);
    if (!cursor || cursor.key !== key)
      return sendVssError(ex, 400, ARGUMENT, `The continuation token '${token}' is not valid for this query.`);
    offset = cursor.offset;
  }
  const nowMs = ctx.state.clock.nowMs();
  const from = start ?? nowMs - 7 * 86_400_000;
  const to = end ?? nowMs;
  const matching = ctx.state.auditEvents
    .filter((e) => e.orgId === org.id && e.timestampMs >= from && e.timestampMs <= to)
    .sort((a, b) => b.timestampMs - a.timestampMs);
  const page = matching.slice(offset, offset + pageSize);
  const hasMore = offset + pageSize < matching.length;
  let continuationToken = "";
  if (hasMore) {
    continuationToken = randomUUID().replace(/-/g, "");
    ctx.state.auditCursors.set(continuationToken, { key, offset: offset + pageSize });
  }
  ex.json(200, { decoratedAuditLogEntries: page.map((e) => wireEntry(e, org.name)), continuationToken, hasMore });
}

function wireEntry(e: StoredAuditEvent, orgName: string): Record<string, unknown> {
  return {
    id: e.id,
    correlationId: e.id,
    activityId: e.id,
    actorCUID: "00000000-0000-0000-0000-000000000000",
    actorUserId: "00000000-0000-0000-0000-000000000000",
    actorUPN: e.actorUPN,
    actorDisplayName: e.actorDisplayName,
    authenticationMechanism: "",
    timestamp: new Date(e.timestampMs).toISOString(),
    scopeType: "organization",
    scopeDisplayName: `${orgName} (Organization)`,
    scopeId: e.orgId,
    projectId: null,
    projectName: null,
    ipAddress: "",
    userAgent: "",
    actionId: e.actionId,
    data: e.data,
    details: e.details,
    area: "Token",
    category: "modify",
    categoryDisplayName: "Modify",
  };
}
