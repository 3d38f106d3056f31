/**
 * PatLifecycleSignIn from the unpacked .vsix against the emulator: a person approves (or declines, or
 * misses) the device code the run shows, and each outcome ends in the variable group or in a sentence.
 */
import * as assert from "assert";
import * as fs from "fs";
import { DEFAULT_PUBLIC_CLIENT_ID, type Emulator } from "../../emulator/client";
import { packagedTaskSuite, runPackagedTask, startPackagedTask } from "../../support/packaged-task";
import { assertNoSecrets, visibleTaskOutput } from "../../support/secrets";
import { parseTaskOutput, type TaskRun } from "../../support/task";

const TASK = "PatLifecycleSignInV1";
const PROJECT = "Fabrikam";
const GROUP = "pat-lifecycle-sign-in";
const ENTRA_USER_TYPE = "pat-lifecycle-entra-user";

describe("PatLifecycleSignIn (packaged) against the emulator", function () {
  this.timeout(120_000);
  const suite = packagedTaskSuite({
    now: "2026-11-23T09:00:00Z",
    user: { displayName: "Sign-in Tester", principalName: "signin@contoso.com" },
  });
  let emulator: Emulator;
  let userId: string;
  let jobToken: string;
  let groupId: number;

  before(async () => {
    ({ emulator, userId } = suite);
    await emulator.addPat(userId, {
      displayName: "nightly-deploy",
      scope: "vso.code",
      validTo: "2026-12-20T00:00:00Z",
      organizations: ["contoso"],
    });
    jobToken = await emulator.issueJobToken("contoso", { variableGroupAdmin: true });
    groupId = (await emulator.addVariableGroup("contoso", PROJECT, { name: GROUP, variables: { Unrelated: { value: "kept" } } })).id;
  });

  afterEach(async () => {
    await emulator.setEntra({
      conditionalAccessBlockDeviceCode: false,
      deviceCodeSlowDowns: 0,
      deviceCodeDeclineError: "authorization_declined",
    });
    await emulator.setNow("2026-11-23T09:00:00Z");
  });

  function env(reason = "Manual", job = jobToken): Record<string, string> {
    return {
      ...emulator.env,
      BUILD_REASON: reason,
      SYSTEM_COLLECTIONURI: `${emulator.devopsUrl}/contoso/`,
      SYSTEM_TEAMPROJECT: PROJECT,
      SECRET_SYSTEM_ACCESSTOKEN: job,
    };
  }

  /** Starts the task, waits for the device code it shows, lets the person act on it, and returns the finished run. */
  async function signIn(
    act: (userCode: string) => Promise<void>,
    inputs: Record<string, string> = {},
    runEnv = env(),
  ): Promise<TaskRun & { userCode?: string }> {
    const child = startPackagedTask(
      suite.unpacked,
      TASK,
      { clientId: DEFAULT_PUBLIC_CLIENT_ID, refreshTokenVariableGroup: GROUP, ...inputs },
      runEnv,
    );
    let stdout = "";
    let stderr = "";
    let userCode: string | undefined;
    let acted: Promise<void> = Promise.resolve();
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
      const shown = /##vso\[task\.issue type=warning[^\]]*\]To sign in for PAT Lifecycle, open \S+ and enter the code ([A-Z0-9]+) /.exec(
        stdout,
      );
      if (shown && !userCode) {
        userCode = shown[1];
        acted = act(userCode);
      }
    });
    await new Promise((resolve) => child.on("close", resolve));
    await acted;
    return { ...parseTaskOutput(stdout, stderr), userCode };
  }

  function assertCleanFailure(r: TaskRun, sentence: string | RegExp): void {
    assert.strictEqual(r.result, "Failed", r.stdout);
    assert.strictEqual(r.errors.length, 1, r.stdout);
    if (typeof sentence === "string") assert.strictEqual(r.errors[0], sentence);
    else assert.match(r.errors[0], sentence);
    assert.strictEqual(r.stderr, "");
    assert.ok(!/\n\s+at /.test(r.stdout), `a stack trace in:\n${r.stdout}`);
  }

  it("shows the code and URL, stores refresh token, tenant and client ids as secrets, proves the sign-in, and says when the token lapses", async () => {
    await emulator.setEntra({ deviceCodeSlowDowns: 1 });
    const started = Date.now();
    const r = await signIn((code) => emulator.approveDeviceCode(code, userId));
    assert.strictEqual(r.result, "Succeeded", r.stdout);
    assert.ok(r.userCode);
    assert.deepStrictEqual(r.warnings, [
      `To sign in for PAT Lifecycle, open ${emulator.authorityHost}/common/oauth2/deviceauth and enter the code ${r.userCode} within 15 minutes. Sign in as the person whose PATs the pipelines manage.`,
    ]);
    const summary = r.commands.find((c) => c.name === "task.uploadsummary");
    assert.ok(summary, "a build summary was uploaded");
    assert.match(fs.readFileSync(summary.message, "utf8"), new RegExp(`\\*\\*${r.userCode}\\*\\*`));

    const group = await emulator.variableGroup("contoso", groupId);
    const stored = group.secrets.PatLifecycleRefreshToken;
    assert.ok(stored && stored.length > 20, "the refresh token is in the group");
    assert.strictEqual(group.secrets.PatLifecycleTenantId, emulator.tenantId);
    assert.strictEqual(group.secrets.PatLifecycleClientId, DEFAULT_PUBLIC_CLIENT_ID);
    assert.strictEqual(group.variables.Unrelated?.value, "kept");
    for (const name of ["PatLifecycleRefreshToken", "PatLifecycleTenantId", "PatLifecycleClientId", "PatLifecycleRefreshTokenIssuedAt"])
      assert.strictEqual(group.variables[name]?.isSecret, true, name);
    const issuedAt = Date.parse(group.secrets.PatLifecycleRefreshTokenIssuedAt);
    assert.ok(issuedAt >= started && issuedAt <= Date.now(), `issued at ${group.secrets.PatLifecycleRefreshTokenIssuedAt}`);

    // The stored token works for the other tasks: it signs in CheckPatExpiry.
    const check = runPackagedTask(
      suite.unpacked,
      "CheckPatExpiryV1",
      {
        authenticationMethod: "refreshToken",
        tenantId: group.secrets.PatLifecycleTenantId,
        clientId: group.secrets.PatLifecycleClientId,
        refreshToken: stored,
        organization: "contoso",
        subject: "mine",
        refreshTokenVariableGroup: GROUP,
      },
      env(),
    );
    assert.strictEqual(parseTaskOutput(check.stdout, check.stderr).result, "Succeeded", check.stdout);
    // ...which replaces it in the group and says so in its sign-in health line.
    assert.notStrictEqual((await emulator.variableGroup("contoso", groupId)).secrets.PatLifecycleRefreshToken, stored);
    // CheckPatExpiry's build summary has a row for the sign-in itself.
    const checkSummary = parseTaskOutput(check.stdout, check.stderr).commands.find((c) => c.name === "task.uploadsummary");
    assert.ok(checkSummary, check.stdout);
    assert.match(
      fs.readFileSync(checkSummary.message, "utf8"),
      new RegExp(`^- Sign-in health: the refresh token in variable group '${GROUP}' was just replaced`, "m"),
    );
    assert.match(
      check.stdout,
      new RegExp(
        `Sign-in health: the refresh token in variable group '${GROUP}' was just replaced, so it lapses on \\d{4}-\\d\\d-\\d\\d \\(90 days\\) unless a run uses it before then\\.`,
      ),
    );

    assert.match(r.stdout, /Signed in to Microsoft Entra as signin@contoso\.com/);
    assert.match(r.stdout, /Checked the sign-in: signin@contoso\.com can list PATs in organization contoso \(asked for one, got 1\)/);
    const lapses = /The refresh token lapses on (\d{4}-\d\d-\d\d) if no task uses it \(90 days\)/.exec(r.stdout);
    assert.ok(lapses, r.stdout);
    // The task runs on the real clock: 90 days from the sign-in (either side of a midnight during the run).
    const day = (ms: number) => new Date(ms + 90 * 86_400_000).toISOString().slice(0, 10);
    assert.ok([day(started), day(Date.now())].includes(lapses[1]), `lapses on ${lapses[1]}`);
    const masked = [...r.stdout.matchAll(/##vso\[task\.setsecret\](.*)/g)].map((m) => m[1]);
    assert.ok(masked.includes(stored), "the refresh token was masked");
    assertNoSecrets(visibleTaskOutput(r.stdout, r.stderr), [stored, jobToken]);
  });

  /** A "Microsoft Entra user for PAT Lifecycle" connection in the project holding an old sign-in. */
  const entraConnection = (name: string, tenantId: string, clientId: string) =>
    emulator.addServiceEndpoint("contoso", {
      projects: [PROJECT],
      name,
      type: ENTRA_USER_TYPE,
      scheme: "None",
      parameters: { tenantId, clientId, refreshToken: "old-refresh-token-value" },
    });

  it("puts the sign-in into a Microsoft Entra user service connection, replacing its tenant, client and refresh token", async () => {
    const { id } = await entraConnection("PAT Lifecycle sign-in", "old-tenant", "old-client");
    // The build service holds the Administrator role on service connections only in this run.
    const adminJob = await emulator.issueJobToken("contoso", { variableGroupAdmin: true, serviceEndpointAdmin: true });
    const r = await signIn(
      (code) => emulator.approveDeviceCode(code, userId),
      { refreshTokenVariableGroup: "", entraConnection: id },
      env("Manual", adminJob),
    );
    assert.strictEqual(r.result, "Succeeded", r.stdout);
    const stored = (await emulator.serviceEndpoint(id)).parameters;
    assert.deepStrictEqual(Object.keys(stored).sort(), ["clientId", "refreshToken", "tenantId"]);
    assert.strictEqual(stored.tenantId, emulator.tenantId);
    assert.strictEqual(stored.clientId, DEFAULT_PUBLIC_CLIENT_ID);
    assert.notStrictEqual(stored.refreshToken, "old-refresh-token-value");
    assert.match(r.stdout, /Put the new sign-in \(tenant ID, client ID, refresh token\) into service connection 'PAT Lifecycle sign-in'\./);
    assert.match(r.stdout, /The refresh token in service connection 'PAT Lifecycle sign-in' lapses on \d{4}-\d\d-\d\d if no task uses it/);
    assert.match(
      r.stdout,
      /##vso\[task\.complete result=Succeeded;\]Signed in as signin@contoso\.com; stored in service connection 'PAT Lifecycle sign-in'\./,
    );
    assertNoSecrets(visibleTaskOutput(r.stdout, r.stderr), [stored.refreshToken, adminJob]);
  });

  it("a connection the build service may not administer fails with where to give the role", async () => {
    const { id } = await entraConnection("locked", "t", "c");
    const r = await signIn((code) => emulator.approveDeviceCode(code, userId), { refreshTokenVariableGroup: "", entraConnection: id });
    assertCleanFailure(
      r,
      /^The pipeline may not update the service connection 'locked' \(HTTP 403\)\. The pipeline's identity, 'Fabrikam Build Service \(contoso\)' \(or 'Project Collection Build Service \(contoso\)' when the pipeline's job authorization scope is the whole organization\), needs the Administrator role on the service connection 'locked' of project 'Fabrikam': Project settings > Service connections > 'locked' > Security\. .* The new refresh token is in the secret output variable RefreshToken; nothing else was changed\.$/,
    );
    assert.strictEqual(r.variables.RefreshToken?.isSecret, true, "the new refresh token was kept in the secret output variable");
    assert.strictEqual((await emulator.serviceEndpoint(id)).parameters.refreshToken, "old-refresh-token-value");
  });

  it("without a variable group or a connection it says to set one, before any sign-in", () => {
    const run = runPackagedTask(suite.unpacked, TASK, { clientId: DEFAULT_PUBLIC_CLIENT_ID }, env());
    const r = parseTaskOutput(run.stdout, run.stderr);
    assertCleanFailure(
      r,
      "Set refreshTokenVariableGroup (a variable group the other tasks read) or entraConnection (a Microsoft Entra user for PAT Lifecycle service connection), so the sign-in has somewhere to go; nothing was signed in.",
    );
    assert.deepStrictEqual(r.warnings, []);
  });

  it("a variable group the build service may not change: the refresh token is kept in the secret output variable, nothing else changed", async () => {
    const before = await emulator.variableGroup("contoso", groupId);
    const reader = await emulator.issueJobToken("contoso", { variableGroupAdmin: false });
    const r = await signIn((code) => emulator.approveDeviceCode(code, userId), {}, env("Manual", reader));
    assertCleanFailure(
      r,
      /^Could not save the new refresh token to variable group 'pat-lifecycle-sign-in': The pipeline may not write the secret 'PatLifecycleRefreshToken' .*\(HTTP 403\)\..* the new refresh token is in the secret output variable RefreshToken\.$/,
    );
    assert.strictEqual(r.variables.RefreshToken?.isSecret, true);
    assert.deepStrictEqual((await emulator.variableGroup("contoso", groupId)).secrets, before.secrets);
  });

  it("a declined sign-in (authorization_declined, or RFC 8628's access_denied) says to run it again and choose Continue", async () => {
    for (const error of ["authorization_declined", "access_denied"] as const) {
      await emulator.setEntra({ deviceCodeDeclineError: error });
      const r = await signIn((code) => emulator.declineDeviceCode(code));
      assertCleanFailure(
        r,
        `The sign-in was declined on the device code page (AADSTS65004). Run the sign-in again and choose Continue when Microsoft asks whether you are signing in to this app; if you did not start it, tell your administrator.`,
      );
    }
  });

  it("an expired code says a code is valid for 15 minutes", async () => {
    const r = await signIn(() => emulator.setNow("2026-11-23T09:20:00Z"));
    assertCleanFailure(
      r,
      "The device code expired before anyone entered it (AADSTS70020): a code is valid for 15 minutes. Run the sign-in again and enter the new code promptly.",
    );
  });

  it("Conditional Access blocking device code sign-in names the policy and the way out", async () => {
    await emulator.setEntra({ conditionalAccessBlockDeviceCode: true });
    const r = await signIn(async () => undefined);
    assertCleanFailure(r, /^A Conditional Access policy blocked this sign-in\. .*\(Entra error AADSTS53003\)$/);
  });

  it("a user whose tenant requires MFA completes it on the device code page, so the sign-in succeeds and no MFA error can reach the task", async () => {
    const mfaUser = await emulator.addUser({
      displayName: "MFA Tester",
      principalName: "mfa@contoso.com",
      organizations: ["contoso"],
      mfaRequired: true,
    });
    const r = await signIn((code) => emulator.approveDeviceCode(code, mfaUser.id));
    assert.strictEqual(r.result, "Succeeded", r.stdout);
    assert.ok(r.stdout.includes("mfa@contoso.com"), r.stdout);
  });

  it("an app registration without consent says which app needs admin consent", async () => {
    await emulator.registerApp({ clientId: "unconsented-app", publicClientFlows: true, consented: false });
    const r = await signIn((code) => emulator.approveDeviceCode(code, userId), { clientId: "unconsented-app" });
    assertCleanFailure(
      r,
      /^The app registration unconsented-app has no consent for its delegated Azure DevOps permissions \(vso\.pats and vso\.pats_manage; .*Ask a tenant admin to grant admin consent.*\(Entra error AADSTS65001\)$/,
    );
  });

  it("a tenant Entra does not know says to check the tenant ID", async () => {
    const r = await signIn(async () => undefined, { tenantId: "no-such-tenant.example" });
    assertCleanFailure(
      r,
      "Microsoft Entra does not know the tenant 'no-such-tenant.example'. Check the tenant ID. (Entra error AADSTS90002)",
    );
  });

  it("gives up after timeoutMinutes when nobody enters the code, storing nothing", async function () {
    this.timeout(150_000);
    const before = await emulator.variableGroup("contoso", groupId);
    const r = await signIn(async () => undefined, { timeoutMinutes: "1" });
    assertCleanFailure(
      r,
      "Nobody completed the sign-in in time (timeoutMinutes: 1), so nothing was stored. Run the pipeline again and enter the code sooner, or raise timeoutMinutes (at most 15: Microsoft Entra device codes expire after 15 minutes).",
    );
    assert.deepStrictEqual((await emulator.variableGroup("contoso", groupId)).secrets, before.secrets);
  });

  it("timeoutMinutes outside 1 to 15 is refused naming the input", () => {
    const run = runPackagedTask(
      suite.unpacked,
      TASK,
      { clientId: DEFAULT_PUBLIC_CLIENT_ID, refreshTokenVariableGroup: GROUP, timeoutMinutes: "30" },
      env(),
    );
    assertCleanFailure(
      parseTaskOutput(run.stdout, run.stderr),
      "The input 'timeoutMinutes' must be a whole number from 1 to 15; got '30'.",
    );
  });

  describe("sign-in health in the other tasks", () => {
    const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
    const lapseDay = (issuedDaysAgo: number) => new Date(Date.now() + (90 - issuedDaysAgo) * 86_400_000).toISOString().slice(0, 10);
    async function check(inputs: Record<string, string>) {
      const refreshToken = await emulator.issueRefreshToken(userId, DEFAULT_PUBLIC_CLIENT_ID);
      const run = runPackagedTask(
        suite.unpacked,
        "CheckPatExpiryV1",
        {
          authenticationMethod: "refreshToken",
          tenantId: emulator.tenantId,
          clientId: DEFAULT_PUBLIC_CLIENT_ID,
          refreshToken,
          organization: "contoso",
          subject: "mine",
          ...inputs,
        },
        env(),
      );
      return parseTaskOutput(run.stdout, run.stderr);
    }

    it("without write-back, a token issued 80 days ago gets a warning 10 days before it lapses, instead of the every-run warning", async () => {
      const r = await check({ refreshTokenIssuedAt: daysAgo(80) });
      assert.deepStrictEqual(
        r.warnings.filter((w) => w.startsWith("Sign-in health") || w.startsWith("The new refresh token was not saved")),
        [
          `Sign-in health: the refresh token this run was given lapses on ${lapseDay(80)}, in 10 days, and nothing renews it. Set refreshTokenVariableGroup so each run keeps the new one, or run the sign-in task (or \`pat-lifecycle login\`) again before then.`,
        ],
      );
    });

    it("without write-back, a token issued 10 days ago gets a plain line and no warning", async () => {
      const r = await check({ refreshTokenIssuedAt: daysAgo(10) });
      assert.deepStrictEqual(r.warnings, []);
      const summary = r.commands.find((c) => c.name === "task.uploadsummary");
      assert.ok(summary, r.stdout);
      assert.match(fs.readFileSync(summary.message, "utf8"), /^- Sign-in health: the refresh token this run was given lapses on /m);
      assert.match(
        r.stdout,
        new RegExp(
          `Sign-in health: the refresh token this run was given lapses on ${lapseDay(10)} \\(in 80 days\\), 90 days after it was issued`,
        ),
      );
    });

    it("without write-back or an issue date, the summary row says the lapse date cannot be known and how to fix that", async () => {
      const r = await check({});
      const summary = r.commands.find((c) => c.name === "task.uploadsummary");
      assert.ok(summary, r.stdout);
      assert.match(
        fs.readFileSync(summary.message, "utf8"),
        /^- Sign-in health: this run cannot tell when its refresh token lapses \(90 days after it was issued\): set refreshTokenVariableGroup so each run renews it, or pass refreshTokenIssuedAt\.$/m,
      );
      assert.ok(
        r.warnings.some((w) => w.startsWith("The new refresh token was not saved anywhere")),
        "the every-run warning stays when nothing else is known",
      );
    });

    it("a refreshTokenIssuedAt that is no date fails before signing in, naming the input", async () => {
      const r = await check({ refreshTokenIssuedAt: "last Tuesday" });
      assertCleanFailure(
        r,
        "The input 'refreshTokenIssuedAt' must be an ISO 8601 date-time as the sign-in task writes it (for example 2026-11-30T02:40:00.000Z); got 'last Tuesday'.",
      );
      assert.ok(!/Signed in to Microsoft Entra/.test(r.stdout));
    });
  });

  for (const reason of ["Schedule", "IndividualCI", "BatchedCI", "PullRequest", "ResourceTrigger"]) {
    it(`refuses a run started by ${reason}, before any connection`, () => {
      const run = runPackagedTask(
        suite.unpacked,
        TASK,
        { clientId: DEFAULT_PUBLIC_CLIENT_ID, refreshTokenVariableGroup: GROUP },
        env(reason),
      );
      const r = parseTaskOutput(run.stdout, run.stderr);
      assertCleanFailure(
        r,
        `This run was started by '${reason}' (Build.Reason), so nobody is watching it to enter a sign-in code. Queue the pipeline by hand (Run pipeline) to sign in, and keep this task out of scheduled, CI, pull request and triggered runs.`,
      );
      assert.deepStrictEqual(r.warnings, [], "no device code was shown");
    });
  }
});
