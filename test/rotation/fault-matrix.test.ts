/**
 * The rotation fault matrix: the PACKAGED RotatePat (the .vsix, unzipped) against the emulator, one
 * row per scenario of README.md beside this file. Each row checks the invariant after the run and
 * after a rerun: exactly one live PAT carries the name, the variable group holds its secret and its
 * record (.AuthorizationId) names it, and any other live PAT of the family is named in a warning.
 */
import * as assert from "assert";
import type { VariableGroup } from "../../src/api/model";
import type { EmuPat } from "../emulator/client";
import type { FaultSpec } from "../emulator/wire-types";
import { failing, GROUPS, lostAnswer, PATS } from "../support/faults";
import { assertOneCurrentPat } from "../support/consumer-invariant";
import {
  consumerPat,
  family as familyOf,
  ROTATION_PROJECT as PROJECT,
  rotationWorld,
  runPackagedRotatePat,
} from "../support/rotation-world";
import type { RotateRun as Run, ConsumerBase } from "../support/rotation-world";

interface Consumer extends ConsumerBase {
  groupId: number;
}

describe("rotation fault matrix (packaged RotatePat)", function () {
  this.timeout(600_000);
  const world = rotationWorld({ now: "2026-11-20T10:00:00.000Z" });
  const inDays = (days: number) => world.inDays(days);
  let jobToken: string;
  before(async () => {
    jobToken = await world.jobToken();
  });

  async function consumer(name: string, o: { validTo?: string } = {}): Promise<Consumer> {
    const old = await consumerPat(world, name, { scope: "vso.code", validTo: o.validTo });
    const { id } = await world.emulator.addVariableGroup("contoso", PROJECT, {
      name: `${name}-secrets`,
      variables: { DeployPat: { value: old.token, isSecret: true } },
    });
    return { name, old, groupId: id };
  }

  const rotatePat = (c: Consumer, extra: Record<string, string> = {}): Promise<Run> =>
    runPackagedRotatePat(
      world,
      { displayName: c.name, variableGroup: `${c.name}-secrets`, variableName: "DeployPat", ...extra },
      { job: jobToken },
    );

  /** A write to the consumer's group as Ada (another writer), keeping every other variable. */
  async function groupWrite(c: Consumer, changes: Record<string, { value: string; isSecret?: boolean }>): Promise<void> {
    const token = await world.emulator.issueAccessToken(world.ada.id);
    const url = `${world.emulator.devopsUrl}/contoso/_apis/distributedtask/variablegroups/${c.groupId}?api-version=7.1`;
    const headers = { Authorization: `Bearer ${token}`, "Content-Type": "application/json" };
    const group = (await (
      await fetch(`${world.emulator.devopsUrl}/contoso/${PROJECT}/_apis/distributedtask/variablegroups/${c.groupId}?api-version=7.1`, {
        headers,
      })
    ).json()) as VariableGroup;
    const res = await fetch(url, {
      method: "PUT",
      headers,
      body: JSON.stringify({ ...group, variables: { ...group.variables, ...changes } }),
    });
    assert.strictEqual(res.status, 200, await res.text());
  }

  /** A new consumer rotated once under `faults`; the run ended with `result` (exactly, or matching). */
  async function rotateUnder(name: string, faults: FaultSpec[], result: string | RegExp): Promise<{ c: Consumer; run: Run }> {
    const c = await consumer(name);
    for (const fault of faults) await world.emulator.addFault(fault);
    const run = await rotatePat(c);
    if (typeof result === "string") assert.strictEqual(run.result, result, run.log);
    else assert.match(run.result ?? "", result, run.log);
    return { c, run };
  }

  const family = (c: Consumer) => familyOf(world, c.name);

  /** The invariant; `alone` lists look-alike PATs the task must leave alone (and warn about). */
  async function assertInvariant(c: Consumer, run: Run, alone: string[] = []): Promise<EmuPat> {
    const group = await world.emulator.variableGroup("contoso", c.groupId);
    const holding = {
      store: "the variable group",
      token: group.secrets.DeployPat,
      record: group.variables["DeployPat.AuthorizationId"]?.value ?? undefined,
    };
    return assertOneCurrentPat({ name: c.name, alive: await family(c), holdings: [holding], reportedIn: run.log, alone });
  }

  /** A rerun without faults succeeds and leaves only the current PAT (and the look-alikes) alive. */
  async function assertRerunConverges(c: Consumer, alone: string[] = []): Promise<Run> {
    const rerun = await rotatePat(c, { onlyIfExpiringWithinDays: "7" });
    assert.match(rerun.result ?? "", /^Succeeded/, rerun.log);
    await assertInvariant(c, rerun, alone);
    assert.strictEqual((await family(c)).length, 1 + alone.length, rerun.log);
    return rerun;
  }

  it("variable group update applied but its answer lost: read back, the rotation completes", async () => {
    const c = await consumer("vg-lost");
    await world.emulator.addFault(lostAnswer("PUT", GROUPS));
    await world.emulator.clearRequests();
    const run = await rotatePat(c);
    assert.strictEqual(run.result, "Succeeded", run.log);
    const puts = (await world.emulator.requests()).filter((r) => r.method === "PUT" && /variablegroups/.test(r.path));
    assert.deepStrictEqual(
      puts.map((r) => r.dropped === true),
      [true],
      "the lost write was read back, not sent again",
    );
    const fresh = await assertInvariant(c, run);
    assert.notStrictEqual(fresh.authorizationId, c.old.authorizationId);
    assert.ok(
      (await world.emulator.pats(world.ada.id)).find((p) => p.authorizationId === c.old.authorizationId)?.revoked,
      "the old PAT still works",
    );
    await assertRerunConverges(c);
  });

  it("variable group write never confirmed (HTTP 500 on every PUT): fails naming the group, rolled back", async () => {
    const { c, run } = await rotateUnder("vg-500", [failing("PUT", GROUPS, 500, 3)], "Failed");
    assert.match(
      run.errors.join("\n"),
      /Could not store the new PAT, so it was rolled back; .*Could not confirm the write to the variable group 'vg-500-secrets' in project 'Fabrikam' after 3 attempts/,
    );
    assert.strictEqual((await assertInvariant(c, run)).token, c.old.token);
    await assertRerunConverges(c);
  });

  it("create applied but its answer lost: the orphan is revoked, one PAT created", async () => {
    const { c, run } = await rotateUnder("create-lost", [lostAnswer("POST", PATS)], "Succeeded");
    await assertInvariant(c, run);
    await assertRerunConverges(c);
  });

  it("late create (applied 2 s after the client gave up): found on the same run and revoked", async () => {
    const { c, run } = await rotateUnder(
      "create-late",
      [{ method: "POST", path: "/_apis/tokens/pats$", kind: "commitLate", ms: 2000, times: 1 }],
      "Succeeded",
    );
    const late = /Azure DevOps applied the lost create late: the PAT ([0-9a-f-]+) appeared/.exec(run.log)?.[1];
    assert.ok(late, run.log);
    assert.ok((await world.emulator.pats(world.ada.id)).find((p) => p.authorizationId === late)?.revoked, "the late PAT still works");
    await assertInvariant(c, run);
    await assertRerunConverges(c);
  });

  it("revoke of the old PAT applied but its answer lost: the run completes", async () => {
    const { c, run } = await rotateUnder("revoke-lost", [lostAnswer("DELETE", PATS)], /^Succeeded/);
    await assertInvariant(c, run);
    await assertRerunConverges(c);
  });

  it("rename of the kept old PAT applied but its answer lost (revokeOld false): the run completes", async () => {
    const c = await consumer("rename-lost");
    await world.emulator.addFault(lostAnswer("PUT", PATS));
    const run = await rotatePat(c, { revokeOld: "false" });
    assert.match(run.result ?? "", /^Succeeded/, run.log);
    await assertInvariant(c, run, [c.old.authorizationId]);
    const rerun = await rotatePat(c, { revokeOld: "false", onlyIfExpiringWithinDays: "7" });
    assert.strictEqual(rerun.result, "Succeeded", rerun.log);
    assert.ok(
      (await family(c)).some((p) => p.authorizationId === c.old.authorizationId),
      "the kept old PAT was revoked",
    );
  });

  it("revoke and rename of the old PAT both fail after the store: the rerun revokes it by the store's record", async () => {
    const { c, run } = await rotateUnder(
      "double-old",
      [
        { method: "DELETE", path: "/_apis/tokens/pats$", kind: "status", status: 500, times: 1 },
        { method: "PUT", path: "/_apis/tokens/pats$", kind: "status", status: 500, times: 1 },
      ],
      "SucceededWithIssues",
    );
    await assertInvariant(c, run, [c.old.authorizationId]);
    const before = JSON.stringify(await world.emulator.pats(world.ada.id));
    const dry = await rotatePat(c, { dryRun: "true" });
    assert.match(
      dry.log,
      new RegExp(
        `Several PATs are named 'double-old'; variable group 'double-old-secrets' \\(DeployPat\\) holds [0-9a-f-]+, so that one is current\\.`,
      ),
    );
    assert.match(
      dry.log,
      new RegExp(
        `Found the PAT 'double-old' \\(authorizationId ${c.old.authorizationId}\\), replaced by an earlier rotation and recorded by the store as left behind: this run revokes it\\.`,
      ),
    );
    assert.strictEqual(JSON.stringify(await world.emulator.pats(world.ada.id)), before, "the dry run changed something");
    const rerun = await assertRerunConverges(c);
    assert.match(rerun.log, new RegExp(`Revoked the PAT ${c.old.authorizationId}`));
  });

  it("store fails and the rollback's revoke and rename fail: the orphan is recorded and the rerun revokes it", async () => {
    const { c, run } = await rotateUnder(
      "double-rollback",
      [
        { method: "PUT", path: "/_apis/distributedtask/variablegroups", kind: "status", status: 500, times: 3 },
        { method: "DELETE", path: "/_apis/tokens/pats$", kind: "status", status: 500, times: 1 },
        { method: "PUT", path: "/_apis/tokens/pats$", kind: "status", status: 500, times: 1 },
      ],
      "Failed",
    );
    const orphan = /Rollback: could not revoke the new PAT ([0-9a-f-]+)\./.exec(run.warnings.join("\n"))?.[1];
    assert.ok(orphan, run.log);
    assert.match(
      run.log,
      new RegExp(`Recorded in variable group 'double-rollback-secrets' \\(DeployPat\\), so that a later run revokes it: ${orphan}`),
    );
    assert.strictEqual((await assertInvariant(c, run, [orphan])).token, c.old.token);
    await assertRerunConverges(c);
    assert.ok((await world.emulator.pats(world.ada.id)).find((p) => p.authorizationId === orphan)?.revoked, "the orphan still works");
  });

  it("look-alike leftovers with 200 days left, in a run where the PAT is not due: named in warnings, left alone", async () => {
    const c = await consumer("deploy", { validTo: inDays(60) });
    const replaced = await world.emulator.addPat(world.ada.id, {
      displayName: "deploy (replaced 2025-05-05)",
      scope: "vso.code",
      validTo: inDays(200),
      organizations: ["contoso"],
    });
    const orphan = await world.emulator.addPat(world.ada.id, {
      displayName: "deploy (orphan, secret lost)",
      scope: "vso.code",
      validTo: inDays(200),
      organizations: ["contoso"],
    });
    const dry = await rotatePat(c, { onlyIfExpiringWithinDays: "7", dryRun: "true" });
    assert.strictEqual(dry.result, "Succeeded", dry.log);
    const run = await rotatePat(c, { onlyIfExpiringWithinDays: "7" });
    assert.strictEqual(run.result, "Succeeded", run.log);
    for (const pat of [replaced, orphan]) {
      const pattern = new RegExp(
        `The PAT '${pat.displayName.replace(/[()]/g, "\\$&")}' \\(authorizationId ${pat.authorizationId}\\) is named like a leftover of 'deploy', but no store records it as one: left alone\\.`,
      );
      assert.match(run.warnings.join("\n"), pattern);
      assert.match(dry.warnings.join("\n"), pattern);
    }
    await assertInvariant(c, run, [replaced.authorizationId, orphan.authorizationId]);
  });

  it("another writer's PAT lands in the group while this run verifies: the compare-and-set on the record makes this run stand down", async () => {
    const c = await consumer("cas-row");
    await world.emulator.addFault({ path: "/_apis/connectionData", kind: "latency", ms: 1500, times: 1 });
    await world.emulator.clearRequests();
    const running = rotatePat(c);
    for (let i = 0; i < 500 && !(await world.emulator.requests()).some((r) => r.method === "POST" && /tokens\/pats$/.test(r.path)); i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    // Another run's PAT (created after this run's, so not a rival by creation order) and its write to the group.
    const other = await world.emulator.addPat(world.ada.id, {
      displayName: "cas-row",
      scope: "vso.code",
      validTo: inDays(30),
      organizations: ["contoso"],
    });
    await groupWrite(c, {
      DeployPat: { value: other.token, isSecret: true },
      "DeployPat.AuthorizationId": { value: other.authorizationId },
    });
    const run = await running;
    assert.strictEqual(run.result, "SucceededWithIssues", run.log);
    assert.match(
      run.warnings.join("\n"),
      new RegExp(`Stood down: the store already holds ${other.authorizationId}, another run's new PAT`),
    );
    assert.strictEqual(run.newAuthorizationId, undefined, "a run that stood down named a PAT to use");
    const group = await world.emulator.variableGroup("contoso", c.groupId);
    assert.strictEqual(group.secrets.DeployPat, other.token, "the run overwrote the other run's PAT");
    const own = /Stood down: revoked this run's own new PAT ([0-9a-f-]+)/.exec(run.log)?.[1];
    const pats = await world.emulator.pats(world.ada.id);
    assert.ok(own && pats.find((p) => p.authorizationId === own)?.revoked, run.log);
    assert.strictEqual(
      pats.find((p) => p.authorizationId === c.old.authorizationId)?.revoked,
      false,
      "it revoked the PAT the other run replaces",
    );
  });

  /** Starts `runs` scheduled rotations of one PAT at once; checks the invariant and that each run says what it did. */
  async function concurrentRuns(c: Consumer, runs: number): Promise<{ completed: Run[]; stoodDown: Run[]; notDue: Run[]; all: string }> {
    // Scheduled rotations: a run that starts after another finished finds the new PAT not due.
    const results = await Promise.all(Array.from({ length: runs }, () => rotatePat(c, { onlyIfExpiringWithinDays: "7" })));
    const all = results
      .map((r) =>
        r.log
          .split("\n")
          .filter((l) => !l.startsWith("##vso[task.debug]"))
          .join("\n"),
      )
      .join("\n=====\n");
    const completed = results.filter((r) => /Done: rotated/.test(r.log));
    const stoodDown = results.filter((r) => /Stood down:/.test(r.log) && /Done: stood down/.test(r.log));
    const notDue = results.filter((r) => /Done: .* left unchanged/.test(r.log));
    assert.strictEqual(completed.length + stoodDown.length + notDue.length, runs, `a run neither completed nor stood down:\n${all}`);
    assert.strictEqual(completed.length, 1, `runs that rotated:\n${all}`);
    const live = await family(c);
    assert.strictEqual(live.length, 1, `live PATs: ${live.map((p) => p.authorizationId).join(", ")}\n${all}`);
    assert.strictEqual((await world.emulator.variableGroup("contoso", c.groupId)).secrets.DeployPat, live[0].token, all);
    for (const r of results) {
      if (r.newAuthorizationId)
        assert.strictEqual(r.newAuthorizationId, live[0].authorizationId, `a run named a PAT to use that is not live:\n${all}`);
      if (r !== completed[0]) assert.notStrictEqual(r.result, "Failed", all);
    }
    await assertRerunConverges(c);
    return { completed, stoodDown, notDue, all };
  }

  for (const runs of [2, 3]) {
    for (let repetition = 1; repetition <= (runs === 2 ? 3 : 2); repetition++) {
      it(`${runs} runs rotate the same PAT at once (latency 0-200 ms, repetition ${repetition}): one rotates, the others stand down or find it not due`, async () => {
        const c = await consumer(`concurrent-${runs}-${repetition}`);
        for (const [i, ms] of [0, 60, 130, 200].entries()) {
          await world.emulator.addFault({
            path: i % 2 ? "/_apis/tokens/pats$" : "/_apis/distributedtask/variablegroups",
            kind: "latency",
            ms,
            times: 2,
          });
        }
        await concurrentRuns(c, runs);
      });
    }
    it(`${runs} runs overlapping for sure (verify held 1.5 s): one rotates, every other run stands down and says why`, async () => {
      const c = await consumer(`overlapping-${runs}`);
      await world.emulator.addFault({ path: "/_apis/connectionData", kind: "latency", ms: 1500, times: runs });
      const { stoodDown, all } = await concurrentRuns(c, runs);
      assert.strictEqual(stoodDown.length, runs - 1, all);
      for (const r of stoodDown) {
        assert.match(
          r.warnings.join("\n"),
          /Stood down: (another run is rotating this PAT and created its new PAT [0-9a-f-]+ first|another run created [0-9a-f-]+ under this name minutes ago)/,
          all,
        );
        assert.strictEqual(r.result, "SucceededWithIssues", all);
      }
    });
  }
});
