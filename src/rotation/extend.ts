/** Extension: a new validTo for the same PAT (same secret, nothing to deliver). */
import { describePatTokenError } from "../api/pat-token-errors";
import { updatePat } from "../api/pats";
import { wasClamped } from "./due";
import type { RotationDeps } from "./params";
import { summarize } from "./pat-summary";
import type { RotationPlan, RotationResult } from "./result";
import { retire } from "./retire";
import { RunRecord, stepError } from "./run-record";

export async function extend(plan: RotationPlan, deps: RotationDeps, run: RunRecord): Promise<RotationResult> {
  const target = plan.target;
  if (Date.parse(target.validTo) <= deps.now().getTime()) {
    // The service refuses it too (expiredPatCannotBeExtended); saying so first saves a doomed call.
    const error = { message: describePatTokenError("expiredPatCannotBeExtended"), code: "expiredPatCannotBeExtended" as const };
    run.record({ kind: "extendFailed", pat: target, error });
    return run.fail("expired", { error });
  }
  try {
    const updated = summarize(
      await updatePat(deps.org, {
        authorizationId: target.authorizationId,
        validTo: plan.validTo,
        ...(plan.scope !== target.scope ? { scope: plan.scope } : {}),
        ...(plan.narrowedFromGlobal ? { allOrgs: false } : {}),
      }),
    );
    const clamped = wasClamped(plan.validTo, updated.validTo);
    run.withIssues ||= clamped;
    run.record({ kind: "extended", pat: updated, from: target.validTo, requestedValidTo: plan.validTo, clamped });
    run.replacement = updated;
    run.final.current = updated;
  } catch (error) {
    const failure = stepError(error);
    run.record({ kind: "extendFailed", pat: target, error: failure });
    // It expired between the listing and the update: the same advice as above (rotate instead).
    return run.fail(failure.code === "expiredPatCannotBeExtended" ? "expired" : "extendFailed", { error: failure });
  }
  for (const leftover of plan.leftoversToRevoke) await retire(deps.org, run, leftover, "leftover");
  return run.finish("extended");
}
