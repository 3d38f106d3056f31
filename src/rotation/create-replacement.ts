/**
 * Creates the new PAT. A create whose answer was lost leaves a PAT nobody knows the secret of: that
 * orphan is revoked (or at least renamed and recorded as one) and the create tried once more. Azure
 * DevOps may hold a throttled request up to 30 s before applying it, so a create not seen at once is
 * looked for again for LATE_CREATE_LOOKS_MS before the run gives up and records it as pending.
 */
import { CreateOutcomeUnknownError } from "../api/errors";
import type { PatToken } from "../api/model";
import { createPat, listAllPats } from "../api/pats";
import type { RotationDeps } from "./params";
import { summarize, type PatSummary } from "./pat-summary";
import type { RotationPlan, RotationResult } from "./result";
import { recordLeftovers, retireUnheld } from "./rotate";
import { RunRecord, stepError } from "./run-record";

/** Pauses between looks for a late create: 40 s in all, past the service's 30 s throttling delay. */
const LATE_CREATE_LOOKS_MS = [5_000, 10_000, 10_000, 15_000];

export async function createReplacement(plan: RotationPlan, deps: RotationDeps, run: RunRecord): Promise<PatToken | RotationResult> {
  const request = { displayName: plan.displayName, scope: plan.scope, validTo: plan.validTo, allOrgs: plan.allOrgs };
  for (let attempt = 1; ; attempt++) {
    try {
      return reveal(await createPat(deps.org, request), deps);
    } catch (error) {
      if (!(error instanceof CreateOutcomeUnknownError)) {
        run.record({ kind: "createFailed", error: stepError(error) });
        return run.fail("createFailed", { error: stepError(error) });
      }
      let orphan = error.found ? summarize(error.found) : null;
      run.record({ kind: "createOutcomeUnknown", orphan, error: stepError(error) });
      orphan ??= await lookForLateCreate(plan, deps, run);
      if (!orphan) {
        // Still unseen: the service may apply it later. Recorded by its validTo, the next run knows it.
        await recordLeftovers(deps, run, [{ kind: "pendingCreate", validTo: plan.validTo }]);
        return run.fail("createOutcomeUnknown", { error: stepError(error) });
      }
      await retireUnheld(deps, run, orphan, "orphan");
      // Neither revoked nor renamed, a rerun could not tell the orphan from the PAT it replaces.
      if (run.ownOrphans.includes(orphan.authorizationId) || attempt >= 2)
        return run.fail("createOutcomeUnknown", { error: stepError(error) });
    }
  }
}

/** A PAT under the name with the very validTo this run asked for, that was not there when the run began. */
async function lookForLateCreate(plan: RotationPlan, deps: RotationDeps, run: RunRecord): Promise<PatSummary | null> {
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (const pause of LATE_CREATE_LOOKS_MS) {
    await sleep(pause);
    const active = await listAllPats(deps.org, { displayFilterOption: "active", top: 100 }).catch(() => []);
    const late = active.find(
      (p) =>
        p.displayName === plan.displayName &&
        !run.startIds.includes(p.authorizationId) &&
        Math.abs(Date.parse(p.validTo) - Date.parse(plan.validTo)) <= 1000,
    );
    if (late) {
      run.record({ kind: "lateCreateFound", pat: summarize(late) });
      return summarize(late);
    }
  }
  return null;
}

function reveal(pat: PatToken, deps: RotationDeps): PatToken {
  if (!pat.token) throw new Error("Azure DevOps created the PAT but returned no secret.");
  deps.onSecret?.(pat.token);
  return pat;
}
