/**
 * Date-times as the PAT service writes them. It stores SQL `datetime` (1/300 s resolution) and .NET
 * prints 7 fractional digits with trailing zeros trimmed: a request's validTo "…23.319Z" comes back
 * as "…23.32Z", and a third of a tick shows as ".5233333Z".
 */
const TICKS_PER_SECOND = 10_000_000;

/** Rounds to SQL datetime resolution and returns [epoch ms (fractional), wire string]. */
export function sqlDateTime(ms: number): { ms: number; wire: string } {
  const wholeSeconds = Math.floor(ms / 1000);
  let units = Math.round(((ms - wholeSeconds * 1000) / 1000) * 300);
  let seconds = wholeSeconds;
  if (units === 300) {
    seconds += 1;
    units = 0;
  }
  const ticks = Math.round((units * TICKS_PER_SECOND) / 300);
  const base = new Date(seconds * 1000).toISOString().slice(0, 19);
  const fraction = String(ticks).padStart(7, "0").replace(/0+$/, "");
  return { ms: seconds * 1000 + ticks / 10_000, wire: fraction ? `${base}.${fraction}Z` : `${base}Z` };
}

/** tokenadmin prints local-kind DateTimes: no "Z" (the values are UTC all the same). */
export function withoutZone(wire: string): string {
  return wire.endsWith("Z") ? wire.slice(0, -1) : wire;
}

/** Strict-enough ISO 8601 date-time check for request bodies. */
export function parseIsoDateTime(value: unknown): number | undefined {
  if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(value)) {
    return undefined;
  }
  const ms = Date.parse(/(Z|[+-]\d{2}:?\d{2})$/.test(value) ? value : `${value}Z`);
  return Number.isNaN(ms) ? undefined : ms;
}
