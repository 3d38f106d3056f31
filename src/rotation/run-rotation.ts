/**
 * The rotation core: read the stores' records -> find -> (finish an earlier rotation) -> due? ->
 * plan -> (dry run stops here) -> rotate or extend. Browser-safe (no task-lib, no Node modules): the
 * task and the hub drive it with their own stores, verifier and clock.
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
import type { SecretStore, StoreRecord } from "./secret-store";

export async function runRotation(params: RotationParams, deps: RotationDeps): Promise<RotationResult> {
  if (!Number.isInteger(params.lifetimeDays) || params.lifetimeDays < 1 || params.lifetimeDays > MAX_LIFETIME_DAYS) {
    throw new RangeError(`lifetimeDays must be a whole number from 1 to ${MAX_LIFETIME_DAYS}.`);
  }
  if (params.action === "rotate" && params.verify && !deps.verifier) throw new TypeError("verify needs deps.verifier.");
  const run = new RunRecord(params.action, deps.onStep);

  // Every store is read (and so checked) before anything changes: an unreadable or unsuitable store
  // fails the run while nothing is lost. The first record arbitrates.
  const records = await storeRecords(deps);
  const recorded = records[0]?.record;
  const search = await findTarget(deps.org, params.select, recorded, deps.now());
  if (!search.found) return run.fail(search.failure.reason, search.failure);
  const { target, leftovers } = search;
  run.record({ kind: "found", pat: target, by: search.by });
  // A store an earlier run could not write (or one added since) holds another PAT or none.
  const behind =
    recorded?.authorizationId === target.authorizationId
      ? records.slice(1).filter((r) => r.record?.authorizationId !== target.authorizationId)
      : [];
  // What a store may still hold is revoked only once every store holds the new PAT.
  const held = new Set(records.flatMap((r) => (r.record?.authorizationId ? [r.record.authorizationId] : [])));
  const plan = rotationPlan(
    params,
    deps,
    target,
    leftovers,
    behind.length > 0 ? new Set(leftovers.map((l) => l.pat.authorizationId)) : held,
  );
  for (const l of leftovers) {
    const revoke = plan.leftoversToRevoke.includes(l.pat) || plan.revokeAfterStores.includes(l.pat);
    run.record({ kind: "leftoverFound", pat: l.pat, leftover: l.kind, recorded: l.recorded, inFlight: l.inFlight === true, revoke });
  }
  run.final.current = target;
  run.startIds = search.activeIds;
  run.recordedLeftovers = leftovers
    .filter((l) => l.recorded)
    .map((l) => ({ kind: l.kind === "replaced" ? "replaced" : "orphan", authorizationId: l.pat.authorizationId }));
  if (params.action === "rotate" && !deps.stores.some((s) => s.readRecord))
    run.record({ kind: "noArbiter", stores: deps.stores.map((s) => s.name) });

  // Another run's new PAT, on its way to the store: leave the rotation to that run.
  const inFlight = leftovers.find((l) => l.inFlight);
  if (params.action === "rotate" && inFlight) {
    run.record({ kind: "stoodDown", why: "inFlight", other: inFlight.pat.authorizationId });
    // Which PAT consumers should use is the other run's to say: this one names none.
    run.final.current = null;
    return run.finish("stoodDown");
  }

  // Stores behind: rotate so that every store gets the same PAT.
  if (params.action === "rotate" && behind.length > 0) {
    run.record({
      kind: "storesBehind",
      current: target,
      behind: behind.map((r) => ({ store: r.store.name, holds: r.record?.authorizationId || null })),
    });
    run.storesBehind = new Map(behind.map((r) => [r.store, r.record?.authorizationId ?? ""]));
    run.plan = plan;
    run.record({ kind: "planned", plan });
    if (params.dryRun) return run.finish("planned");
    return rotate(plan, deps, run);
  }

  // A rerun after "could not revoke the old PAT": finish that rotation instead of starting another.
  const replaced = leftovers.filter((l) => l.kind === "replaced" && l.recorded).map((l) => l.pat);
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
      // An earlier run's recorded leftovers are finished off even when the PAT itself is not due.
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

/** The record of every store that keeps one, in the stores' order. */
async function storeRecords(deps: RotationDeps): Promise<Array<{ store: SecretStore; record: StoreRecord | undefined }>> {
  const records = [];
  for (const store of deps.stores) {
    if (store.readRecord) records.push({ store, record: await store.readRecord() });
  }
  return records;
}
