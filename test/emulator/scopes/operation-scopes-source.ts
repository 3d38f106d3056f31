/**
 * Reads each operation's `security` scopes from the official specs (shared/specs beside the project) and
 * renders the committed module operation-scopes.ts, so the emulator runs without ../shared.
 */
import * as fs from "fs";
import * as path from "path";
import type { OperationScopes } from "./operation-scopes";

const repoRoot = path.resolve(__dirname, "..", "..", "..", "..");
export const sharedSpecsDir = path.resolve(repoRoot, "..", "shared", "specs");
export const operationScopesModuleFile = path.join(repoRoot, "test", "emulator", "scopes", "operation-scopes.ts");

/** The specs whose operations the emulator plays; the newest version of each area. */
const SPEC_FILES = ["tokens-7.2.json", "tokenadmin-7.2.json", "graph-7.1.json"];

const METHODS = ["get", "put", "post", "patch", "delete", "head", "options"];

interface SpecOperation {
  operationId?: string;
  security?: Array<Record<string, string[]>>;
}

/** Every operation with a `security` requirement, in the specs' order. */
export function readSpecOperationScopes(dir = sharedSpecsDir): OperationScopes[] {
  const rows: OperationScopes[] = [];
  for (const file of SPEC_FILES) {
    const spec = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8").replace(/^\uFEFF/, "")) as {
      paths: Record<string, Record<string, SpecOperation>>;
    };
    for (const [pathTemplate, operations] of Object.entries(spec.paths)) {
      for (const method of METHODS) {
        const op = operations[method];
        if (!op?.security?.length) continue;
        const scopes = op.security.flatMap((requirement) => Object.values(requirement).flat());
        rows.push({ spec: file, method: method.toUpperCase(), path: pathTemplate, operationId: op.operationId ?? "", scopes });
      }
    }
  }
  return rows;
}

/** The text of operation-scopes.ts for these rows. */
export function renderOperationScopesModule(rows: OperationScopes[]): string {
  return [
    "// GENERATED from shared/specs (" +
      SPEC_FILES.join(", ") +
      ") by `node out/test/emulator/scopes/generate-operation-scopes.js`; do not edit.",
    "// test/emulator/scopes/operation-scopes.test.ts fails when this file and the specs differ.",
    "",
    "/** One spec operation and the OAuth scopes its `security` names (any one requirement object). */",
    "export interface OperationScopes { spec: string; method: string; path: string; operationId: string; scopes: string[] }",
    "",
    "export const OPERATION_SCOPES: readonly OperationScopes[] = [",
    ...rows.map((r) => `  ${JSON.stringify(r)},`),
    "];",
    "",
  ].join("\n");
}
