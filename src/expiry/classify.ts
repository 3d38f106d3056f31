/**
 * One PAT against the policy and the clock.
 *
 * Days left are whole UTC calendar days between today's UTC date and the UTC date of the moment
 * the PAT breaks (0 = breaks today, -1 = broke yesterday), whatever zone the service wrote the
 * time in. A PAT is expired once that moment has passed, so one expiring later today is not.
 * Windows are inclusive: exactly failWithinDays left fails, exactly warnWithinDays left warns.
 */
import { GLOBAL_PAT_CUTOFF } from "../api/model";
import type { PatRecord } from "./pat-record";
import type { ExpiryPolicy } from "./policy";
import { parseWireTime, utcCalendarDaysBetween, utcDayNumber } from "./wire-time";

export type ExpiryStatus = "expired" | "failing" | "warning" | "healthy";
export type RiskFlag = "global" | "fullScope" | "longLifetime";

export interface PatFinding {
  pat: PatRecord;
  status: ExpiryStatus;
  /** ISO instant the PAT stops working: validTo, or the global-PAT cut-off when that comes first. */
  breaksAt: string;
  /** True when breaksAt is the global-PAT cut-off rather than validTo. */
  breaksAtGlobalCutoff: boolean;
  daysLeft: number;
  /** Whole UTC calendar days from validFrom to validTo. */
  lifetimeDays: number;
  flags: RiskFlag[];
}

const GLOBAL_CUTOFF_MS = Date.parse(GLOBAL_PAT_CUTOFF);

export function classifyPat(pat: PatRecord, nowMs: number, policy: ExpiryPolicy): PatFinding {
  const validToMs = parseWireTime(pat.validTo);
  const validFromMs = parseWireTime(pat.validFrom);
  const isGlobal = pat.targetAccounts === null;
  const cutoffFirst = policy.flagGlobal && isGlobal && GLOBAL_CUTOFF_MS < validToMs;
  const breaksAtMs = cutoffFirst ? GLOBAL_CUTOFF_MS : validToMs;
  const daysLeft = utcCalendarDaysBetween(nowMs, breaksAtMs);
  const lifetimeDays = utcDayNumber(validToMs) - utcDayNumber(validFromMs);

  const flags: RiskFlag[] = [];
  if (policy.flagGlobal && isGlobal) flags.push("global");
  if (policy.flagFullScope && isFullScope(pat.scope)) flags.push("fullScope");
  if (policy.maxLifetimeDays !== null && lifetimeDays > policy.maxLifetimeDays) flags.push("longLifetime");

  return {
    pat,
    status: statusOf(breaksAtMs, nowMs, daysLeft, policy),
    breaksAt: Number.isNaN(breaksAtMs) ? "" : new Date(breaksAtMs).toISOString(),
    breaksAtGlobalCutoff: cutoffFirst,
    daysLeft,
    lifetimeDays,
    flags,
  };
}

function statusOf(breaksAtMs: number, nowMs: number, daysLeft: number, policy: ExpiryPolicy): ExpiryStatus {
  if (!(breaksAtMs > nowMs)) return "expired"; // an unreadable validTo (NaN) counts as broken
  if (daysLeft <= policy.failWithinDays) return "failing";
  if (daysLeft <= policy.warnWithinDays) return "warning";
  return "healthy";
}

export function isFullScope(scope: string): boolean {
  return scope.split(/\s+/).includes("app_token");
}

/** Lower sorts first: broken, then failing, then warning, then flagged-only. */
const STATUS_URGENCY: Record<ExpiryStatus, number> = { expired: 0, failing: 1, warning: 2, healthy: 3 };

/**
 * Most urgent first: by status, then the soonest break (for expired PATs the most recent break: a
 * PAT that broke yesterday is likelier still in use than one that broke months ago), then name,
 * then id (a total order).
 */
export function compareUrgency(a: PatFinding, b: PatFinding): number {
  const byTime = compareInstants(a.breaksAt, b.breaksAt);
  return (
    STATUS_URGENCY[a.status] - STATUS_URGENCY[b.status] ||
    (a.status === "expired" ? -byTime : byTime) ||
    b.flags.length - a.flags.length ||
    a.pat.displayName.localeCompare(b.pat.displayName, "en") ||
    a.pat.authorizationId.localeCompare(b.pat.authorizationId, "en")
  );
}

function compareInstants(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Whether a finding belongs in the log lines and the summary table. */
export function needsAttention(f: PatFinding): boolean {
  return f.status !== "healthy" || f.flags.length > 0;
}
