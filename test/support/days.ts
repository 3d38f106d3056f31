/** Day arithmetic for tests: the length of a day, and ISO date-times a number of days from now. */
export const DAY_MS = 86_400_000;

/** The ISO date-time `days` (negative: before, fractional: hours) after `from`, which is now unless given. */
export function daysFromNow(days: number, from: number = Date.now()): string {
  return new Date(from + days * DAY_MS).toISOString();
}
