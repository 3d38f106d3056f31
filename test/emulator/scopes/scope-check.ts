/**
 * Whether an Entra user token's `scp` covers a request: the scopes come from the operation's `security`
 * in the official specs (operation-scopes.ts); what the specs leave open is a fidelity switch.
 */
import { SCOPE_CATALOGUE } from "../../../src/scopes/catalogue";
import type { FidelitySettings } from "../wire-types";
import { OPERATION_SCOPES, type OperationScopes } from "./operation-scopes";

interface CompiledOperation {
  op: OperationScopes;
  pattern: RegExp;
}

const COMPILED: CompiledOperation[] = OPERATION_SCOPES.map((op) => ({
  op,
  pattern: new RegExp(`^${op.path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^}]+\}/g, "[^/]+")}/?$`, "i"),
}));

/** The spec operation a request is, or undefined for routes no spec in operation-scopes.ts gives a `security`. */
export function specOperation(method: string, pathname: string): OperationScopes | undefined {
  return COMPILED.find((c) => c.op.method === method && c.pattern.test(pathname))?.op;
}

const PATS_AREA = /\/_apis\/tokens\/pats$/i;

/**
 * The scopes the token lacks for this operation (empty when it may go on). A `_manage` scope covers the
 * scope it inherits from (scopes.json); `user_impersonation` covers every area except tokens/pats, where
 * Sprint 257 replaced it (switch `userImpersonationOpensPats`).
 */
export function missingScopes(op: OperationScopes, tokenScopes: string[], fidelity: Required<FidelitySettings>): string[] {
  const isPats = PATS_AREA.test(op.path);
  if (tokenScopes.includes("user_impersonation") && (!isPats || fidelity.userImpersonationOpensPats)) return [];
  const needed = isPats && op.method === "POST" && fidelity.patCreateNeedsReadScope ? [...op.scopes, "vso.pats"] : op.scopes;
  return [...new Set(needed)].filter((scope) => !tokenScopes.some((held) => covers(held, scope)));
}

function covers(held: string, needed: string): boolean {
  for (let scope: string | null | undefined = held; scope; scope = SCOPE_CATALOGUE.find((e) => e.scope === scope)?.inheritsFrom) {
    if (scope === needed) return true;
  }
  return false;
}
