/** Search and column order over the loaded PATs (the server already orders by name). */
import { parseWireTime } from "../../expiry/wire-time";
import { describeScope } from "../../scopes";
import type { PatStatus, PatView } from "./pat-status";

export type SortColumn = "name" | "status" | "expires" | "created" | "scope" | "organizations";

export interface TableOrder {
  column: SortColumn;
  ascending: boolean;
}

export const DEFAULT_ORDER: TableOrder = { column: "name", ascending: true };

/** Search and any order but the server's need every page first. */
export function needsEveryPage(search: string, order: TableOrder): boolean {
  return search.trim() !== "" || order.column !== "name";
}

/** Case-insensitive substring match on the name. */
function matchesSearch(view: PatView, search: string): boolean {
  const text = search.trim().toLowerCase();
  return text === "" || view.pat.displayName.toLowerCase().includes(text);
}

const STATUS_RANK: Record<PatStatus, number> = { expired: 0, stoppedWorking: 0, revoked: 1, expiringSoon: 2, active: 3 };

const COMPARE: Record<Exclude<SortColumn, "name">, (a: PatView, b: PatView) => number> = {
  status: (a, b) => STATUS_RANK[a.status] - STATUS_RANK[b.status] || compareText(a.breaksAt, b.breaksAt),
  expires: (a, b) => instant(a.breaksAt || a.pat.validTo) - instant(b.breaksAt || b.pat.validTo),
  created: (a, b) => instant(a.pat.validFrom) - instant(b.pat.validFrom),
  scope: (a, b) => describeScope(a.pat.scope).localeCompare(describeScope(b.pat.scope), "en"),
  organizations: (a, b) =>
    Number(b.isGlobal) - Number(a.isGlobal) || (a.pat.targetAccounts?.length ?? 0) - (b.pat.targetAccounts?.length ?? 0),
};

/** The rows to show: filtered by the search, in the chosen order (stable, name breaks ties). */
export function orderRows(views: readonly PatView[], search: string, order: TableOrder): PatView[] {
  const matching = views.filter((v) => matchesSearch(v, search));
  if (order.column === "name") return matching; // server order, already in the asked direction
  const compare = COMPARE[order.column];
  const sign = order.ascending ? 1 : -1;
  return matching
    .map((view, index) => ({ view, index }))
    .sort((a, b) => sign * compare(a.view, b.view) || a.index - b.index)
    .map((x) => x.view);
}

/** Unreadable dates sort last. */
function instant(wire: string): number {
  const ms = parseWireTime(wire);
  return Number.isNaN(ms) ? Number.MAX_SAFE_INTEGER : ms;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
