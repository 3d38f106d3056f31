/**
 * The rotation core: find -> (finish an earlier rotation) -> due? -> plan -> (dry run stops here) ->
 * rotate or extend. Browser-safe (no task-lib, no Node modules): the task and the hub drive it with
 * their own stores, verifier and clock.
 */
import { dueOn, isDue } from "./due";
import { extend } from "./extend";
import { findTarget } from "./find-target";
import { MAX_LIFETIME_DAYS, type RotationDeps, type RotationParams } from "./params";
import { rotationPlan } from "./plan";
import type { RotationResult } from "./result";
import { retire } from "./retire";
import { rotate } from "./rotate";
import { RunRecord } from "./run-record";

export async function runRotation(params: RotationParams, deps: RotationDeps): Promise<RotationResult> {
  if (!Number.isInteger(params.lifetimeDays) || params.lifetimeDays < 1 || params.lifetimeDays > MAX_LIFETIME_DAYS) {
    throw new RangeError(`lifetimeDays must be a whole number from 1 to ${MAX_LIFETIME_DAYS}.`);
  }
  if (params.action === "rotate" && params.verify && !deps.verifier) throw new TypeError("verify needs deps.verifier.");
  const run = new RunRecord(params.action, deps.onStep);

  const search = await findTarget(deps.org, params.select);
  if (!search.found) return run.fail(search.failure.reason, search.failure);
  const { target, leftovers } = search;
  run.record({ kind: "found", pat: target, by: search.by });
  for (const leftover of leftovers) run.record({ kind: "leftoverFound", pat: leftover.pat, leftover: leftover.kind });
  run.final.current = target;
  const plan = rotationPlan(params, deps, target, leftovers);

  // A rerun after "could not revoke the old PAT": finish that rotation instead of starting another.
  const replaced = leftovers.filter((l) => l.kind === "replaced").map((l) => l.pat);
  if (params.action === "rotate" && params.revokeOld && replaced.length > 0) {
    run.record({ kind: "earlierRotationFound", current: target, replaced });
    if (params.dryRun) return run.finish("planned");
    for (const pat of plan.leftoversToRevoke) await retire(deps.org, run, pat, "leftover");
    return run.finish("cleanedUp");
  }

  const withinDays = params.onlyIfExpiringWithinDays;
  if (withinDays !== undefined) {
    if (!isDue(target, withinDays, deps.now())) {
      run.record({ kind: "notDue", pat: target, withinDays, dueOn: dueOn(target, withinDays).toISOString() });
      // An earlier run's leftovers are finished off even when the PAT itself is not due.
      if (!params.dryRun) for (const pat of plan.leftoversToRevoke) await retire(deps.org, run, pat, "leftover");
      return run.finish("notDue");
    }
    run.record({ kind: "due", pat: target, withinDays });
  }

  run.plan = plan;
  run.record({ kind: "planned", plan });
  if (params.dryRun) return run.finish("planned");
  return params.action === "rotate" ? rotate(plan, deps, run) : extend(plan, deps, run);
}
