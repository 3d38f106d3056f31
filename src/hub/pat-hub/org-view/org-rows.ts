/** The organization view's table logic, pure: filter by flags and user, sort, and the CSV export. */
import type { OrgFlag, OrgRow } from "./org-scan-stream";

export type OrgSortKey = "user" | "name" | "expiry" | "scope";

export interface OrgFilter {
  /** Rows carrying at least one of these flags; empty: every row. */
  flags: readonly OrgFlag[];
  /** Case-insensitive part of the owner's name or principal name. */
  user: string;
}

export function filterRows(rows: readonly OrgRow[], f: OrgFilter): OrgRow[] {
  const user = f.user.trim().toLowerCase();
  return rows.filter(
    (r) =>
      (f.flags.length === 0 || r.flags.some((flag) => f.flags.includes(flag))) &&
      (!user || r.owner.displayName.toLowerCase().includes(user) || r.owner.principalName.toLowerCase().includes(user)),
  );
}

export function sortRows(rows: readonly OrgRow[], key: OrgSortKey, ascending: boolean): OrgRow[] {
  const value = (r: OrgRow): string => {
    if (key === "user") return `${r.owner.displayName.toLowerCase()}\u0000${r.finding.pat.displayName.toLowerCase()}`;
    if (key === "name") return r.finding.pat.displayName.toLowerCase();
    if (key === "scope") return r.finding.pat.scope.toLowerCase();
    return r.finding.breaksAt;
  };
  const sign = ascending ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    return x < y ? -sign : x > y ? sign : a.finding.pat.authorizationId < b.finding.pat.authorizationId ? -1 : 1;
  });
}

const CSV_COLUMNS = ["User", "Principal name", "PAT", "Scope", "Expires (UTC)", "Status", "Flags", "Authorization id"];

/**
 * RFC 4180 CSV. A cell that starts with = + - @ (or a tab/CR) is prefixed with ' so a spreadsheet does not run a
 * PAT name as a formula (OWASP "CSV injection").
 */
export function rowsToCsv(rows: readonly OrgRow[]): string {
  const cell = (text: string) => {
    const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const lines = [
    CSV_COLUMNS,
    ...rows.map((r) => [
      r.owner.displayName,
      r.owner.principalName,
      r.finding.pat.displayName,
      r.finding.pat.scope,
      r.finding.breaksAt,
      r.finding.status,
      r.flags.join(" "),
      r.finding.pat.authorizationId,
    ]),
  ];
  return `${lines.map((l) => l.map(cell).join(",")).join("\r\n")}\r\n`;
}

/** The lifetime flag for the policy the administrator typed (days); other flags stay as scanned. */
export function withLifetimePolicy(rows: readonly OrgRow[], maxLifetimeDays: number | null): OrgRow[] {
  return rows.map((r) => {
    const others = r.flags.filter((f) => f !== "longLifetime");
    const beyond = maxLifetimeDays !== null && Number.isFinite(r.finding.lifetimeDays) && r.finding.lifetimeDays > maxLifetimeDays;
    return { ...r, flags: beyond ? [...others, "longLifetime"] : others };
  });
}
