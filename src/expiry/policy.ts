/** What the check looks for: the task inputs, already validated, as one params object. */
import type { NameFilter } from "./name-filter";

export interface ExpiryPolicy {
  /** Days left at or below which a PAT is a warning (`warnWithinDays`). */
  warnWithinDays: number;
  /** Days left at or below which a PAT fails the check (`failWithinDays`), at most warnWithinDays. */
  failWithinDays: number;
  /** Report PATs that have already expired (`includeExpired`); otherwise they are only counted. */
  includeExpired: boolean;
  /** Flag global PATs and treat the global-PAT cut-off as the day they break (`flagGlobal`). */
  flagGlobal: boolean;
  /** Flag full-scope (`app_token`) PATs (`flagFullScope`). */
  flagFullScope: boolean;
  /** Flag PATs whose lifetime exceeds this many days (`maxLifetimeDays`); null = no policy. */
  maxLifetimeDays: number | null;
  /** Only PATs whose displayName matches (`nameFilter`); null = all. */
  nameFilter: NameFilter | null;
}

export const DEFAULT_POLICY: ExpiryPolicy = {
  warnWithinDays: 14,
  failWithinDays: 3,
  includeExpired: false,
  flagGlobal: true,
  flagFullScope: true,
  maxLifetimeDays: null,
  nameFilter: null,
};

/** A policy problem, by input name; the task turns it into a localized InputError. */
export type PolicyProblem = { input: "failWithinDays"; failWithinDays: number; warnWithinDays: number };

/** The cross-input rule no single input reader can check. */
export function policyProblem(p: Pick<ExpiryPolicy, "warnWithinDays" | "failWithinDays">): PolicyProblem | null {
  return p.failWithinDays > p.warnWithinDays
    ? { input: "failWithinDays", failWithinDays: p.failWithinDays, warnWithinDays: p.warnWithinDays }
    : null;
}
