/**
 * Reads the shared scope table (shared/specs/scopes.json beside the project) and renders the
 * committed module src/scopes/catalogue.ts from it, so the product never reads ../shared itself.
 */
import * as fs from "fs";
import * as path from "path";
import type { ScopeEntry } from "../../src/scopes";

const repoRoot = path.resolve(__dirname, "..", "..", "..");
export const sharedScopesFile = path.resolve(repoRoot, "..", "shared", "specs", "scopes.json");
export const catalogueModuleFile = path.join(repoRoot, "src", "scopes", "catalogue.ts");

const FIELDS: Array<keyof ScopeEntry> = ["scope", "name", "description", "category", "highPrivilege", "inheritsFrom", "source"];

/** The shared table, BOM stripped, reduced to exactly the ScopeEntry fields (in that order). */
export function readSharedScopes(file = sharedScopesFile): ScopeEntry[] {
  const text = fs.readFileSync(file, "utf8").replace(/^\uFEFF/, "");
  const rows = JSON.parse(text) as Array<Record<string, unknown>>;
  return rows.map((row) => {
    const entry: Record<string, unknown> = {};
    for (const field of FIELDS) entry[field] = row[field] ?? null;
    return entry as unknown as ScopeEntry;
  });
}

/** The text of src/scopes/catalogue.ts for these entries. */
export function renderCatalogueModule(entries: ScopeEntry[]): string {
  const rows = entries.map((e) => `  ${JSON.stringify(e)},`).join("\n");
  return [
    "// GENERATED from shared/specs/scopes.json by `node out/test/scopes/generate-catalogue.js`; do not edit.",
    "// test/scopes/catalogue.test.ts fails when this file and the shared table differ.",
    'import type { ScopeEntry } from "./scope-entry";',
    "",
    "export const SCOPE_CATALOGUE: readonly ScopeEntry[] = [",
    rows,
    "];",
    "",
  ].join("\n");
}
