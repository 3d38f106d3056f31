/** The rotation plan: what the new (or extended) PAT will look like, and what happens around it. */
import { validToAfter } from "./due";
import type { Leftover } from "./leftover-names";
import type { RotationDeps, RotationParams } from "./params";
import { isGlobal, type PatSummary } from "./pat-summary";
import type { RotationPlan } from "./result";

/** `heldByStores`: PATs some store's record names; never revoked before every store holds the new one. */
export function rotationPlan(
  params: RotationParams,
  deps: RotationDeps,
  target: PatSummary,
  leftovers: Leftover[],
  heldByStores: Set<string>,
): RotationPlan {
  const global = isGlobal(target);
  const revocable = leftovers.filter((l) => l.recorded && (l.kind === "orphan" || params.revokeOld));
  const held = (l: Leftover) => heldByStores.has(l.pat.authorizationId);
  return {
    action: params.action,
    target,
    displayName: target.displayName,
    scope: params.scope ?? target.scope,
    validTo: validToAfter(deps.now(), params.lifetimeDays),
    lifetimeDays: params.lifetimeDays,
    // Global PATs stop working on 2026-12-01, so by default the replacement is for this organization.
    allOrgs: global && params.keepGlobal,
    narrowedFromGlobal: global && !params.keepGlobal,
    stores: params.action === "rotate" ? deps.stores.map((s) => s.name) : [],
    verify: params.action === "rotate" && params.verify,
    revokeOld: params.action === "rotate" && params.revokeOld,
    // Only what a store recorded as the task's own: orphans always, replaced PATs unless kept on purpose.
    leftoversToRevoke: revocable.filter((l) => !held(l)).map((l) => l.pat),
    revokeAfterStores: params.action === "rotate" ? revocable.filter(held).map((l) => l.pat) : [],
  };
}
