/**
 * The machine-readable report (`ReportPath`): wire field names, UTC instants, no secrets. The
 * version lets consumers detect a change of shape.
 */
import type { PatFinding } from "./classify";
import type { PatOwner, PatRecord } from "./pat-record";
import type { ExpiryReport } from "./report";

const JSON_REPORT_VERSION = 1;

/** A PAT's record with its owner always present (null for the caller's own), then the finding. */
interface JsonReportPat extends Omit<PatRecord, "owner"> {
  owner: PatOwner | null;
  status: PatFinding["status"];
  breaksAt: string;
  breaksAtGlobalCutoff: boolean;
  daysLeft: number | null;
  lifetimeDays: number | null;
  flags: PatFinding["flags"];
  needsAttention: boolean;
}

interface JsonReport {
  version: number;
  generatedAt: string;
  organization: string;
  subject: ExpiryReport["subject"];
  shard: string | null;
  outcome: ExpiryReport["outcome"];
  policy: ExpiryReport["policy"];
  totals: ExpiryReport["totals"];
  nextExpiry: string | null;
  unreadableUsers: Array<{ descriptor: string; displayName: string; principalName: string; reason: string }>;
  /** null: not asked (mine mode, auditDays 0, or not this shard); read false: why not. */
  auditLog: { read: boolean; days: number; reason: string | null; eventCounts: Record<string, number> | null } | null;
  /** PATs found in public or revoked by Azure DevOps, newest first. */
  incidents: ExpiryReport["incidents"];
  pats: JsonReportPat[];
}

function toJsonReport(report: ExpiryReport): JsonReport {
  const attention = new Set(report.attention);
  return {
    version: JSON_REPORT_VERSION,
    generatedAt: report.generatedAt,
    organization: report.organization,
    subject: report.subject,
    shard: report.shard ? `${report.shard.index}/${report.shard.count}` : null,
    outcome: report.outcome,
    policy: report.policy,
    totals: report.totals,
    nextExpiry: report.nextExpiry,
    unreadableUsers: report.unreadableUsers.map((u) => ({ ...u.owner, reason: u.reason })),
    auditLog: report.audit && {
      read: report.audit.read,
      days: report.audit.days,
      reason: report.audit.read ? null : report.audit.reason,
      eventCounts: report.audit.read ? report.audit.eventCounts : null,
    },
    incidents: report.incidents.map((i) => ({ ...i })),
    pats: report.findings.map((f) => ({
      authorizationId: f.pat.authorizationId,
      displayName: f.pat.displayName,
      scope: f.pat.scope,
      validFrom: f.pat.validFrom,
      validTo: f.pat.validTo,
      targetAccounts: f.pat.targetAccounts,
      owner: f.pat.owner ? { ...f.pat.owner } : null,
      status: f.status,
      breaksAt: f.breaksAt,
      breaksAtGlobalCutoff: f.breaksAtGlobalCutoff,
      daysLeft: Number.isFinite(f.daysLeft) ? f.daysLeft : null,
      lifetimeDays: Number.isFinite(f.lifetimeDays) ? f.lifetimeDays : null,
      flags: [...f.flags],
      needsAttention: attention.has(f),
    })),
  };
}

/**
 * The report as JSON text. `[` after `##vso` or `##` is written as `\u005b` (the same string to a JSON
 * parser), so a later step that prints the file cannot turn a PAT name into a logging command.
 */
export function renderJsonReport(report: ExpiryReport): string {
  const text = JSON.stringify(toJsonReport(report), null, 2).replace(/(##(?:vso)?)\[/gi, "$1\\u005b");
  return `${text}\n`;
}
