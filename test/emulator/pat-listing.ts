/** List semantics of tokens/pats: filter, sort, and row-number continuation tokens. */
import type { DisplayFilterOption, SortByOption } from "../../src/api/model";
import type { Pat } from "./state";

export const DEFAULT_TOP = 20;
export const MAX_TOP = 100;

type PatStatus = "active" | "expired" | "revoked";

function patStatus(pat: Pat, nowMs: number): PatStatus {
  if (pat.revoked) return "revoked";
  return pat.validToMs <= nowMs ? "expired" : "active";
}

/** Sort rank of `sortByOption=status`. */
const STATUS_RANK: Record<PatStatus, number> = { active: 0, expired: 1, revoked: 2 };

export function filterAndSort(
  pats: Pat[],
  o: { filter: DisplayFilterOption; sortBy: SortByOption; ascending: boolean; nowMs: number },
): Pat[] {
  const kept = o.filter === "all" ? pats : pats.filter((p) => patStatus(p, o.nowMs) === o.filter);
  const key = (p: Pat): string | number => {
    switch (o.sortBy) {
      case "displayDate":
        return p.validToMs;
      case "status":
        return STATUS_RANK[patStatus(p, o.nowMs)];
      default:
        return p.displayName.toLowerCase();
    }
  };
  const direction = o.ascending ? 1 : -1;
  // Keys computed once per row: pages of a 10,000-PAT list are sorted on every request.
  const decorated = kept.map((pat) => ({ pat, key: key(pat) }));
  decorated.sort((a, b) => {
    const primary = a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
    // Ties fall back to creation order so pages never overlap.
    if (primary !== 0) return primary * direction;
    return a.pat.validFromMs - b.pat.validFromMs || (a.pat.authorizationId < b.pat.authorizationId ? -1 : 1);
  });
  return decorated.map((d) => d.pat);
}

/** `base64("{row}-patapitoken")`, rows 1-based. */
export function encodeContinuation(row: number): string {
  return Buffer.from(`${row}-patapitoken`, "utf8").toString("base64");
}

/** The start row a continuation token names, or undefined when it is not one of ours. */
export function decodeContinuation(token: string): number | undefined {
  const text = Buffer.from(token, "base64").toString("utf8");
  const m = /^(\d+)-patapitoken$/.exec(text);
  if (!m) return undefined;
  const row = Number(m[1]);
  return row >= 1 ? row : undefined;
}
