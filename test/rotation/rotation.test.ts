/** The rotation core (src/rotation) run in process against the emulator: steps, faults and reruns. */
import * as assert from "assert";
import { orphanName, runRotation, type RotationResult } from "../../src/rotation";
import { assertNoSecrets } from "../support/secrets";
import { assertOneUsable, type Fixture, inDays, MemoryStore, NOW, startRotationFixture, usable } from "./fixture";
import { DAY_MS } from "../support/days";

const kinds = (r: RotationResult) => r.steps.map((s) => s.kind);

describe("rotation core against the emulator", function () {
  this.timeout(60_000);
  let f: Fixture;
  before(async () => {
    f = await startRotationFixture();
  });
  after(async () => {
    await f?.emulator.stop();
  });
  beforeEach(async () => {
    await f.emulator.clearFaults();
    await f.emulator.setPolicy({ maxLifespanDays: null, blockFullScope: false, blockGlobal: false, clampLifespan: false });
  });

  /** Runs the core; its result (what a shell renders) must never carry a secret. */
  async function rotation(...args: Parameters<typeof runRotation>): Promise<RotationResult> {
    const result = await runRotation(...args);
    assertNoSecrets(
      [JSON.stringify(result)],
      (await f.pats()).map((p) => p.token),
    );
    return result;
  }

  it("rotates: same name, scope and organization, verified, stored, then the old one revoked", async () => {
    const old = await f.addPat("deploy-1", { scope: "vso.code vso.packaging" });
    const store = new MemoryStore();
    const revealed: string[] = [];
    const result = await rotation(
      f.params({ select: { displayName: "deploy-1" } }),
      f.deps({ stores: [store], onSecret: (s) => revealed.push(s) }),
    );

    assert.strictEqual(result.outcome, "rotated", JSON.stringify(result.failure));
    assert.strictEqual(result.withIssues, false);
    assert.deepStrictEqual(kinds(result), ["found", "planned", "created", "verified", "stored", "revoked"]);
    const fresh = await assertOneUsable(f, "deploy-1", store);
    assert.notStrictEqual(fresh.authorizationId, old.authorizationId);
    assert.strictEqual(fresh.scope, "vso.code vso.packaging");
    assert.notStrictEqual(fresh.targetAccounts, null);
    assert.ok(Math.abs(Date.parse(fresh.validTo) - (Date.parse(NOW) + 30 * DAY_MS)) < 60_000);
    assert.deepStrictEqual(revealed, [fresh.token]);
    assert.ok((await f.pats()).find((p) => p.authorizationId === old.authorizationId)?.revoked);
    assert.strictEqual(result.final.current?.authorizationId, fresh.authorizationId);
    assert.deepStrictEqual(
      result.final.revoked.map((p) => p.authorizationId),
      [old.authorizationId],
    );
    assert.deepStrictEqual(result.final.storedIn, ["memory store"]);
  });

  it("finds the PAT by authorizationId and applies a scope override", async () => {
    const old = await f.addPat("by-id", { scope: "app_token" });
    const result = await rotation(f.params({ select: { authorizationId: old.authorizationId }, scope: "vso.code" }), f.deps());
    assert.strictEqual(result.outcome, "rotated");
    assert.strictEqual((await assertOneUsable(f, "by-id")).scope, "vso.code");
  });

  it("verify false skips the check (no verifier needed); bad params are refused before anything is called", async () => {
    await f.addPat("no-verify");
    const result = await rotation(f.params({ select: { displayName: "no-verify" }, verify: false }), f.deps({ verifier: undefined }));
    assert.deepStrictEqual(kinds(result), ["found", "planned", "created", "verifySkipped", "stored", "revoked"]);
    await assert.rejects(runRotation(f.params({ select: { displayName: "no-verify" }, lifetimeDays: 366 }), f.deps()), RangeError);
    await assert.rejects(runRotation(f.params({ select: { displayName: "no-verify" } }), f.deps({ verifier: undefined })), TypeError);
  });

  it("recreates a global PAT for this organization only, or global again with keepGlobal", async () => {
    await f.addPat("global-1", { global: true });
    const narrowed = await rotation(f.params({ select: { displayName: "global-1" } }), f.deps());
    assert.strictEqual(narrowed.plan?.narrowedFromGlobal, true);
    assert.notStrictEqual((await assertOneUsable(f, "global-1")).targetAccounts, null);

    await f.addPat("global-2", { global: true });
    const kept = await rotation(f.params({ select: { displayName: "global-2" }, keepGlobal: true }), f.deps());
    assert.strictEqual(kept.plan?.allOrgs, true);
    assert.strictEqual((await assertOneUsable(f, "global-2")).targetAccounts, null);
  });

  it("extends in place (same secret), and refuses an expired PAT with the reason", async () => {
    const pat = await f.addPat("extend-1", { validTo: inDays(2) });
    const result = await rotation(f.params({ select: { displayName: "extend-1" }, action: "extend", lifetimeDays: 60 }), f.deps());
    assert.strictEqual(result.outcome, "extended");
    const after = await assertOneUsable(f, "extend-1", undefined, pat.token);
    assert.ok(Math.abs(Date.parse(after.validTo) - (Date.parse(NOW) + 60 * DAY_MS)) < 60_000);

    await f.addPat("extend-2", { validTo: inDays(-1) });
    const refused = await rotation(f.params({ select: { displayName: "extend-2" }, action: "extend" }), f.deps());
    assert.strictEqual(refused.outcome, "failed");
    assert.strictEqual(refused.failure?.reason, "expired");
    assert.strictEqual(refused.failure?.error?.code, "expiredPatCannotBeExtended");
  });

  it("leaves a PAT that is not due alone and says when it will be due", async () => {
    const pat = await f.addPat("not-due", { validTo: inDays(20) });
    const result = await rotation(f.params({ select: { displayName: "not-due" }, onlyIfExpiringWithinDays: 7 }), f.deps());
    assert.strictEqual(result.outcome, "notDue");
    const step = result.steps.find((s) => s.kind === "notDue");
    assert.ok(step?.kind === "notDue");
    assert.strictEqual(step.dueOn, `${inDays(13).slice(0, 10)}T00:00:00.000Z`, "due from midnight UTC: UTC calendar days");
    await assertOneUsable(f, "not-due", undefined, pat.token);

    const due = await rotation(f.params({ select: { displayName: "not-due" }, onlyIfExpiringWithinDays: 21 }), f.deps());
    assert.strictEqual(due.outcome, "rotated");
  });

  it("dry run plans and changes nothing", async () => {
    await f.addPat("dry", { global: true });
    const before = JSON.stringify(await f.pats());
    const store = new MemoryStore();
    const result = await rotation(f.params({ select: { displayName: "dry" }, dryRun: true }), f.deps({ stores: [store] }));
    assert.strictEqual(result.outcome, "planned");
    assert.deepStrictEqual(kinds(result), ["found", "planned"]);
    assert.deepStrictEqual(result.plan?.stores, ["memory store"]);
    assert.strictEqual(result.plan?.narrowedFromGlobal, true);
    assert.strictEqual(JSON.stringify(await f.pats()), before);
    assert.deepStrictEqual(store.secrets, []);
  });

  it("name lookup: none is not found, several are ambiguous (candidates listed), an active one wins over expired namesakes", async () => {
    const none = await rotation(f.params({ select: { displayName: "nobody" } }), f.deps());
    assert.deepStrictEqual(none.failure?.reason, "notFound");
    const a = await f.addPat("twin");
    const b = await f.addPat("twin", { validTo: inDays(9) });
    const twins = await rotation(f.params({ select: { displayName: "twin" } }), f.deps());
    assert.strictEqual(twins.failure?.reason, "ambiguous");
    assert.deepStrictEqual(twins.failure?.candidates?.map((p) => p.authorizationId).sort(), [a.authorizationId, b.authorizationId].sort());
    assert.strictEqual((await usable(f, "twin")).length, 2, "an ambiguous lookup changed something");
    await f.addPat("once", { validTo: inDays(-3) });
    const active = await f.addPat("once");
    const picked = await rotation(f.params({ select: { displayName: "once" }, dryRun: true }), f.deps());
    assert.strictEqual(picked.plan?.target.authorizationId, active.authorizationId);
  });

  it("a lifespan policy that clamps is reported; one that refuses fails with patLifespanPolicyViolation", async () => {
    await f.emulator.setPolicy({ maxLifespanDays: 10, clampLifespan: true });
    await f.addPat("clamp");
    const clamped = await rotation(f.params({ select: { displayName: "clamp" } }), f.deps());
    assert.strictEqual(clamped.outcome, "rotated");
    assert.strictEqual(clamped.withIssues, true);
    assert.ok(clamped.steps.some((s) => s.kind === "created" && s.clamped));

    await f.emulator.setPolicy({ maxLifespanDays: 10, clampLifespan: false });
    const old = await f.addPat("refused");
    const refused = await rotation(f.params({ select: { displayName: "refused" } }), f.deps());
    assert.strictEqual(refused.failure?.reason, "createFailed");
    assert.strictEqual(refused.failure?.error?.code, "patLifespanPolicyViolation");
    await assertOneUsable(f, "refused", undefined, old.token);
  });

  it("verify failure: the new PAT is revoked before any store sees it; the old one stays", async () => {
    const old = await f.addPat("verify-fails");
    const store = new MemoryStore();
    const result = await rotation(
      f.params({ select: { displayName: "verify-fails" } }),
      f.deps({
        stores: [store],
        verifier: async () => {
          throw new Error("connectionData said no");
        },
      }),
    );
    assert.strictEqual(result.failure?.reason, "verifyFailed");
    assert.deepStrictEqual(kinds(result), ["found", "planned", "created", "verifyFailed", "revoked"]);
    assert.deepStrictEqual(store.secrets, []);
    await assertOneUsable(f, "verify-fails", undefined, old.token);
    assert.strictEqual(result.final.current?.authorizationId, old.authorizationId);
  });

  it("store failure: rolls the new PAT back; the old one stays; a rerun rotates cleanly", async () => {
    const old = await f.addPat("store-fails");
    const store = new MemoryStore();
    store.failWith = new Error("the variable group is forbidden");
    const failed = await rotation(f.params({ select: { displayName: "store-fails" } }), f.deps({ stores: [store] }));
    assert.strictEqual(failed.failure?.reason, "storeFailed");
    assert.strictEqual(failed.failure?.error?.message, "the variable group is forbidden");
    await assertOneUsable(f, "store-fails", undefined, old.token);

    store.failWith = undefined;
    const rerun = await rotation(f.params({ select: { displayName: "store-fails" } }), f.deps({ stores: [store] }));
    assert.strictEqual(rerun.outcome, "rotated");
    await assertOneUsable(f, "store-fails", store);
  });

  it("revoke-old failure: succeeds with issues naming the old PAT; a rerun finishes without a third PAT", async () => {
    const old = await f.addPat("revoke-fails");
    await f.emulator.addFault({ method: "DELETE", path: "/_apis/tokens/pats", kind: "status", status: 500, times: 1 });
    const store = new MemoryStore();
    const first = await rotation(f.params({ select: { displayName: "revoke-fails" } }), f.deps({ stores: [store] }));
    assert.strictEqual(first.outcome, "rotated");
    assert.strictEqual(first.withIssues, true);
    assert.deepStrictEqual(
      first.final.toRevokeByHand.map((p) => p.authorizationId),
      [old.authorizationId],
    );
    assert.ok(first.steps.some((s) => s.kind === "renamed" && s.pat.authorizationId === old.authorizationId));
    const fresh = await assertOneUsable(f, "revoke-fails", store);
    const countBefore = (await f.pats()).length;

    const rerun = await rotation(f.params({ select: { displayName: "revoke-fails" } }), f.deps({ stores: [store] }));
    assert.strictEqual(rerun.outcome, "cleanedUp");
    assert.deepStrictEqual(kinds(rerun), ["found", "leftoverFound", "earlierRotationFound", "revoked"]);
    assert.strictEqual((await f.pats()).length, countBefore, "the rerun created a PAT");
    await assertOneUsable(f, "revoke-fails", store, fresh.token);
    assert.ok((await f.pats()).find((p) => p.authorizationId === old.authorizationId)?.revoked);

    const third = await rotation(
      f.params({ select: { displayName: "revoke-fails" }, onlyIfExpiringWithinDays: 7 }),
      f.deps({ stores: [store] }),
    );
    assert.strictEqual(third.outcome, "notDue");
    assert.strictEqual(third.steps.filter((s) => s.kind === "revoked").length, 0, "revoked something twice");
  });

  it("create answer lost: the orphan is revoked and reported, the PAT created once more", async () => {
    const old = await f.addPat("lost-answer");
    await f.emulator.addFault({ method: "POST", path: "/_apis/tokens/pats", kind: "commitThenDrop", times: 1 });
    const store = new MemoryStore();
    const result = await rotation(f.params({ select: { displayName: "lost-answer" } }), f.deps({ stores: [store] }));
    assert.strictEqual(result.outcome, "rotated", JSON.stringify(result.failure));
    const lost = result.steps.find((s) => s.kind === "createOutcomeUnknown");
    assert.ok(lost?.kind === "createOutcomeUnknown" && lost.orphan);
    assert.ok(
      result.steps.some((s) => s.kind === "revoked" && s.role === "orphan" && s.pat.authorizationId === lost.orphan?.authorizationId),
    );
    await assertOneUsable(f, "lost-answer", store);
    const all = await f.pats();
    assert.ok(all.find((p) => p.authorizationId === lost.orphan?.authorizationId)?.revoked, "the orphan still works");
    assert.ok(all.find((p) => p.authorizationId === old.authorizationId)?.revoked);
  });

  it("create answer lost twice: both orphans revoked, no third attempt, the old PAT stays", async () => {
    const old = await f.addPat("lost-twice");
    await f.emulator.addFault({ method: "POST", path: "/_apis/tokens/pats", kind: "commitThenDrop", times: 2 });
    const result = await rotation(f.params({ select: { displayName: "lost-twice" } }), f.deps());
    assert.strictEqual(result.failure?.reason, "createOutcomeUnknown");
    const orphans = result.steps.flatMap((s) => (s.kind === "revoked" && s.role === "orphan" ? [s.pat.authorizationId] : []));
    assert.strictEqual(orphans.length, 2);
    await assertOneUsable(f, "lost-twice", undefined, old.token);
    assert.strictEqual(result.final.current?.authorizationId, old.authorizationId);
  });

  it("extend narrows a global PAT to this organization in place, unless keepGlobal", async () => {
    const pat = await f.addPat("extend-global", { global: true });
    const result = await rotation(f.params({ select: { displayName: "extend-global" }, action: "extend" }), f.deps());
    assert.strictEqual(result.outcome, "extended");
    const after = await assertOneUsable(f, "extend-global", undefined, pat.token);
    assert.notStrictEqual(after.targetAccounts, null);
    const kept = await f.addPat("extend-global-kept", { global: true });
    await rotation(f.params({ select: { displayName: "extend-global-kept" }, action: "extend", keepGlobal: true }), f.deps());
    assert.strictEqual((await assertOneUsable(f, "extend-global-kept", undefined, kept.token)).targetAccounts, null);
  });

  it("rollback failure: the new PAT is renamed as an orphan and reported; a rerun revokes it and rotates", async () => {
    const old = await f.addPat("rollback-fails");
    await f.emulator.addFault({ method: "DELETE", path: "/_apis/tokens/pats", kind: "status", status: 500, times: 1 });
    const store = new MemoryStore();
    store.failWith = new Error("store down");
    const first = await rotation(f.params({ select: { displayName: "rollback-fails" } }), f.deps({ stores: [store] }));
    assert.strictEqual(first.failure?.reason, "storeFailed");
    const orphan = first.replacement;
    assert.ok(orphan);
    assert.deepStrictEqual(
      first.final.toRevokeByHand.map((p) => p.authorizationId),
      [orphan.authorizationId],
    );
    await assertOneUsable(f, "rollback-fails", undefined, old.token);
    assert.strictEqual((await usable(f, orphanName("rollback-fails"))).length, 1, "the orphan is not marked");

    store.failWith = undefined;
    const rerun = await rotation(f.params({ select: { displayName: "rollback-fails" } }), f.deps({ stores: [store] }));
    assert.strictEqual(rerun.outcome, "rotated");
    assert.ok(rerun.steps.some((s) => s.kind === "revoked" && s.role === "leftover" && s.pat.authorizationId === orphan.authorizationId));
    await assertOneUsable(f, "rollback-fails", store);
    assert.strictEqual((await usable(f, orphanName("rollback-fails"))).length, 0);
  });

  it("revokeOld false keeps the old PAT, renamed, so the next run by name finds only the new one", async () => {
    const old = await f.addPat("keep-old");
    const store = new MemoryStore();
    const result = await rotation(f.params({ select: { displayName: "keep-old" }, revokeOld: false }), f.deps({ stores: [store] }));
    assert.strictEqual(result.outcome, "rotated");
    assert.deepStrictEqual(
      result.final.kept.map((p) => p.authorizationId),
      [old.authorizationId],
    );
    const kept = (await f.pats()).find((p) => p.authorizationId === old.authorizationId);
    assert.strictEqual(kept?.revoked, false);
    assert.strictEqual(kept?.displayName, "keep-old (replaced 2026-11-20)");
    await assertOneUsable(f, "keep-old", store);
    const next = await rotation(
      f.params({ select: { displayName: "keep-old" }, revokeOld: false, onlyIfExpiringWithinDays: 7 }),
      f.deps({ stores: [store] }),
    );
    assert.strictEqual(next.outcome, "notDue");
    assert.strictEqual((await f.pats()).find((p) => p.authorizationId === old.authorizationId)?.revoked, false);
  });

  it("a 429 storm is waited out (Retry-After) and the rotation completes", async () => {
    await f.addPat("storm");
    await f.emulator.addFault({ path: "/_apis/tokens/pats", kind: "status", status: 429, retryAfterSec: 1, times: 3 });
    const store = new MemoryStore();
    const result = await rotation(f.params({ select: { displayName: "storm" } }), f.deps({ stores: [store] }));
    assert.strictEqual(result.outcome, "rotated", JSON.stringify(result.failure));
    await assertOneUsable(f, "storm", store);
  });
});
