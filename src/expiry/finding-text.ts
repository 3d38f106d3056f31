/** The localized phrases one finding is described with, shared by log lines and the summary. */
import { GLOBAL_PAT_CUTOFF } from "../api/model";
import type { ExpiryStatus, PatFinding, RiskFlag } from "./classify";
import type { ExpiryMessageKey, Localize } from "./localize";
import { utcDate } from "./wire-time";

export function statusLabel(status: ExpiryStatus, loc: Localize): string {
  const keys: Record<ExpiryStatus, ExpiryMessageKey> = {
    expired: "StatusExpired",
    failing: "StatusFailing",
    warning: "StatusWarning",
    healthy: "StatusHealthy",
  };
  return loc(keys[status]);
}

function flagLabel(flag: RiskFlag, f: PatFinding, maxLifetimeDays: number | null, loc: Localize): string {
  if (flag === "global") return loc("FlagGlobal", utcDate(Date.parse(GLOBAL_PAT_CUTOFF)));
  if (flag === "fullScope") return loc("FlagFullScope");
  return loc("FlagLongLifetime", f.lifetimeDays, maxLifetimeDays ?? 0);
}

export function flagsText(f: PatFinding, maxLifetimeDays: number | null, loc: Localize): string {
  return f.flags.map((flag) => flagLabel(flag, f, maxLifetimeDays, loc)).join(", ");
}

/** "today", "in 3 days", "2 days ago", in UTC calendar days. */
export function daysLeftText(f: PatFinding, loc: Localize): string {
  const d = f.daysLeft;
  if (Number.isNaN(d)) return loc("DaysUnknown");
  if (d === 0) return f.status === "expired" ? loc("DaysEarlierToday") : loc("DaysToday");
  if (d === 1) return loc("DaysTomorrow");
  if (d > 1) return loc("DaysInMany", d);
  if (d === -1) return loc("DaysYesterday");
  return loc("DaysAgoMany", -d);
}

/** `YYYY-MM-DD HH:MM UTC` of when the PAT breaks; the unreadable raw value otherwise. */
export function breaksAtText(f: PatFinding): string {
  return f.breaksAt === "" ? f.pat.validTo : `${f.breaksAt.slice(0, 10)} ${f.breaksAt.slice(11, 16)} UTC`;
}

export function displayNameText(f: PatFinding, loc: Localize): string {
  return f.pat.displayName === "" ? loc("UnnamedPat") : f.pat.displayName;
}

export function scopeText(f: PatFinding, loc: Localize): string {
  const scope = f.pat.scope.trim();
  return scope === "" ? loc("ScopeNone") : scope;
}
