/** The expiration dates a person types ("2026-12-31"), read as the end of that UTC day. */
import { DAY_MS } from "../../expiry/wire-time";
import { MAX_LIFETIME_DAYS } from "../../rotation";

const DAY_INPUT = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "YYYY-MM-DD" of the UTC day holding `ms`. */
function dayInput(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The validTo to send for a typed day, or null when it is not a day from tomorrow to a year ahead. */
export function validToFromDayInput(text: string, nowMs: number): string | null {
  const m = DAY_INPUT.exec(text.trim());
  if (!m) return null;
  const endOfDay = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 23, 59, 59);
  if (dayInput(endOfDay) !== text.trim()) return null; // 2026-02-31 and the like
  if (endOfDay <= nowMs || endOfDay > nowMs + MAX_LIFETIME_DAYS * DAY_MS) return null;
  return new Date(endOfDay).toISOString();
}

/** Suggested new expiry: 30 days past the later of today and the current expiry, within a year from today. */
export function suggestedExtension(validTo: string, nowMs: number): string {
  const current = Date.parse(validTo);
  const from = Number.isNaN(current) ? nowMs : Math.max(nowMs, current);
  return dayInput(Math.min(from + 30 * DAY_MS, nowMs + (MAX_LIFETIME_DAYS - 1) * DAY_MS));
}
