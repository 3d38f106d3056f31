/**
 * `nameFilter`: wildcard patterns on `displayName`. `*` is any run of characters, `?` one
 * character; matching is case-insensitive and whole-name. Several patterns are separated by `;`
 * or new lines; a PAT matches when it matches any pattern. A pattern starting with `!` excludes.
 * No regular expression is built: the matcher never backtracks, so its work grows with name length
 * times pattern length at most, whatever the pattern (every user picks their own PAT names).
 */
export interface NameFilter {
  matches(displayName: string): boolean;
}

/** Counts character comparisons, for tests that bound the matcher's work. */
export interface MatchSteps {
  count: number;
}

/** Compiles the input; empty or blank text gives null (no filtering). */
export function compileNameFilter(text: string | undefined | null, steps?: MatchSteps): NameFilter | null {
  const patterns = (text ?? "")
    .split(/[;\r\n]+/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  if (patterns.length === 0) return null;
  const include = patterns.filter((p) => !p.startsWith("!")).map(compileWildcard);
  const exclude = patterns.filter((p) => p.startsWith("!")).map((p) => compileWildcard(p.slice(1).trim()));
  return {
    matches(displayName: string): boolean {
      const name = fold(displayName);
      const included = include.length === 0 || include.some((w) => matchesWildcard(w, name, steps));
      return included && !exclude.some((w) => matchesWildcard(w, name, steps));
    },
  };
}

/** A character of a segment, folded to lower case; null for `?`. */
type PatternChar = string | null;

/** The pattern split at its `*`s: the first segment is anchored at the start, the last at the end. */
interface Wildcard {
  segments: PatternChar[][];
}

function compileWildcard(pattern: string): Wildcard {
  return { segments: pattern.split("*").map((segment) => fold(segment).map((ch) => (ch === "?" ? null : ch))) };
}

/** Code points (so `?` is one character, as a user sees it), each folded to lower case. */
function fold(text: string): string[] {
  return Array.from(text, (ch) => ch.toLowerCase());
}

/**
 * Whole-name match without backtracking: the first and last segments must sit at the ends, and each
 * middle segment is taken at its leftmost place after the previous one; a later place could only
 * leave less room to what follows, so the leftmost one never needs revisiting.
 */
function matchesWildcard(w: Wildcard, name: string[], steps?: MatchSteps): boolean {
  const { segments } = w;
  const first = segments[0];
  if (segments.length === 1) return name.length === first.length && segmentAt(first, name, 0, steps);
  const last = segments[segments.length - 1];
  const end = name.length - last.length;
  if (end < first.length || !segmentAt(first, name, 0, steps) || !segmentAt(last, name, end, steps)) return false;
  let from = first.length;
  for (const segment of segments.slice(1, -1)) {
    const at = leftmost(segment, name, from, end, steps);
    if (at < 0) return false;
    from = at + segment.length;
  }
  return true;
}

function leftmost(segment: PatternChar[], name: string[], from: number, end: number, steps?: MatchSteps): number {
  for (let at = from; at + segment.length <= end; at++) if (segmentAt(segment, name, at, steps)) return at;
  return -1;
}

function segmentAt(segment: PatternChar[], name: string[], at: number, steps?: MatchSteps): boolean {
  for (let i = 0; i < segment.length; i++) {
    if (steps) steps.count++;
    const ch = segment[i];
    if (ch !== null && ch !== name[at + i]) return false;
  }
  return true;
}
