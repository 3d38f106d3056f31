/** Dates as the hub shows them: "23 Nov 2026" and "in 5 days", both in UTC calendar days like the expiry core. */

const DATE = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
const RELATIVE = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

/** "23 Nov 2026"; an unreadable value is shown as it came. */
export function formatDay(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : DATE.format(ms);
}

/** "today", "tomorrow", "in 5 days", "3 days ago"; months beyond 60 days, years beyond two years. */
export function relativeDays(days: number): string {
  const abs = Math.abs(days);
  if (abs > 730) return RELATIVE.format(Math.round(days / 365), "year");
  if (abs > 60) return RELATIVE.format(Math.round(days / 30.4), "month");
  return RELATIVE.format(days, "day");
}
