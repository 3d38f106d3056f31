/** The check's result object: every shell (task, CLI, hub) renders this and decides nothing. */
import { classifyPat, compareUrgency, needsAttention, type PatFinding } from "./classify";
import type { PatOwner, PatRecord } from "./pat-record";
import type { ExpiryPolicy } from "./policy";
import type { Shard } from "./shard";

export type CheckOutcome = "Succeeded" | "SucceededWithIssues" | "Failed";

/** A user whose PATs could not be read (organization mode): reported and counted, never skipped. */
export interface UnreadableUser {
  owner: PatOwner;
  reason: string;
}

export interface ExpiryReportParams {
  pats: readonly PatRecord[];
  now: Date;
  policy: ExpiryPolicy;
  organization: string;
  subject: "mine" | "organization";
  shard?: Shard | null;
  /** Organization mode: users scanned in this shard (readable or not). */
  usersScanned?: number;
  unreadableUsers?: readonly UnreadableUser[];
}

interface ExpiryTotals {
  /** PATs listed (before the name filter). */
  listed: number;
  /** PATs the name filter let through. */
  matched: number;
  expired: number;
  failing: number;
  warning: number;
  healthy: number;
  /** Expired PATs left out of the findings because includeExpired is false. */
  expiredNotShown: number;
  /** Findings with at least one risk flag. */
  flagged: number;
  global: number;
  fullScope: number;
  longLifetime: number;
  usersScanned: number | null;
  usersUnreadable: number;
}

export interface ExpiryReport {
  generatedAt: string;
  organization: string;
  subject: "mine" | "organization";
  shard: Shard | null;
  policy: Omit<ExpiryPolicy, "nameFilter">;
  /** Every evaluated PAT (healthy ones too), most urgent first. */
  findings: PatFinding[];
  /** The findings a person must act on, most urgent first. */
  attention: PatFinding[];
  unreadableUsers: UnreadableUser[];
  totals: ExpiryTotals;
  /** breaksAt of the soonest PAT still working, or null when none is. */
  nextExpiry: string | null;
  outcome: CheckOutcome;
}

/**
 * Outcome policy: Failed when a reported PAT has expired or breaks within failWithinDays;
 * SucceededWithIssues when one breaks within warnWithinDays, carries a risk flag, or a user's
 * PATs could not be read; otherwise Succeeded.
 */
export function buildExpiryReport(params: ExpiryReportParams): ExpiryReport {
  const { policy } = params;
  const nowMs = params.now.getTime();
  const matched = params.pats.filter((p) => !policy.nameFilter || policy.nameFilter.matches(p.displayName));
  const evaluated = matched.map((p) => classifyPat(p, nowMs, policy));
  const findings = evaluated.filter((f) => policy.includeExpired || f.status !== "expired").sort(compareUrgency);
  const attention = findings.filter(needsAttention);
  const unreadableUsers = [...(params.unreadableUsers ?? [])];
  const count = (pick: (f: PatFinding) => boolean) => findings.filter(pick).length;

  const totals: ExpiryTotals = {
    listed: params.pats.length,
    matched: matched.length,
    expired: count((f) => f.status === "expired"),
    failing: count((f) => f.status === "failing"),
    warning: count((f) => f.status === "warning"),
    healthy: count((f) => f.status === "healthy"),
    expiredNotShown: evaluated.length - findings.length,
    flagged: count((f) => f.flags.length > 0),
    global: count((f) => f.flags.includes("global")),
    fullScope: count((f) => f.flags.includes("fullScope")),
    longLifetime: count((f) => f.flags.includes("longLifetime")),
    usersScanned: params.usersScanned ?? null,
    usersUnreadable: unreadableUsers.length,
  };

  const stillWorking = findings.filter((f) => f.status !== "expired" && f.breaksAt !== "");
  const nextExpiry = stillWorking.reduce<string | null>(
    (soonest, f) => (soonest === null || f.breaksAt < soonest ? f.breaksAt : soonest),
    null,
  );
  const { nameFilter: _omitted, ...policyEcho } = policy;

  return {
    generatedAt: params.now.toISOString(),
    organization: params.organization,
    subject: params.subject,
    shard: params.shard ?? null,
    policy: policyEcho,
    findings,
    attention,
    unreadableUsers,
    totals,
    nextExpiry,
    outcome: outcomeOf(totals),
  };
}

function outcomeOf(t: ExpiryTotals): CheckOutcome {
  if (t.expired > 0 || t.failing > 0) return "Failed";
  if (t.warning > 0 || t.flagged > 0 || t.usersUnreadable > 0) return "SucceededWithIssues";
  return "Succeeded";
}

/** ExpiringCount: PATs still working that break within warnWithinDays (failing + warning). */
export function expiringCount(report: ExpiryReport): number {
  return report.totals.failing + report.totals.warning;
}
