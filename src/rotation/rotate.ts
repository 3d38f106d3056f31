/**
 * Rotation proper: create -> verify -> store everywhere -> revoke the old. The new PAT is verified
 * before any store sees it, so a PAT that does not work never replaces one that does; a store
 * failure revokes the new PAT (rollback) and the old one keeps working.
 */
import { CreateOutcomeUnknownError } from "../api/errors";
import type { PatToken } from "../api/model";
import { createPat } from "../api/pats";
import { wasClamped } from "./due";
import { orphanName, replacedName } from "./leftover-names";
import type { RotationDeps } from "./params";
import { summarize, type PatSummary } from "./pat-summary";
import type { RotationPlan, RotationResult } from "./result";
import { rename, retire } from "./retire";
import { RunRecord, stepError } from "./run-record";
import { VerificationError } from "./verifier";

export async function rotate(plan: RotationPlan, deps: RotationDeps, run: RunRecord): Promise<RotationResult> {
  const created = await createReplacement(plan, deps, run);
  if ("outcome" in created) return created;
  const secret = created.token as string;
  const pat = summarize(created);
  run.replacement = pat;
  const clamped = wasClamped(plan.validTo, pat.validTo);
  run.withIssues ||= clamped;
  run.record({ kind: "created", pat, requestedValidTo: plan.validTo, clamped });

  if (plan.verify) {
    try {
      const verification = await (deps.verifier as NonNullable<RotationDeps["verifier"]>)(secret);
      run.record({ kind: "verified", attempts: verification.attempts, user: verification.user });
    } catch (error) {
      run.record({ kind: "verifyFailed", attempts: error instanceof VerificationError ? error.attempts : 1, error: stepError(error) });
      await rollBack(deps, run, pat);
      return run.fail("verifyFailed", { error: stepError(error) });
    }
  } else {
    run.record({ kind: "verifySkipped" });
  }

  for (const store of deps.stores) {
    try {
      await store.store(secret, pat);
      run.record({ kind: "stored", store: store.name });
      run.final.storedIn.push(store.name);
    } catch (error) {
      run.record({ kind: "storeFailed", store: store.name, error: stepError(error) });
      await rollBack(deps, run, pat);
      return run.fail("storeFailed", { error: stepError(error) });
    }
  }
  run.final.current = pat;

  const old = plan.target;
  if (plan.revokeOld) {
    await retire(deps.org, run, old, "old", replacedName(old.displayName, deps.now()));
  } else {
    run.record({ kind: "oldKept", pat: old });
    run.final.kept.push(old);
    // Renamed so the name the consumers know points at one PAT only (an expired one cannot be).
    const stillValid = Date.parse(old.validTo) > deps.now().getTime();
    if (stillValid && !(await rename(deps.org, run, old, "old", replacedName(old.displayName, deps.now())))) run.withIssues = true;
  }
  for (const leftover of plan.leftoversToRevoke) await retire(deps.org, run, leftover, "leftover");
  return run.finish("rotated");
}

/**
 * Creates the new PAT. A create whose answer was lost leaves a PAT nobody knows the secret of: that
 * orphan is revoked (or at least renamed as one) and the create tried once more.
 */
async function createReplacement(plan: RotationPlan, deps: RotationDeps, run: RunRecord): Promise<PatToken | RotationResult> {
  const request = { displayName: plan.displayName, scope: plan.scope, validTo: plan.validTo, allOrgs: plan.allOrgs };
  for (let attempt = 1; ; attempt++) {
    try {
      return reveal(await createPat(deps.org, request), deps);
    } catch (error) {
      if (!(error instanceof CreateOutcomeUnknownError)) {
        run.record({ kind: "createFailed", error: stepError(error) });
        return run.fail("createFailed", { error: stepError(error) });
      }
      const orphan = error.found ? summarize(error.found) : null;
      run.record({ kind: "createOutcomeUnknown", orphan, error: stepError(error) });
      // No PAT seen yet, but the service may still apply the create: another one could make two.
      if (!orphan) return run.fail("createOutcomeUnknown", { error: stepError(error) });
      const retired = await retire(deps.org, run, orphan, "orphan", orphanName(orphan.displayName));
      // Neither revoked nor renamed, a rerun could not tell the orphan from the PAT it replaces.
      if (retired === "failed" || attempt >= 2) return run.fail("createOutcomeUnknown", { error: stepError(error) });
    }
  }
}

function reveal(pat: PatToken, deps: RotationDeps): PatToken {
  if (!pat.token) throw new Error("Azure DevOps created the PAT but returned no secret.");
  deps.onSecret?.(pat.token);
  return pat;
}

/** Revokes the new PAT after a failure; the old one stays current. */
async function rollBack(deps: RotationDeps, run: RunRecord, pat: PatSummary): Promise<void> {
  await retire(deps.org, run, pat, "rollback", orphanName(pat.displayName));
  run.final.current = run.plan?.target ?? null;
}
