/**
 * RotatePat as a real task process (MockTestRunner, real task-lib) against the emulator over HTTPS,
 * with the task's clock (PAT_LIFECYCLE_NOW) and the emulator's clock both at NOW. Every run's
 * visible output is scanned for every secret; every fault scenario checks the consumer invariant
 * and that a rerun converges.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { type EmuPat, type EmuUser, type Emulator } from "../../emulator/client";
import type { FaultSpec } from "../../emulator/wire-types";
import { failing, GROUPS, lostAnswer, PATS, VERIFY } from "../../support/faults";
import { assertNoSecrets, visibleTaskOutput } from "../../support/secrets";
import { ownWarnings, runTaskProcess, type TaskRun } from "../../support/task";
import { DAY_MS } from "../../support/days";
import { startSeededEmulator } from "../../support/seeded-emulator";
import { assertOneCurrentPat } from "../../support/consumer-invariant";

const NOW = "2026-11-20T10:00:00.000Z";
const CLIENT_ID = "pat-lifecycle-test-client";
const PROJECT = "Fabrikam";
const inDays = (days: number) => new Date(Date.parse(NOW) + days * DAY_MS).toISOString();

interface Consumer {
  name: string;
  old: EmuPat;
  groupId: number;
}

describe("RotatePatV1 task", function () {
  this.timeout(300_000);
  let emulator: Emulator;
  let ada: EmuUser;
  let refreshToken: string;
  let adminJobToken: string;
  let readerJobToken: string;
  const extraSecrets: string[] = [];
  const tempDirs: string[] = [];

  before(async () => {
    ({ emu: emulator, ada } = await startSeededEmulator({ now: NOW }));
    refreshToken = await emulator.issueRefreshToken(ada.id, CLIENT_ID);
    adminJobToken = await emulator.issueJobToken("contoso", { variableGroupAdmin: true, project: PROJECT });
    readerJobToken = await emulator.issueJobToken("contoso", { variableGroupAdmin: false, project: PROJECT });
  });
  after(async () => {
    await emulator?.stop();
    for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    await emulator.clearFaults();
    await emulator.setPolicy({ maxLifespanDays: null, blockFullScope: false, blockGlobal: false, clampLifespan: false });
  });

  /** A PAT and the variable group its consumer reads it from (holding the PAT's secret). */
  async function consumer(name: string, o: { scope?: string; validTo?: string; global?: boolean } = {}): Promise<Consumer> {
    const old = await emulator.addPat(ada.id, {
      displayName: name,
      scope: o.scope ?? "vso.code",
      validTo: o.validTo ?? inDays(5),
      validFrom: inDays(-25),
      organizations: o.global ? "global" : ["contoso"],
    });
    const { id } = await emulator.addVariableGroup("contoso", PROJECT, {
      name: `${name}-secrets`,
      variables: { DeployPat: { value: old.token, isSecret: true } },
    });
    return { name, old, groupId: id };
  }

  async function rotatePat(inputs: Record<string, string>, o: { jobToken?: string } = {}): Promise<TaskRun> {
    // Its own Agent.TempDirectory: task-lib keeps its vault key there (.taskkey), which other task processes must not overwrite.
    const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "rotate-pat-"));
    tempDirs.push(tempDir);
    const run = await runTaskProcess({
      task: "RotatePatV1",
      inputs: { authenticationMethod: "refreshToken", tenantId: emulator.tenantId, clientId: CLIENT_ID, refreshToken, ...inputs },
      secretVariables: { "System.AccessToken": o.jobToken ?? adminJobToken },
      env: {
        ...emulator.env,
        PAT_LIFECYCLE_NOW: NOW,
        SYSTEM_COLLECTIONURI: `${emulator.devopsUrl}/contoso/`,
        SYSTEM_TEAMPROJECT: PROJECT,
        AGENT_TEMPDIRECTORY: tempDir,
      },
    });
    extraSecrets.push(run.variables.RefreshToken?.value ?? "");
    const pats = await emulator.pats();
    assertNoSecrets(visibleTaskOutput(run.stdout, run.stderr), [
      refreshToken,
      adminJobToken,
      readerJobToken,
      ...extraSecrets,
      ...pats.map((p) => p.token),
    ]);
    assert.ok(run.result, `the task never reported a result:\n${shown(run)}`);
    return run;
  }

  /** What the log shows (secret-setting commands dropped): used in every assertion, so a failure prints no secret. */
  const shown = (run: TaskRun) => visibleTaskOutput(run.stdout, run.stderr).join("\n");
  const withGroup = (c: Consumer, extra: Record<string, string> = {}) => ({
    displayName: c.name,
    variableGroup: `${c.name}-secrets`,
    variableName: "DeployPat",
    ...extra,
  });
  const groupSecret = async (c: Consumer) => (await emulator.variableGroup("contoso", c.groupId)).secrets.DeployPat;
  const family = async (c: Consumer) =>
    (await emulator.pats(ada.id)).filter((p) => !p.revoked && p.displayName.startsWith(c.name) && Date.parse(p.validTo) > Date.parse(NOW));

  /**
   * Exactly one usable PAT carries the consumer's name and the consumer's group holds its secret;
   * any other unrevoked PAT of the family is named in the run's warnings (never an unreported orphan).
   */
  async function assertConsumerInvariant(c: Consumer, run: TaskRun): Promise<EmuPat> {
    const holding = { store: "the variable group", token: await groupSecret(c) };
    const reportedIn = ownWarnings(run).join("\n");
    return assertOneCurrentPat({
      name: c.name,
      alive: await family(c),
      holdings: [holding],
      reportedIn,
      log: shown(run),
      othersMayStay: true,
    });
  }

  /** A new consumer whose rotation under `fault` failed. */
  async function failedRotation(name: string, fault: FaultSpec): Promise<{ c: Consumer; run: TaskRun }> {
    const c = await consumer(name);
    await emulator.addFault(fault);
    const run = await rotatePat(withGroup(c));
    assert.strictEqual(run.result, "Failed", shown(run));
    return { c, run };
  }

  /** A rerun after the fault is gone succeeds and leaves exactly one PAT of the family, in the group. */
  async function assertRerunConverges(c: Consumer, o: { expectNewPat: boolean }): Promise<void> {
    const before = (await emulator.pats(ada.id)).length;
    const rerun = await rotatePat(withGroup(c));
    assert.strictEqual(rerun.result, "Succeeded", shown(rerun));
    const alive = await family(c);
    assert.strictEqual(alive.length, 1, `after the rerun: ${alive.map((p) => p.displayName).join(", ")}`);
    assert.strictEqual(await groupSecret(c), alive[0].token);
    assert.strictEqual((await emulator.pats(ada.id)).length - before, o.expectNewPat ? 1 : 0, "PATs created by the rerun");
  }

  describe("rotate and extend", () => {
    it("rotates: logs each step and the final state, delivers to the group and the NewPat output, revokes the old", async () => {
      const c = await consumer("deploy");
      const run = await rotatePat(withGroup(c));
      assert.strictEqual(run.result, "Succeeded", shown(run));
      const fresh = await assertConsumerInvariant(c, run);
      const lines = run.stdout.split("\n");
      const order = [
        /Found the PAT 'deploy' \(authorizationId [0-9a-f-]+\): scope vso\.code, valid to 2026-11-25T10:00:00(\.0+)?Z, valid in this organization\./,
        /Plan: create a new PAT 'deploy' with scope 'vso\.code' \(Code \(read\)\), valid to 2026-12-20T10:00:00\.000Z \(30 days\)\./,
        /Plan: verify the new PAT with a call to https:\/\/.*\/contoso\/_apis\/connectionData before storing it\./,
        /Plan: store the new secret in: variable group 'deploy-secrets' \(DeployPat\), output variable NewPat\./,
        new RegExp(`Plan: then revoke the old PAT ${c.old.authorizationId}\\.`),
        new RegExp(`Step create: created the new PAT 'deploy' \\(authorizationId ${fresh.authorizationId}\\)`),
        /Step verify: the new PAT works \(Azure DevOps sees Ada Lovelace; attempt 1\)\./,
        /Step store: saved the new secret to variable group 'deploy-secrets' \(DeployPat\)\./,
        /Step store: saved the new secret to output variable NewPat\./,
        new RegExp(`Step revoke: revoked the old PAT ${c.old.authorizationId}\\.`),
        new RegExp(
          `Done: rotated 'deploy'\\. The PAT to use is ${fresh.authorizationId}, valid to .*, stored in: variable group 'deploy-secrets' \\(DeployPat\\), output variable NewPat\\.`,
        ),
      ];
      let at = 0;
      for (const pattern of order) {
        const found = lines.findIndex((line, i) => i >= at && pattern.test(line));
        assert.ok(found >= 0, `missing or out of order: ${pattern}\n${shown(run)}`);
        at = found + 1;
      }
      assert.deepStrictEqual(run.variables.NewPat, { value: fresh.token, isSecret: true, isOutput: true });
      assert.strictEqual(run.variables.NewAuthorizationId.value, fresh.authorizationId);
      assert.strictEqual(run.variables.NewValidTo.value, fresh.validTo);
      assert.strictEqual(run.variables.Rotated.value, "true");
      assert.ok((await emulator.pats(ada.id)).find((p) => p.authorizationId === c.old.authorizationId)?.revoked);
      // The secret was masked the moment it existed, before any line could show it.
      const setSecretAt = lines.findIndex((l) => l === `##vso[task.setsecret]${fresh.token}`);
      const createdAt = lines.findIndex((l) => l.includes("Step create: created"));
      assert.ok(setSecretAt >= 0 && setSecretAt < createdAt, "tl.setSecret did not come first");
    });

    it("with only the NewPat output variable: rotates, and warns that concurrent runs cannot be arbitrated", async () => {
      const c = await consumer("output-only");
      const run = await rotatePat({ displayName: c.name });
      assert.strictEqual(run.result, "Succeeded", shown(run));
      assert.match(
        ownWarnings(run).join("\n"),
        /Only output variable NewPat receives the new PAT, and it keeps no record of which PAT it holds: two runs rotating this PAT at once cannot tell which one is current\. Set variableGroup, or let only one run at a time \(lockBehavior: sequential\)\./,
      );
      assert.strictEqual((await family(c)).length, 1);
    });

    it("extends: same PAT and secret, new expiry, Rotated false", async () => {
      const c = await consumer("extend-me", { validTo: inDays(3) });
      const run = await rotatePat({ displayName: c.name, action: "extend", lifetimeDays: "90" });
      assert.strictEqual(run.result, "Succeeded", shown(run));
      const pat = await assertConsumerInvariant(c, run);
      assert.strictEqual(pat.authorizationId, c.old.authorizationId);
      assert.strictEqual(pat.token, c.old.token);
      assert.match(
        shown(run),
        /Step extend: the PAT 'extend-me' \(authorizationId [0-9a-f-]+\) is now valid to 2027-02-18T10:00:00(\.0+)?Z \(was 2026-11-23T10:00:00(\.0+)?Z\); its secret is unchanged\./,
      );
      assert.strictEqual(run.variables.Rotated.value, "false");
      assert.strictEqual(run.variables.NewAuthorizationId.value, c.old.authorizationId);
      assert.strictEqual(run.variables.NewPat, undefined);
    });

    it("recreates a global PAT for this organization only, and says why", async () => {
      const c = await consumer("global-deploy", { global: true });
      const run = await rotatePat(withGroup(c));
      assert.strictEqual(run.result, "Succeeded", shown(run));
      assert.match(
        shown(run),
        /Plan: the old PAT is global, and global PATs stop working on 2026-12-01, so the new one is valid in organization 'contoso' only\. Set keepGlobal to true to keep it global\./,
      );
      assert.notStrictEqual((await assertConsumerInvariant(c, run)).targetAccounts, null);
    });

    it("dry run prints the plan and changes nothing", async () => {
      const c = await consumer("dry-run");
      const before = JSON.stringify(await emulator.pats(ada.id));
      const run = await rotatePat(withGroup(c, { dryRun: "true" }));
      assert.strictEqual(run.result, "Succeeded", shown(run));
      assert.match(shown(run), /Plan: create a new PAT 'dry-run'/);
      assert.match(shown(run), /Dry run: nothing was changed\./);
      assert.strictEqual(JSON.stringify(await emulator.pats(ada.id)), before);
      assert.strictEqual(await groupSecret(c), c.old.token);
      assert.strictEqual(run.variables.Rotated.value, "false");
    });

    it("not yet due: leaves the PAT alone and says when it will be due", async () => {
      const c = await consumer("scheduled", { validTo: inDays(30) });
      const run = await rotatePat(withGroup(c, { onlyIfExpiringWithinDays: "7" }));
      assert.strictEqual(run.result, "Succeeded", shown(run));
      assert.match(
        shown(run),
        /The PAT 'scheduled' expires on 2026-12-20T10:00:00(\.0+)?Z, more than 7 days from today \(UTC calendar days\): nothing to do\. It will be due for rotation on 2026-12-13T00:00:00\.000Z\./,
      );
      await assertConsumerInvariant(c, run);
      assert.strictEqual(await groupSecret(c), c.old.token);
      assert.strictEqual(run.variables.Rotated.value, "false");
    });
  });

  describe("finding the PAT", () => {
    it("by name: none fails naming the input", async () => {
      const run = await rotatePat({ displayName: "no-such-pat" });
      assert.strictEqual(run.result, "Failed");
      assert.match(
        run.errors.join("\n"),
        /No PAT named 'no-such-pat' \(exact, case-sensitive\) exists for ada@contoso\.com in organization 'contoso'\. Check the displayName input, or use authorizationId\./,
      );
    });

    it("by name: several fail listing every candidate with id and expiry", async () => {
      const a = await consumer("same-name");
      const b = await emulator.addPat(ada.id, {
        displayName: "same-name",
        scope: "vso.code",
        validTo: inDays(40),
        validFrom: inDays(-3),
        organizations: ["contoso"],
      });
      const run = await rotatePat({ displayName: "same-name" });
      assert.strictEqual(run.result, "Failed");
      const error = run.errors.join("\n");
      assert.match(error, /2 PATs are named 'same-name': .* Set the authorizationId input to the one you mean, instead of displayName\./);
      for (const pat of [a.old, b]) assert.ok(error.includes(`${pat.authorizationId} (valid to ${pat.validTo}`), error);
      assert.strictEqual((await family(a)).length, 2, "nothing may change");
    });

    it("by authorizationId: rotates that PAT", async () => {
      const c = await consumer("by-id");
      const run = await rotatePat({
        organization: "contoso",
        authorizationId: c.old.authorizationId,
        variableGroup: `${c.name}-secrets`,
        variableName: "DeployPat",
      });
      assert.strictEqual(run.result, "Succeeded", shown(run));
      await assertConsumerInvariant(c, run);
    });

    it("input errors say which input, what is wrong and how to fix it", async () => {
      const both = await rotatePat({ displayName: "x", authorizationId: "y" });
      assert.match(
        both.errors.join("\n"),
        /Set either the input 'authorizationId' or the input 'displayName' to choose the PAT; both are set\./,
      );
      const scope = await rotatePat({ displayName: "x", scope: "vso.code vso.wrok" });
      assert.match(scope.errors.join("\n"), /The input 'scope' names scopes that do not exist: vso\.wrok\./);
      const lifetime = await rotatePat({ displayName: "x", lifetimeDays: "400" });
      assert.match(lifetime.errors.join("\n"), /The input 'lifetimeDays' must be a whole number from 1 to 365; got '400'\./);
      const name = await rotatePat({ displayName: "x", variableGroup: "g" });
      assert.match(name.errors.join("\n"), /The input 'variableName' is required when 'variableGroup' is set/);
    });

    it("contradictory inputs fail before any change, naming both inputs", async () => {
      const c = await consumer("contradiction");
      const before = JSON.stringify(await emulator.pats(ada.id));
      const noGroup = await rotatePat({ displayName: c.name, variableName: "DeployPat" });
      assert.match(
        noGroup.errors.join("\n"),
        /The input 'variableName' is set \('DeployPat'\) but the input 'variableGroup' is not: nothing would receive the new PAT under that name\./,
      );
      const due = await rotatePat(withGroup(c, { onlyIfExpiringWithinDays: "60", lifetimeDays: "30" }));
      assert.match(
        due.errors.join("\n"),
        /The input 'onlyIfExpiringWithinDays' \(60\) must be less than the input 'lifetimeDays' \(30\): otherwise every new PAT is due at once/,
      );
      const extend = await rotatePat(withGroup(c, { action: "extend" }));
      assert.match(
        extend.errors.join("\n"),
        /The input 'action' is 'extend', which keeps the PAT's secret, so the input 'variableGroup' \('contradiction-secrets'\) would receive nothing\./,
      );
      for (const run of [noGroup, due, extend]) {
        assert.strictEqual(run.result, "Failed");
        assert.ok(!shown(run).includes("Signed in"), "an input contradiction was found only after sign-in");
      }
      assert.strictEqual(JSON.stringify(await emulator.pats(ada.id)), before);
      assert.strictEqual(await groupSecret(c), c.old.token);
    });
  });

  describe("policy refusals", () => {
    it("patLifespanPolicyViolation: fails, says which policy and to lower lifetimeDays; the old PAT stays", async () => {
      await emulator.setPolicy({ maxLifespanDays: 7 });
      const c = await consumer("lifespan");
      const run = await rotatePat(withGroup(c));
      assert.strictEqual(run.result, "Failed");
      assert.match(
        run.errors.join("\n"),
        /Could not create the new PAT; nothing was changed and the old PAT [0-9a-f-]+ stays in use\. .*'Enforce maximum PAT lifespan'.*patLifespanPolicyViolation.* Lower lifetimeDays \(now 30\)/,
      );
      await assertConsumerInvariant(c, run);
      await emulator.setPolicy({ maxLifespanDays: null });
      await assertRerunConverges(c, { expectNewPat: true });
    });

    it("a clamping lifespan policy: succeeds with issues and says the lifetime was shortened", async () => {
      await emulator.setPolicy({ maxLifespanDays: 7, clampLifespan: true });
      const c = await consumer("clamped");
      const run = await rotatePat(withGroup(c));
      assert.strictEqual(run.result, "SucceededWithIssues", shown(run));
      assert.match(
        ownWarnings(run).join("\n"),
        /Azure DevOps shortened the lifetime: asked for a validTo of 2026-12-20T10:00:00\.000Z, got 2026-11-27T10:00:.*lower lifetimeDays/,
      );
      await assertConsumerInvariant(c, run);
    });

    it("a clamping lifespan policy below onlyIfExpiringWithinDays: says the next run would rotate again and which input to lower", async () => {
      await emulator.setPolicy({ maxLifespanDays: 7, clampLifespan: true });
      const c = await consumer("clamped-window");
      const run = await rotatePat(withGroup(c, { onlyIfExpiringWithinDays: "10" }));
      assert.strictEqual(run.result, "SucceededWithIssues", shown(run));
      assert.match(
        ownWarnings(run).join("\n"),
        /The input 'onlyIfExpiringWithinDays' \(10\) is not below what the lifetime policy allows \(\d days\), so the next run will find the new PAT due and rotate it again\. Lower onlyIfExpiringWithinDays below \d\./,
      );
      await assertConsumerInvariant(c, run);
    });

    it("fullScopePatPolicyViolation: fails and points at the scope input", async () => {
      await emulator.setPolicy({ blockFullScope: true });
      const c = await consumer("full-scope", { scope: "app_token" });
      const run = await rotatePat(withGroup(c));
      assert.strictEqual(run.result, "Failed");
      assert.match(
        run.errors.join("\n"),
        /'Restrict full-scoped PAT creation'.*fullScopePatPolicyViolation.* Set the scope input to the scopes the consumers need/,
      );
      await assertConsumerInvariant(c, run);
      const narrowed = await rotatePat(withGroup(c, { scope: "vso.code" }));
      assert.strictEqual(narrowed.result, "Succeeded", shown(narrowed));
      assert.strictEqual((await assertConsumerInvariant(c, narrowed)).scope, "vso.code");
    });

    it("globalPatPolicyViolation: fails with keepGlobal and says to drop it", async () => {
      await emulator.setPolicy({ blockGlobal: true });
      const c = await consumer("keep-global", { global: true });
      const run = await rotatePat(withGroup(c, { keepGlobal: "true" }));
      assert.strictEqual(run.result, "Failed");
      assert.match(run.errors.join("\n"), /'Restrict global PAT creation'.*globalPatPolicyViolation.* Set keepGlobal to false/);
      await assertConsumerInvariant(c, run);
    });

    it("expiredPatCannotBeExtended: extend refuses an expired PAT with the reason and what to do", async () => {
      const c = await consumer("expired", { validTo: inDays(-2) });
      const run = await rotatePat({ displayName: c.name, action: "extend" });
      assert.strictEqual(run.result, "Failed");
      assert.match(
        run.errors.join("\n"),
        /The PAT 'expired' \(authorizationId [0-9a-f-]+\) expired on 2026-11-18T10:00:00(\.0+)?Z and cannot be extended: an expired PAT cannot be extended: create a new one instead\. Set action to 'rotate' to replace it with a new PAT\./,
      );
    });
  });

  describe("fault matrix", () => {
    it("create fails (HTTP 500 twice, nothing created): fails, the old PAT stays; a rerun converges", async () => {
      const { c, run } = await failedRotation("fault-create", failing("POST", PATS, 500, 2));
      assert.match(
        run.errors.join("\n"),
        new RegExp(`The new PAT could not be created safely; the old PAT ${c.old.authorizationId} stays in use\\.`),
      );
      assert.strictEqual((await assertConsumerInvariant(c, run)).token, c.old.token);
      await assertRerunConverges(c, { expectNewPat: true });
    });

    it("create committed but the answer lost: the orphan is revoked and reported, one PAT is created", async () => {
      const c = await consumer("fault-lost");
      await emulator.addFault(lostAnswer("POST", PATS));
      const run = await rotatePat(withGroup(c));
      assert.strictEqual(run.result, "Succeeded", shown(run));
      const orphan = /Azure DevOps did create the PAT ([0-9a-f-]+), but its secret was only in the lost answer/.exec(shown(run))?.[1];
      assert.ok(orphan, shown(run));
      assert.match(shown(run), new RegExp(`Revoked the PAT ${orphan} whose secret was lost\\.`));
      assert.ok((await emulator.pats(ada.id)).find((p) => p.authorizationId === orphan)?.revoked);
      await assertConsumerInvariant(c, run);
      const rerun = await rotatePat(withGroup(c, { onlyIfExpiringWithinDays: "7" }));
      assert.strictEqual(rerun.result, "Succeeded");
      assert.match(shown(rerun), /nothing to do/);
    });

    it("store fails (variable group forbidden): the new PAT is rolled back, the old one stays; a rerun converges", async () => {
      const c = await consumer("fault-forbidden");
      const run = await rotatePat(withGroup(c), { jobToken: readerJobToken });
      assert.strictEqual(run.result, "Failed");
      const error = run.errors.join("\n");
      assert.match(
        error,
        new RegExp(
          `Could not store the new PAT, so it was rolled back; the old PAT ${c.old.authorizationId} stays in use\\. .*'Fabrikam Build Service \\(contoso\\)'.*needs the Administrator role on the variable group 'fault-forbidden-secrets' of project 'Fabrikam'`,
        ),
      );
      assert.match(shown(run), /Rollback: revoked the new PAT [0-9a-f-]+; the old PAT stays in use\./);
      assert.strictEqual((await assertConsumerInvariant(c, run)).token, c.old.token);
      assert.strictEqual(run.variables.NewPat, undefined, "a rolled-back secret was delivered");
      await assertRerunConverges(c, { expectNewPat: true });
    });

    it("a variable group linked to a Key Vault: says so and where to write instead, before any PAT is created", async () => {
      const old = await emulator.addPat(ada.id, {
        displayName: "kv-linked",
        scope: "vso.code",
        validTo: inDays(5),
        organizations: ["contoso"],
      });
      await emulator.addVariableGroup("contoso", PROJECT, {
        name: "kv-linked-secrets",
        keyVault: "contoso-kv",
        variables: { DeployPat: { value: "", isSecret: true } },
      });
      const before = (await emulator.pats(ada.id)).length;
      const run = await rotatePat({ displayName: "kv-linked", variableGroup: "kv-linked-secrets", variableName: "DeployPat" });
      assert.strictEqual(run.result, "Failed", shown(run));
      assert.match(
        run.errors.join("\n"),
        /The variable group 'kv-linked-secrets' is linked to the Azure Key Vault 'contoso-kv': its variables, 'DeployPat' included, come from the vault, and a pipeline cannot write them through the group\. Write the new PAT into the vault's secret instead: set the inputs azureSubscription \(a service connection that may write the vault's secrets\), keyVaultName \('contoso-kv'\) and secretName \(the secret behind 'DeployPat'\)/,
      );
      assert.strictEqual((await emulator.pats(ada.id)).length, before, "nothing was created");
      assert.ok(!(await emulator.pats(ada.id)).find((p) => p.authorizationId === old.authorizationId)?.revoked);
    });

    it("store fails (HTTP 500 on every write of the variable group): rolled back; a rerun converges", async () => {
      const { c, run } = await failedRotation("fault-store-500", failing("PUT", GROUPS, 500, 3));
      assert.match(run.errors.join("\n"), /Could not store the new PAT, so it was rolled back/);
      assert.strictEqual((await assertConsumerInvariant(c, run)).token, c.old.token);
      await assertRerunConverges(c, { expectNewPat: true });
    });

    it("verify fails: the new PAT is rolled back before any store sees it; a rerun converges", async () => {
      const { c, run } = await failedRotation("fault-verify", failing("*", VERIFY, 500));
      assert.match(
        run.errors.join("\n"),
        new RegExp(
          `The new PAT did not work, so it was rolled back before any store saw it; the old PAT ${c.old.authorizationId} stays in use\\.`,
        ),
      );
      assert.ok(!shown(run).includes("Step store:"), "a store was touched");
      assert.strictEqual((await assertConsumerInvariant(c, run)).token, c.old.token);
      await assertRerunConverges(c, { expectNewPat: true });
    });

    it("verify is retried while a new PAT propagates (401 twice, then it works)", async () => {
      const c = await consumer("fault-propagation");
      await emulator.addFault(failing("*", VERIFY, 401, 2));
      const run = await rotatePat(withGroup(c));
      assert.strictEqual(run.result, "Succeeded", shown(run));
      assert.match(shown(run), /Step verify: the new PAT works \(Azure DevOps sees Ada Lovelace; attempt 3\)\./);
      await assertConsumerInvariant(c, run);
    });

    it("revoke of the old PAT fails: succeeds with issues naming it; a rerun finishes without a new PAT", async () => {
      const c = await consumer("fault-revoke");
      await emulator.addFault(failing("DELETE", PATS, 500));
      const run = await rotatePat(withGroup(c));
      assert.strictEqual(run.result, "SucceededWithIssues", shown(run));
      assert.match(ownWarnings(run).join("\n"), new RegExp(`Step revoke: could not revoke the old PAT ${c.old.authorizationId}\\.`));
      assert.match(
        ownWarnings(run).join("\n"),
        new RegExp(`These PATs still work and should not: 'fault-revoke' \\(${c.old.authorizationId}\\)\\. Rerun this task to finish`),
      );
      await assertConsumerInvariant(c, run);
      const before = (await emulator.pats(ada.id)).length;
      const rerun = await rotatePat(withGroup(c));
      assert.strictEqual(rerun.result, "Succeeded", shown(rerun));
      assert.match(shown(rerun), /was created by an earlier rotation that did not revoke the PAT it replaced/);
      assert.match(shown(rerun), /Done: finished the earlier rotation of 'fault-revoke'\./);
      assert.strictEqual((await emulator.pats(ada.id)).length, before, "the rerun created a PAT");
      assert.strictEqual((await family(c)).length, 1);
      assert.ok((await emulator.pats(ada.id)).find((p) => p.authorizationId === c.old.authorizationId)?.revoked);
    });

    it("store fails and the rollback revoke fails too: the new PAT is marked as an orphan, recorded and named; a rerun revokes it", async () => {
      const c = await consumer("fault-double");
      await emulator.addFault(failing("PUT", GROUPS, 500, 3));
      await emulator.addFault(failing("DELETE", PATS, 500));
      const run = await rotatePat(withGroup(c));
      assert.strictEqual(run.result, "Failed");
      const orphan = /Rollback: could not revoke the new PAT ([0-9a-f-]+)\./.exec(ownWarnings(run).join("\n"))?.[1];
      assert.ok(orphan, shown(run));
      assert.match(
        shown(run),
        new RegExp(`Renamed the PAT ${orphan} to 'fault-double \\(orphan, secret lost\\)', so that a later run recognizes it\\.`),
      );
      assert.match(ownWarnings(run).join("\n"), new RegExp(`These PATs still work and should not: 'fault-double' \\(${orphan}\\)`));
      assert.strictEqual((await assertConsumerInvariant(c, run)).token, c.old.token);
      await assertRerunConverges(c, { expectNewPat: true });
      assert.ok(
        (await emulator.pats(ada.id)).find((p) => p.authorizationId === orphan)?.revoked,
        "the orphan was not revoked by the rerun",
      );
    });

    it("429 storms on the PAT API, connectionData and the variable group are waited out and the rotation completes", async () => {
      const c = await consumer("fault-429");
      for (const step of ["/_apis/tokens/pats$", "/_apis/connectionData", "/_apis/distributedtask/variablegroups"]) {
        await emulator.addFault({ path: step, kind: "status", status: 429, retryAfterSec: 1, times: 2 });
      }
      await emulator.clearRequests();
      const run = await rotatePat(withGroup(c));
      assert.strictEqual(run.result, "Succeeded", shown(run));
      await assertConsumerInvariant(c, run);
      const throttled = (await emulator.requests()).filter((r) => r.status === 429).map((r) => r.path.toLowerCase());
      for (const step of ["tokens/pats", "connectiondata", "variablegroups"]) {
        assert.strictEqual(throttled.filter((p) => p.includes(step)).length, 2, `429s on ${step}: ${throttled.join(", ")}`);
      }
    });

    it("a 429 storm that outlasts the retries on create: fails, the old PAT stays; a rerun converges", async () => {
      const { c, run } = await failedRotation("fault-429-create", failing("POST", PATS, 429, 20, 1));
      assert.match(
        run.errors.join("\n"),
        /Could not create the new PAT; nothing was changed and the old PAT [0-9a-f-]+ stays in use\. .*throttling/,
      );
      assert.strictEqual((await assertConsumerInvariant(c, run)).token, c.old.token);
      await emulator.clearFaults();
      await assertRerunConverges(c, { expectNewPat: true });
    });
  });
});
