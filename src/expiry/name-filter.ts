/**
 * `nameFilter`: wildcard patterns on `displayName`. `*` is any run of characters, `?` one
 * character; matching is case-insensitive and whole-name. Several patterns are separated by `;`
 * or new lines; a PAT matches when it matches any pattern. A pattern starting with `!` excludes.
 */
export interface NameFilter {
  matches(displayName: string): boolean;
}

/** Compiles the input; empty or blank text gives null (no filtering). */
export function compileNameFilter(text: string | undefined | null): NameFilter | null {
  const patterns = (text ?? "").split(/[;\r\n]+/).map((p) => p.trim()).filter((p) => p.length > 0);
  if (patterns.length === 0) return null;
  const include = patterns.filter((p) => !p.startsWith("!")).map(wildcardToRegExp);
  const exclude = patterns.filter((p) => p.startsWith("!")).map((p) => wildcardToRegExp(p.slice(1).trim()));
  return {
    matches(displayName: string): boolean {
      const included = include.length === 0 || include.some((r) => r.test(displayName));
      return included && !exclude.some((r) => r.test(displayName));
    },
  };
}

function wildcardToRegExp(pattern: string): RegExp {
  const body = Array.from(pattern)
    .map((ch) => (ch === "*" ? "[\\s\\S]*" : ch === "?" ? "[\\s\\S]" : ch.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")))
    .join("");
  return new RegExp(`^${body}$`, "iu");
}
