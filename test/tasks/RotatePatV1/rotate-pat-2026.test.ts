/**
 * RotatePat against the Azure DevOps of 2026 (real task process, emulator over HTTPS): the delegated
 * permissions it needs, expired PATs that the service refuses to extend, the one-year extend limit.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startEmulator, type EmuUser, type Emulator } from "../../emulator/client";
import { DAY_MS, daysFromNow } from "../../support/days";
import { assertNoSecrets, visibleTaskOutput } from "../../support/secrets";
import { runTaskProcess, type TaskRun } from "../../support/task";

const NOW = "2026-11-20T10:00:00.000Z";
const inDays = (days: number) => daysFromNow(days, Date.parse(NOW));

describe("RotatePatV1 task against the service of 2026", function () {
  this.timeout(120_000);
  let emulator: Emulator;
  let ada: EmuUser;
  const secrets: string[] = [];
  const tempDirs: string[] = [];

  before(async () => {
    emulator = await startEmulator({ now: NOW });
    await emulator.addOrganization("contoso");
    ada = await emulator.addUser({ displayName: "Ada Lovelace", principalName: "ada@contoso.com", organizations: ["contoso"] });
    await emulator.registerApp({ clientId: "read-only-app", azureDevOpsPermissions: ["vso.pats"] });
  });
  after(async () => {
    await emulator?.stop();
    for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Runs `task` as Ada, signed in through `clientId`, and checks that its output shows no secret. */
  async function runAsAda(task: string, inputs: Record<string, string>, clientId = "pat-lifecycle-test-client"): Promise<TaskRun> {
    const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "task-2026-"));
    tempDirs.push(tempDir);
    const refreshToken = await emulator.issueRefreshToken(ada.id, clientId);
    secrets.push(refreshToken);
    const run = await runTaskProcess({
      task,
      inputs: { authenticationMethod: "refreshToken", tenantId: emulator.tenantId, clientId, refreshToken, ...inputs },
      env: {
        ...emulator.env,
        PAT_LIFECYCLE_NOW: NOW,
        SYSTEM_COLLECTIONURI: `${emulator.devopsUrl}/contoso/`,
        SYSTEM_TEAMPROJECT: "Fabrikam",
        AGENT_TEMPDIRECTORY: tempDir,
      },
    });
    secrets.push(run.variables.RefreshToken?.value ?? "");
    assertNoSecrets(visibleTaskOutput(run.stdout, run.stderr), [...secrets, ...(await emulator.pats()).map((p) => p.token)]);
    return run;
  }
  const rotatePat = (inputs: Record<string, string>, clientId?: string) => runAsAda("RotatePatV1", inputs, clientId);

  it("a read-only app registration is told to add vso.pats_manage before any PAT is touched", async () => {
    const pat = await emulator.addPat(ada.id, { displayName: "read-only-target", validTo: inDays(5), organizations: ["contoso"] });
    await emulator.clearRequests();
    const run = await rotatePat({ displayName: "read-only-target" }, "read-only-app");
    assert.strictEqual(run.result, "Failed");
    assert.deepStrictEqual(run.errors, [
      "Creating, extending and revoking PATs needs the delegated Azure DevOps permission vso.pats_manage, which the access token of app registration " +
        "read-only-app does not have (it has: vso.pats). Add it in the Entra admin center > App registrations > read-only-app > API permissions > " +
        "Add a permission > Azure DevOps > Delegated permissions, then grant admin consent for the tenant (or sign in again with `pat-lifecycle login` to consent).",
    ]);
    assert.ok(!(await emulator.requests()).some((r) => /tokens\/pats/i.test(r.path)), "no PAT call");
    assert.strictEqual((await emulator.pats(ada.id)).find((p) => p.authorizationId === pat.authorizationId)?.revoked, false);
  });

  it("extend: a PAT that expired before the service saw the update is refused there, and the task suggests rotate", async () => {
    // The task's clock stays at NOW; the service's is an hour later, past this PAT's expiry.
    await emulator.setNow(new Date(Date.parse(NOW) + 3600_000).toISOString());
    const pat = await emulator.addPat(ada.id, {
      displayName: "expires-in-flight",
      validFrom: inDays(-20),
      validTo: new Date(Date.parse(NOW) + 1800_000).toISOString(),
      organizations: ["contoso"],
    });
    const run = await rotatePat({ displayName: "expires-in-flight", action: "extend" });
    await emulator.setNow(NOW);
    assert.strictEqual(run.result, "Failed");
    assert.match(
      run.errors.join("\n"),
      new RegExp(
        `The PAT 'expires-in-flight' \\(authorizationId ${pat.authorizationId}\\) expired on 2026-11-20T10:30:00Z and cannot be extended: ` +
          `Could not update the PAT ${pat.authorizationId}: an expired PAT cannot be extended: create a new one instead\\. \\(patTokenError: expiredPatCannotBeExtended\\) ` +
          "Set action to 'rotate' to replace it with a new PAT\\.",
      ),
    );
    assert.strictEqual((await emulator.pats(ada.id)).find((p) => p.authorizationId === pat.authorizationId)?.validTo, pat.validTo);
  });

  it("onlyIfExpiringWithinDays counts UTC calendar days, as CheckPatExpiry's warnWithinDays: due and warned on the same PAT", async () => {
    // NOW is 10:00 UTC; 7 days and 13 hours away is the 7th calendar day; 7 days and 14.5 hours is the 8th.
    const seventhPat = await emulator.addPat(ada.id, {
      displayName: "seventh-day",
      validFrom: inDays(-20),
      validTo: "2026-11-27T23:00:00Z",
      scope: "vso.code",
      organizations: ["contoso"],
    });
    await emulator.addPat(ada.id, {
      displayName: "eighth-day",
      validFrom: inDays(-20),
      validTo: "2026-11-28T00:30:00Z",
      scope: "vso.code",
      organizations: ["contoso"],
    });

    const check = await runAsAda("CheckPatExpiryV1", {
      subject: "mine",
      warnWithinDays: "7",
      failWithinDays: "0",
      nameFilter: "*-day",
    });
    const warned = check.warnings.filter((w) => w.startsWith("PAT '")).map((w) => w.split("'")[1]);
    assert.deepStrictEqual(warned, ["seventh-day"], check.stdout);

    const eighth = await rotatePat({ displayName: "eighth-day", action: "extend", lifetimeDays: "30", onlyIfExpiringWithinDays: "7" });
    assert.strictEqual(eighth.result, "Succeeded");
    assert.match(
      eighth.stdout,
      /The PAT 'eighth-day' expires on 2026-11-28T00:30:00(\.0+)?Z, more than 7 days from today \(UTC calendar days\): nothing to do\. It will be due for rotation on 2026-11-21T00:00:00\.000Z\./,
    );
    const seventh = await rotatePat({ displayName: "seventh-day", action: "extend", lifetimeDays: "30", onlyIfExpiringWithinDays: "7" });
    assert.strictEqual(seventh.result, "Succeeded", seventh.stdout);
    assert.doesNotMatch(seventh.stdout, /nothing to do/);
    const extended = (await emulator.pats(ada.id)).find((p) => p.authorizationId === seventhPat.authorizationId)!;
    assert.ok(Math.abs(Date.parse(extended.validTo) - Date.parse(inDays(30))) < DAY_MS, extended.validTo);
  });

  it("extend: a PAT created 200 days ago extends to 300 days from now (the limit is a year from now, as for a create)", async () => {
    await emulator.addPat(ada.id, {
      displayName: "old-but-valid",
      validFrom: inDays(-200),
      validTo: inDays(3),
      organizations: ["contoso"],
    });
    const run = await rotatePat({ displayName: "old-but-valid", action: "extend", lifetimeDays: "300" });
    assert.strictEqual(run.result, "Succeeded", run.stdout);
    const extended = (await emulator.pats(ada.id)).find((p) => p.displayName === "old-but-valid")!;
    assert.ok(Math.abs(Date.parse(extended.validTo) - Date.parse(inDays(300))) < DAY_MS, extended.validTo);
  });
});
