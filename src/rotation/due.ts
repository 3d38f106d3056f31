/** When a PAT is due for rotation under onlyIfExpiringWithinDays. */
import { DAY_MS, parseWireTime, utcCalendarDaysBetween, utcDayNumber } from "../expiry/wire-time";
import type { PatSummary } from "./pat-summary";

/**
 * Midnight UTC of the day the PAT comes within `withinDays` UTC calendar days of its validTo: the meaning
 * CheckPatExpiry's warnWithinDays and the hub have (inclusive: 7 means today up to 7 days from today).
 */
export function dueOn(pat: PatSummary, withinDays: number): Date {
  return new Date((utcDayNumber(parseWireTime(pat.validTo)) - withinDays) * DAY_MS);
}

export function isDue(pat: PatSummary, withinDays: number, now: Date): boolean {
  return utcCalendarDaysBetween(now.getTime(), parseWireTime(pat.validTo)) <= withinDays;
}

/** now + days, as the ISO string sent as validTo. */
export function validToAfter(now: Date, days: number): string {
  return new Date(now.getTime() + days * DAY_MS).toISOString();
}

/** The service answered an earlier validTo than asked (a lifespan policy clamped it). */
export function wasClamped(requested: string, answered: string): boolean {
  // More than the service's datetime rounding (a few ms) apart.
  return Date.parse(answered) < Date.parse(requested) - 60_000;
}
