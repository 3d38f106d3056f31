/**
 * What the hub says about one PAT: its status and the moment it stops working. The expiry core
 * (src/expiry) decides expiry, so the hub, the CheckPatExpiry task and the CLI agree on every date.
 */
import type { PatToken } from "../../api/model";
import { classifyPat } from "../../expiry/classify";
import { recordFromPatToken } from "../../expiry/pat-record";
import type { ExpiryPolicy } from "../../expiry/policy";
import { parseWireTime, utcCalendarDaysBetween } from "../../expiry/wire-time";

export type PatStatus = "active" | "expiringSoon" | "expired" | "stoppedWorking" | "revoked";

/** Azure DevOps mails owners a week before a PAT expires; the hub warns from the same day. */
const EXPIRING_SOON_DAYS = 7;

const HUB_POLICY: ExpiryPolicy = {
  warnWithinDays: EXPIRING_SOON_DAYS,
  failWithinDays: 0,
  includeExpired: true,
  flagGlobal: true,
  flagFullScope: false,
  maxLifetimeDays: null,
  nameFilter: null,
};

export interface PatView {
  pat: PatToken;
  status: PatStatus;
  /** ISO instant the PAT stops working: validTo, or the global-PAT cut-off when that comes first. */
  breaksAt: string;
  breaksAtGlobalCutoff: boolean;
  /** Whole UTC calendar days until breaksAt (negative once past), for "in 5 days". */
  daysToBreak: number;
  isGlobal: boolean;
}

/**
 * The list API does not say whether a PAT is revoked: only the filter it was listed under does,
 * so the caller passes what it knows (`revoked`).
 */
export function viewPat(pat: PatToken, nowMs: number, revoked: boolean): PatView {
  const finding = classifyPat(recordFromPatToken(pat), nowMs, HUB_POLICY);
  const status: PatStatus = revoked
    ? "revoked"
    : finding.status === "expired"
      ? finding.breaksAtGlobalCutoff
        ? "stoppedWorking"
        : "expired"
      : finding.status === "healthy"
        ? "active"
        : "expiringSoon";
  return {
    pat,
    status,
    breaksAt: finding.breaksAt,
    breaksAtGlobalCutoff: finding.breaksAtGlobalCutoff,
    daysToBreak: utcCalendarDaysBetween(nowMs, parseWireTime(finding.breaksAt || pat.validTo)),
    isGlobal: pat.targetAccounts === null,
  };
}
