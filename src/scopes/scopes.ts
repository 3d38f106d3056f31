/** Lookups over the scope catalogue: readable names, validation and display of a PAT `scope` string. */
import { SCOPE_CATALOGUE } from "./catalogue";
import type { ScopeEntry } from "./scope-entry";

/** The scope string of a full-access PAT. */
const FULL_ACCESS_SCOPE = "app_token";

// Scope ids are lowercase in the catalogue; the service treats them case-insensitively.
const byId: ReadonlyMap<string, ScopeEntry> = new Map(SCOPE_CATALOGUE.map((entry) => [entry.scope, entry]));

/** The catalogue entry for one scope id, or undefined when the id is not in the catalogue. */
export function findScope(id: string): ScopeEntry | undefined {
  return byId.get(id.trim().toLowerCase());
}

/** The readable name of one scope id ("Code (read)"); an unknown id is returned as it is. */
export function scopeName(id: string): string {
  return findScope(id)?.name ?? id;
}

/** The ids in a space-separated `scope` string, in order, without blanks or repeats. */
export function splitScopes(scope: string): string[] {
  return [...new Set(scope.split(/\s+/).filter((id) => id.length > 0))];
}

export interface ScopeValidation {
  /** True when the string can be sent as a PAT scope. */
  valid: boolean;
  /** The ids found, normalised to lowercase. */
  scopes: string[];
  /** Ids not in the catalogue, as written. */
  unknown: string[];
  /** No id at all. */
  empty: boolean;
  /** `app_token` (full access) together with other ids, which means nothing narrower. */
  fullAccessCombined: boolean;
}

/** Checks a space-separated scope string against the catalogue: `validateScopes("vso.code vso.wrok")`. */
export function validateScopes(scope: string): ScopeValidation {
  const ids = splitScopes(scope);
  const unknown = ids.filter((id) => findScope(id) === undefined);
  const scopes = [...new Set(ids.map((id) => id.toLowerCase()))];
  const empty = scopes.length === 0;
  const fullAccessCombined = scopes.includes(FULL_ACCESS_SCOPE) && scopes.length > 1;
  return { valid: !empty && unknown.length === 0 && !fullAccessCombined, scopes, unknown, empty, fullAccessCombined };
}

/** True for a full-access PAT scope. */
export function isFullAccess(scope: string): boolean {
  return splitScopes(scope.toLowerCase()).includes(FULL_ACCESS_SCOPE);
}

/** A scope string for display: `app_token` -> "Full access"; "vso.code vso.work_write" -> "Code (read), Work items (read and write)". */
export function describeScope(scope: string): string {
  return splitScopes(scope).map(scopeName).join(", ");
}

/** The catalogue grouped by category, in catalogue order (for a scope picker). */
export function scopesByCategory(): Array<{ category: string; scopes: ScopeEntry[] }> {
  const groups = new Map<string, ScopeEntry[]>();
  for (const entry of SCOPE_CATALOGUE) {
    const group = groups.get(entry.category) ?? [];
    group.push(entry);
    groups.set(entry.category, group);
  }
  return [...groups].map(([category, scopes]) => ({ category, scopes }));
}
