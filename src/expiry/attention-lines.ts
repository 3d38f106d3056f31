/** One log line per PAT needing attention, and the short total, for the task log. */
import type { PatFinding } from "./classify";
import { breaksAtText, daysLeftText, displayNameText, flagsText, scopeText } from "./finding-text";
import type { Localize } from "./localize";
import type { ExpiryReport } from "./report";

export interface LogLine {
  /** error: fails the check; warning: needs attention; info: plain log. */
  severity: "error" | "warning" | "info";
  text: string;
}

export function attentionLines(report: ExpiryReport, loc: Localize): LogLine[] {
  const lines: LogLine[] = report.attention.map((f) => ({
    severity: f.status === "expired" || f.status === "failing" ? "error" : "warning",
    text: findingLine(f, report.policy.maxLifetimeDays, loc),
  }));
  for (const u of report.unreadableUsers) {
    lines.push({ severity: "warning", text: loc("UserUnreadable", u.owner.displayName, u.owner.principalName, u.reason) });
  }
  for (const i of report.incidents) {
    lines.push({
      severity: "warning",
      text: loc(i.kind === "foundInPublic" ? "IncidentFoundInPublic" : "IncidentRevokedBySystem", i.patName, i.owner, auditTime(i.at)),
    });
  }
  return lines;
}

function findingLine(f: PatFinding, maxLifetimeDays: number | null, loc: Localize): string {
  const owner = f.pat.owner ? loc("OwnerSuffix", f.pat.owner.displayName, f.pat.owner.principalName) : "";
  const flags = f.flags.length > 0 ? loc("FlagsSuffix", flagsText(f, maxLifetimeDays, loc)) : "";
  const name = displayNameText(f, loc);
  const when = breaksAtText(f);
  const days = daysLeftText(f, loc);
  const scope = scopeText(f, loc);
  if (f.status === "expired") return loc("LineExpired", name, owner, when, days, scope, flags);
  if (f.breaksAtGlobalCutoff) return loc("LineGlobalCutoff", name, owner, when, days, scope, flags);
  return loc("LineExpires", name, owner, when, days, scope, flags);
}

/** The short total: counts, then (organization mode) users; shared by the log and the summary. */
export function totalsSentences(report: ExpiryReport, loc: Localize): string[] {
  const t = report.totals;
  const p = report.policy;
  const lines = [loc("TotalChecked", t.matched, t.expired, t.failing, p.failWithinDays, t.warning, p.warnWithinDays, t.healthy, t.flagged)];
  if (t.expiredNotShown > 0) lines.push(loc("TotalExpiredNotShown", t.expiredNotShown));
  if (t.usersScanned !== null) lines.push(loc("TotalUsers", t.usersScanned, t.usersUnreadable));
  const audit = report.audit;
  if (audit) lines.push(audit.read ? loc("TotalAuditRead", audit.days, t.incidents) : loc("TotalAuditNotRead", audit.reason));
  return lines;
}

/** The log's closing lines: the total and the outcome sentence. */
export function totalLines(report: ExpiryReport, loc: Localize): string[] {
  return [...totalsSentences(report, loc), loc(`Outcome${report.outcome}`)];
}

/** `YYYY-MM-DD HH:MM UTC` of an audit event. */
export function auditTime(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : `${new Date(ms).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
