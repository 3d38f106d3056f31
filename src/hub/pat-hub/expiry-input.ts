/** The expiration dates a person picks ("2026-12-31"), read as the end of that UTC day, and the last day allowed. */
import { GLOBAL_PAT_CUTOFF } from "../../api/model";
import { DAY_MS } from "../../expiry/wire-time";
import { MAX_LIFETIME_DAYS } from "../../rotation";

const DAY_INPUT = /^(\d{4})-(\d{2})-(\d{2})$/;
/** A day's validTo is its last second. */
const END_OF_DAY_MS = DAY_MS - 1000;

/** "YYYY-MM-DD" of the UTC day holding `ms`. */
export function dayInput(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** What bounds a new expiry besides the year every PAT is limited to. */
export interface ExpiryBounds {
  /** The organization's maximum lifespan in days, once the service has shown it (null: not known). */
  policyDays: number | null;
  /** When the PAT was created: the lifespan policy counts from there (extending); now when creating. */
  validFrom?: string;
  /** A global PAT stops working at the global cut-off whatever its expiry. */
  global?: boolean;
}

/** The last day a new expiry may fall on: a year from now, the lifespan policy, and the global cut-off. */
export function lastExpiryDay(nowMs: number, bounds: ExpiryBounds): string {
  let limit = nowMs + MAX_LIFETIME_DAYS * DAY_MS;
  if (bounds.policyDays !== null) {
    const from = bounds.validFrom ? Date.parse(bounds.validFrom) : nowMs;
    limit = Math.min(limit, (Number.isNaN(from) ? nowMs : from) + bounds.policyDays * DAY_MS);
  }
  if (bounds.global) limit = Math.min(limit, Date.parse(GLOBAL_PAT_CUTOFF));
  return dayInput(limit - END_OF_DAY_MS);
}

/** The validTo to send for a picked day, or null when it is not a day from tomorrow to `lastDay` (a year ahead unless given). */
export function validToFromDayInput(text: string, nowMs: number, lastDay = lastExpiryDay(nowMs, { policyDays: null })): string | null {
  const m = DAY_INPUT.exec(text.trim());
  if (!m) return null;
  const endOfDay = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) + END_OF_DAY_MS;
  if (dayInput(endOfDay) !== text.trim()) return null; // 2026-02-31 and the like
  if (endOfDay <= nowMs || text.trim() > lastDay) return null;
  return new Date(endOfDay).toISOString();
}

/** Suggested new expiry: 30 days past the later of today and the current expiry, no later than `lastDay`. */
export function suggestedExtension(validTo: string, nowMs: number, lastDay = lastExpiryDay(nowMs, { policyDays: null })): string {
  const current = Date.parse(validTo);
  const from = Number.isNaN(current) ? nowMs : Math.max(nowMs, current);
  const suggested = dayInput(from + 30 * DAY_MS);
  return suggested > lastDay ? lastDay : suggested;
}
