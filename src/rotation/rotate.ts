/**
 * Rotation proper: create -> verify -> (stand down if another run's PAT came first) -> store
 * everywhere -> revoke the old. The new PAT is verified before any store sees it, so a PAT that does
 * not work never replaces one that does; a store failure revokes the new PAT (rollback) only once the
 * store is known not to hold it, so no consumer is ever left with a revoked PAT.
 */
import { listAllPats } from "../api/pats";
import { wasClamped } from "./due";
import { createReplacement } from "./create-replacement";
import { orphanName, replacedName } from "./leftover-names";
import type { RotationDeps } from "./params";
import { summarize, type PatSummary } from "./pat-summary";
import type { RotationPlan, RotationResult, StandDownReason } from "./result";
import { rename, retire } from "./retire";
import { RunRecord, stepError } from "./run-record";
import { StoreHeldByOtherError, type SecretStore } from "./secret-store";
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

  const rival = await firstRival(deps, run, plan, pat);
  if (rival) return standDown(deps, run, pat, "rivalFirst", rival);

  const old = plan.target;
  const leftovers = [...run.recordedLeftovers, { kind: "replaced" as const, authorizationId: old.authorizationId }];
  // The first store (the arbiter) decides between concurrent runs; once it holds the new PAT, a later
  // store's failure leaves both PATs working (each store holds one) and the rerun brings the rest along.
  for (const [index, store] of deps.stores.entries()) {
    const from = run.storesBehind.has(store) ? { authorizationId: run.storesBehind.get(store) as string } : old;
    const stored = await storeOne(store, secret, pat, { from, leftovers }, run);
    if (stored === "stored") continue;
    if (index > 0) return split(run, pat, old, deps.stores.slice(0, index), deps.stores.slice(index), stored === "unknown" ? [store] : []);
    if (typeof stored === "object") return standDown(deps, run, pat, "storeHeld", stored.held);
    // The store may hold either PAT: revoking neither keeps every consumer working; the rerun decides by the record.
    if (stored === "unknown") return run.fail("storeFailed", { error: run.lastStoreError, storeOutcomeUnknown: true });
    await rollBack(deps, run, pat);
    return run.fail("storeFailed", { error: run.lastStoreError });
  }
  run.final.current = pat;

  if (plan.revokeOld) {
    await retire(deps.org, run, old, "old", replacedName(old.displayName, deps.now()));
  } else {
    run.record({ kind: "oldKept", pat: old });
    run.final.kept.push(old);
    // Renamed so the name the consumers know points at one PAT only (an expired one cannot be).
    const stillValid = Date.parse(old.validTo) > deps.now().getTime();
    if (stillValid && !(await rename(deps.org, run, old, "old", replacedName(old.displayName, deps.now())))) run.withIssues = true;
  }
  for (const leftover of [...plan.revokeAfterStores, ...plan.leftoversToRevoke]) await retire(deps.org, run, leftover, "leftover");
  return run.finish("rotated");
}

/** Some stores hold the new PAT, the rest the old one (or, for `unknown`, either): neither is revoked. */
function split(
  run: RunRecord,
  pat: PatSummary,
  old: PatSummary,
  holdNew: SecretStore[],
  rest: SecretStore[],
  unknown: SecretStore[],
): RotationResult {
  // A store without a record (the output variable) was never given either PAT.
  const holdsOld = rest.filter((s) => s.readRecord && !unknown.includes(s)).map((s) => s.name);
  run.record({
    kind: "storesSplit",
    newPat: pat,
    holdsNew: holdNew.map((s) => s.name),
    oldPat: old,
    holdsOld,
    unknown: unknown.map((s) => s.name),
  });
  run.final.current = pat;
  return run.fail("storeFailed", { error: run.lastStoreError, storesSplit: true });
}

/**
 * Concurrent runs each create a PAT under the same name; the first created wins (validFrom, then
 * authorizationId). Every later one sees the earlier one in this list, because it existed before
 * the later create returned; so exactly one run goes on to the stores.
 */
async function firstRival(deps: RotationDeps, run: RunRecord, plan: RotationPlan, own: PatSummary): Promise<string | undefined> {
  const known = new Set([...run.startIds, own.authorizationId, plan.target.authorizationId]);
  const rivals = (await listAllPats(deps.org, { displayFilterOption: "active", top: 100 })).filter(
    (p) => p.displayName === plan.displayName && !known.has(p.authorizationId) && !run.ownOrphans.includes(p.authorizationId),
  );
  const before = (p: PatSummary) =>
    Date.parse(p.validFrom) < Date.parse(own.validFrom) || (p.validFrom === own.validFrom && p.authorizationId < own.authorizationId);
  return rivals.find(before)?.authorizationId;
}

/** "stored", a held-by-other answer, "failed" (the store does not hold the new PAT) or "unknown". */
async function storeOne(
  store: SecretStore,
  secret: string,
  pat: PatSummary,
  write: Parameters<SecretStore["store"]>[2],
  run: RunRecord,
): Promise<"stored" | "failed" | "unknown" | { held: string }> {
  try {
    await store.store(secret, pat, write);
    run.record({ kind: "stored", store: store.name });
    run.final.storedIn.push(store.name);
    return "stored";
  } catch (error) {
    if (error instanceof StoreHeldByOtherError) return { held: error.heldAuthorizationId };
    run.record({ kind: "storeFailed", store: store.name, error: stepError(error) });
    run.lastStoreError = stepError(error);
    if (!store.readRecord) return "failed";
    // The write may have landed although its answer did not: the record says what the store holds.
    try {
      const held = (await store.readRecord())?.authorizationId || null;
      const holdsNew = held === pat.authorizationId;
      run.record({ kind: "storeReadBack", store: store.name, holds: held, holdsNew });
      if (holdsNew) {
        run.final.storedIn.push(store.name);
        return "stored";
      }
      return held && held !== write.from.authorizationId ? { held } : "failed";
    } catch {
      return "unknown";
    }
  }
}

/** Another run's PAT wins: revoke only this run's own new PAT, which no store has seen. */
async function standDown(
  deps: RotationDeps,
  run: RunRecord,
  own: PatSummary,
  why: StandDownReason,
  other: string,
): Promise<RotationResult> {
  run.record({ kind: "stoodDown", why, other });
  run.final.current = null;
  await retireUnheld(deps, run, own, "stoodDown");
  return run.finish("stoodDown");
}

/** Revokes the new PAT after a failure; the old one stays current. */
async function rollBack(deps: RotationDeps, run: RunRecord, pat: PatSummary): Promise<void> {
  await retireUnheld(deps, run, pat, "rollback");
  run.final.current = run.plan?.target ?? null;
}

/** Revokes a PAT no store holds; when that fails, renames it and records it as an orphan for the rerun. */
export async function retireUnheld(
  deps: RotationDeps,
  run: RunRecord,
  pat: PatSummary,
  role: "rollback" | "stoodDown" | "orphan",
): Promise<void> {
  const retired = await retire(deps.org, run, pat, role, orphanName(pat.displayName));
  if (retired === "revoked") return;
  run.ownOrphans.push(pat.authorizationId);
  await recordLeftovers(deps, run, [{ kind: "orphan", authorizationId: pat.authorizationId }]);
}

/** Adds leftovers to the recording store, so the next run can prove them its own. */
export async function recordLeftovers(
  deps: RotationDeps,
  run: RunRecord,
  leftovers: Parameters<NonNullable<SecretStore["addLeftovers"]>>[0],
): Promise<void> {
  const store = deps.stores.find((s) => s.addLeftovers);
  if (!store?.addLeftovers) return;
  const pats = leftovers.map((l) => ("authorizationId" in l ? l.authorizationId : `pending create valid to ${l.validTo}`));
  try {
    await store.addLeftovers(leftovers);
    run.record({ kind: "leftoversRecorded", store: store.name, pats });
  } catch (error) {
    run.record({ kind: "leftoversRecordFailed", store: store.name, pats, error: stepError(error) });
  }
}
