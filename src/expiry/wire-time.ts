/**
 * Reads the service's timestamps as instants. Token Admin sends them without a zone designator
 * ("2020-11-02T22:56:52.1033333"): they are UTC, but `Date.parse` would read them as local time.
 */
const ISO_WITHOUT_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

/** Milliseconds since the epoch for a wire timestamp, or NaN when it is not a date. */
export function parseWireTime(value: string): number {
  const text = value.trim();
  // SQL datetime2 gives 7 fractional digits; keep milliseconds so every engine parses it the same way.
  const trimmed = text.replace(/(\.\d{3})\d+/, "$1");
  return Date.parse(ISO_WITHOUT_ZONE.test(trimmed) ? `${trimmed}Z` : trimmed);
}

/** One UTC calendar day in milliseconds. */
export const DAY_MS = 86_400_000;

/** Days since the epoch of the UTC calendar date holding this instant. */
export function utcDayNumber(ms: number): number {
  return Math.floor(ms / DAY_MS);
}

/**
 * Whole UTC calendar days from `now` to `instant`: 0 means the same UTC date (expires today),
 * 1 tomorrow, -1 yesterday. The time of day and the zone the service wrote the time in do not matter.
 */
export function utcCalendarDaysBetween(nowMs: number, instantMs: number): number {
  return utcDayNumber(instantMs) - utcDayNumber(nowMs);
}

/** `YYYY-MM-DD` of the UTC date holding this instant. */
export function utcDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
