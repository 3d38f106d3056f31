/** When a PAT is due for rotation under onlyIfExpiringWithinDays. */
import { DAY_MS } from "../expiry/wire-time";
import type { PatSummary } from "./pat-summary";

/** The moment the PAT comes within `withinDays` of its validTo. */
export function dueOn(pat: PatSummary, withinDays: number): Date {
  return new Date(Date.parse(pat.validTo) - withinDays * DAY_MS);
}

export function isDue(pat: PatSummary, withinDays: number, now: Date): boolean {
  return now.getTime() >= dueOn(pat, withinDays).getTime();
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
