/**
 * The issue's "done when", with a real task (CheckPatExpiryV1, subject "mine"): given only a refresh
 * token it signs in, saves the next refresh token to a variable group, and a second run with the
 * saved value works while the emulator has expired the first.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { DEFAULT_PUBLIC_CLIENT_ID, Emulator, EmuUser } from "../emulator/client";
import { assertNoSecrets, visibleTaskOutput } from "../support/secrets";
import { runTaskProcess, TaskRun } from "../support/task";
import { DAY_MS } from "../support/days";
import { startSeededEmulator } from "../support/seeded-emulator";

describe("a real task (CheckPatExpiryV1) keeps its refresh token alive through a variable group", function () {
  this.timeout(120_000);
  let emu: Emulator;
  let ada: EmuUser;
  let tempDir: string;
  const secrets: string[] = [];
  const runs: TaskRun[] = [];

  before(async function () {
    if (!fs.existsSync(path.resolve(__dirname, "..", "..", "tasks", "CheckPatExpiryV1", "task.json"))) {
      throw new Error("out/tasks/CheckPatExpiryV1 is not built (npm run build copies task.json)");
    }
    tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "real-task-session-"));
    ({ emu, ada } = await startSeededEmulator());
    await emu.addPat(ada.id, { displayName: "long-lived", validTo: new Date(Date.now() + 200 * DAY_MS).toISOString() });
  });
  after(async () => {
    for (const run of runs) assertNoSecrets(visibleTaskOutput(run.stdout, run.stderr), secrets);
    await emu?.stop();
    fs.rmSync(tempDir, { recursive: true, force: true });
  });

  async function check(refreshToken: string): Promise<TaskRun> {
    const job = await emu.issueJobToken("contoso", { variableGroupAdmin: true });
    secrets.push(job);
    const run = await runTaskProcess({
      task: "CheckPatExpiryV1",
      inputs: {
        authenticationMethod: "refreshToken",
        tenantId: emu.tenantId,
        clientId: DEFAULT_PUBLIC_CLIENT_ID,
        refreshToken,
        refreshTokenVariableGroup: "pat-lifecycle",
        subject: "mine",
      },
      secretVariables: { "System.AccessToken": job },
      env: { ...emu.env, SYSTEM_COLLECTIONURI: `${emu.devopsUrl}/contoso/`, SYSTEM_TEAMPROJECT: "Platform", AGENT_TEMPDIRECTORY: tempDir },
    });
    runs.push(run);
    return run;
  }

  it("signs in, saves the next refresh token, and the saved one works after the first expired", async () => {
    const groupId = (await emu.addVariableGroup("contoso", "Platform", { name: "pat-lifecycle", variables: { Keep: { value: "me" } } })).id;
    const first = await emu.issueRefreshToken(ada.id, DEFAULT_PUBLIC_CLIENT_ID, { ageDays: 89 });
    secrets.push(first);

    const run1 = await check(first);
    assert.notStrictEqual(run1.result, "Failed", run1.errors.join(" | "));
    assert.match(
      run1.stdout,
      /Saved the new refresh token to secret variable 'PatLifecycleRefreshToken' of variable group 'pat-lifecycle'/,
    );
    const second = (await emu.variableGroup("contoso", groupId)).secrets.PatLifecycleRefreshToken;
    secrets.push(second);
    assert.ok(second && second !== first);

    await emu.setNow(new Date(Date.now() + 2 * DAY_MS).toISOString());
    const expired = await check(first);
    assert.strictEqual(expired.result, "Failed");
    assert.ok(
      expired.errors.some((e) => /refresh token has expired.*pat-lifecycle login/s.test(e)),
      expired.errors.join(" | "),
    );

    const run2 = await check(second);
    assert.notStrictEqual(run2.result, "Failed", run2.errors.join(" | "));
    const third = (await emu.variableGroup("contoso", groupId)).secrets.PatLifecycleRefreshToken;
    secrets.push(third);
    assert.ok(third && third !== second);
  });
});
