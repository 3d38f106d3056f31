/**
 * openTaskSession in a real task process (test/support/task.ts runTaskProcess, real task-lib) against the
 * emulator: sign-in by every input path, refresh token write-back before any PAT call, and the
 * sentences a build owner sees when something is wrong.
 */
import * as assert from "assert";
import { fork } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { DEFAULT_PUBLIC_CLIENT_ID, Emulator, EmuUser } from "../emulator/client";
import { assertNoSecrets, visibleTaskOutput } from "../support/secrets";
import { runTaskProcess, TaskRun } from "../support/task";
import { PROBE_ENTRY, writeProbeTaskJson } from "./fixtures/session-probe/probe-task";
import { DAY_MS } from "../support/days";
import { startSeededEmulator } from "../support/seeded-emulator";

describe("openTaskSession in a task process (session probe task)", function () {
  this.timeout(120_000);
  let emu: Emulator;
  let ada: EmuUser;
  let groupId: number;
  let tempDir: string;
  const secrets: string[] = [];
  const runs: TaskRun[] = [];

  before(async () => {
    writeProbeTaskJson();
    tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "task-session-"));
    ({ emu, ada } = await startSeededEmulator({ ada: { password: "ada-password-1" } }));
    await emu.addPat(ada.id, { displayName: "existing", validTo: new Date(Date.now() + 30 * DAY_MS).toISOString() });
    groupId = (await emu.addVariableGroup("contoso", "Platform", { name: "pat-lifecycle", variables: { Other: { value: "keep-me" } } })).id;
    secrets.push("ada-password-1");
  });
  after(async () => {
    for (const run of runs) assertNoSecrets(visibleTaskOutput(run.stdout, run.stderr), secrets);
    await emu?.stop();
    fs.rmSync(tempDir, { recursive: true, force: true });
  });
  afterEach(async () => {
    await emu.setNow(null);
    await emu.clearRequests();
  });

  async function refreshToken(ageDays?: number): Promise<string> {
    const rt = await emu.issueRefreshToken(ada.id, DEFAULT_PUBLIC_CLIENT_ID, { ageDays });
    secrets.push(rt);
    return rt;
  }
  async function jobToken(variableGroupAdmin: boolean): Promise<string> {
    const token = await emu.issueJobToken("contoso", { variableGroupAdmin });
    secrets.push(token);
    return token;
  }
  async function probe(
    inputs: Record<string, string>,
    o: { accessToken?: string; env?: Record<string, string>; now?: string } = {},
  ): Promise<TaskRun> {
    const run = await runTaskProcess({
      task: "session-probe",
      entry: PROBE_ENTRY,
      inputs,
      secretVariables: o.accessToken ? { "System.AccessToken": o.accessToken } : {},
      env: {
        ...emu.env,
        SYSTEM_COLLECTIONURI: `${emu.devopsUrl}/contoso/`,
        SYSTEM_TEAMPROJECT: "Platform",
        AGENT_TEMPDIRECTORY: tempDir,
        ...(o.now ? { PAT_LIFECYCLE_NOW: o.now } : {}),
        ...o.env,
      },
    });
    runs.push(run);
    return run;
  }
  const rtInputs = (rt: string, extra: Record<string, string> = {}) => ({
    authenticationMethod: "refreshToken",
    tenantId: emu.tenantId,
    clientId: DEFAULT_PUBLIC_CLIENT_ID,
    refreshToken: rt,
    ...extra,
  });
  function succeeded(run: TaskRun): void {
    assert.strictEqual(run.result, "Succeeded", `errors: ${run.errors.join(" | ")}\n${run.stdout.slice(-3000)}`);
    assert.match(run.stdout, /probe: ada@contoso\.com listed 1 PAT\(s\) in contoso/);
  }
  function failedWith(run: TaskRun, pattern: RegExp): void {
    assert.strictEqual(run.result, "Failed", run.stdout.slice(-3000));
    assert.ok(
      run.errors.some((e) => pattern.test(e)),
      `an error matching ${pattern}; got: ${run.errors.join(" | ")}`,
    );
    assert.doesNotMatch(run.stdout + run.stderr, /\n\s+at .+\(.+:\d+:\d+\)/, "no stack trace");
  }
  async function patCallsAndGroupWrites(): Promise<string[]> {
    return (await emu.requests())
      .filter((r) => /\/_apis\/tokens\/pats/i.test(r.path) || (r.method === "PUT" && /variablegroups/i.test(r.path)))
      .map((r) => (r.method === "PUT" ? "group-write" : "pat-call"));
  }

  it("given only a refresh token: signs in, saves the next one to the variable group before any PAT call, and the saved one works once the first has expired", async () => {
    const first = await refreshToken(89);
    const job = await jobToken(true);
    const run1 = await probe(rtInputs(first, { refreshTokenVariableGroup: "pat-lifecycle" }), { accessToken: job });
    succeeded(run1);
    assert.match(run1.stdout, /Signed in to Microsoft Entra as ada@contoso\.com/);
    assert.match(
      run1.stdout,
      /Saved the new refresh token to secret variable 'PatLifecycleRefreshToken' of variable group 'pat-lifecycle'/,
    );
    assert.deepStrictEqual(run1.warnings, []);
    const group1 = await emu.variableGroup("contoso", groupId);
    const second = group1.secrets.PatLifecycleRefreshToken;
    secrets.push(second);
    assert.ok(second && second !== first, "the group holds a new refresh token");
    assert.strictEqual(group1.variables.PatLifecycleRefreshToken?.isSecret, true);
    assert.strictEqual(group1.variables.Other?.value, "keep-me", "other variables are kept");
    assert.deepStrictEqual(run1.variables.RefreshToken, { value: second, isSecret: true, isOutput: true });
    const order = await patCallsAndGroupWrites();
    assert.strictEqual(order[0], "group-write", `the write-back comes first: ${order.join(", ")}`);
    assert.ok(order.includes("pat-call"));

    await emu.setNow(new Date(Date.now() + 2 * DAY_MS).toISOString()); // the first token is now 91 days old
    const laterJob = await jobToken(true); // each job gets its own System.AccessToken
    const stale = await probe(rtInputs(first, { refreshTokenVariableGroup: "pat-lifecycle" }), { accessToken: laterJob });
    failedWith(stale, /refresh token has expired.*pat-lifecycle login.*AADSTS700082/s);

    const run2 = await probe(rtInputs(second, { refreshTokenVariableGroup: "pat-lifecycle" }), { accessToken: laterJob });
    succeeded(run2);
    const third = (await emu.variableGroup("contoso", groupId)).secrets.PatLifecycleRefreshToken;
    secrets.push(third);
    assert.ok(third && third !== second && third !== first, "the second run saved the next token in turn");
  });

  it("without the Administrator role on the group: fails before any PAT call, says what to do, and still outputs the new refresh token", async () => {
    const rt = await refreshToken();
    const run = await probe(rtInputs(rt, { refreshTokenVariableGroup: "pat-lifecycle" }), { accessToken: await jobToken(false) });
    failedWith(
      run,
      /Could not save the new refresh token to variable group 'pat-lifecycle'.*Administrator.*No PAT was changed; the new refresh token is in the secret output variable RefreshToken/s,
    );
    const output = run.variables.RefreshToken;
    assert.ok(output && output.isSecret && output.isOutput && output.value !== rt, "RefreshToken output carries the new token");
    secrets.push(output.value);
    assert.deepStrictEqual(
      (await patCallsAndGroupWrites()).filter((c) => c === "pat-call"),
      [],
      "no PAT was listed, created or revoked",
    );
  });

  describe("the service connection", () => {
    const connectionEnv = (id: string, fields: Record<string, string>, scheme = "None"): Record<string, string> => {
      const env: Record<string, string> = {
        [`ENDPOINT_AUTH_SCHEME_${id}`]: scheme,
        [`ENDPOINT_URL_${id}`]: "https://login.microsoftonline.com",
      };
      for (const [key, value] of Object.entries(fields)) env[`ENDPOINT_AUTH_PARAMETER_${id}_${key.toUpperCase()}`] = value;
      return env;
    };

    it("signs in from the connection alone and warns with the date sign-in will stop working", async () => {
      const rt = await refreshToken();
      const now = "2026-11-23T10:00:00.000Z";
      const run = await probe(
        { authenticationMethod: "connection", entraConnection: "EntraConn1" },
        { now, env: connectionEnv("EntraConn1", { tenantId: emu.tenantId, clientId: DEFAULT_PUBLIC_CLIENT_ID, refreshToken: rt }) },
      );
      succeeded(run);
      const expected = new Date(Date.parse(now) + 90 * DAY_MS).toISOString().slice(0, 10);
      assert.strictEqual(run.warnings.length, 1, run.warnings.join(" | "));
      assert.match(run.warnings[0], new RegExp(`The new refresh token was not saved anywhere.*by ${expected} at the latest`));
      assert.ok(run.variables.RefreshToken?.isSecret, "the new token is still offered as a secret output");
      secrets.push(run.variables.RefreshToken.value);
    });

    it("a newer refresh token input replaces the connection's expired one", async () => {
      const expired = await refreshToken(91);
      const newer = await refreshToken();
      const run = await probe(
        {
          authenticationMethod: "connection",
          entraConnection: "EntraConn2",
          refreshToken: newer,
          refreshTokenVariableGroup: "pat-lifecycle",
        },
        {
          accessToken: await jobToken(true),
          env: connectionEnv("EntraConn2", { tenantId: emu.tenantId, clientId: DEFAULT_PUBLIC_CLIENT_ID, refreshToken: expired }),
        },
      );
      succeeded(run);
      secrets.push((await emu.variableGroup("contoso", groupId)).secrets.PatLifecycleRefreshToken);
    });

    it("refuses a service principal connection up front", async () => {
      const run = await probe(
        { authenticationMethod: "connection", entraConnection: "ArmConn" },
        {
          env: connectionEnv(
            "ArmConn",
            { tenantId: emu.tenantId, clientId: "some-app", refreshToken: "not-a-refresh-token" },
            "WorkloadIdentityFederation",
          ),
        },
      );
      failedWith(
        run,
        /The service connection 'ArmConn' \(WorkloadIdentityFederation\) cannot be used: the PAT Lifecycle API accepts only a delegated Microsoft Entra user token/,
      );
      assert.deepStrictEqual(await emu.requests().then((r) => r.filter((x) => /oauth2/.test(x.path))), [], "Entra was not even asked");
    });

    it("names a missing field of the connection", async () => {
      const run = await probe(
        { authenticationMethod: "connection", entraConnection: "HalfConn" },
        { env: connectionEnv("HalfConn", { tenantId: emu.tenantId, refreshToken: "some-refresh-token-value" }) },
      );
      failedWith(run, /The service connection 'HalfConn' has no client ID/);
    });
  });

  it("an access token from an earlier step signs in without any refresh token handling", async () => {
    const token = await emu.issueAccessToken(ada.id);
    secrets.push(token);
    const run = await probe({ authenticationMethod: "accessToken", accessToken: token });
    succeeded(run);
    assert.strictEqual(run.variables.RefreshToken, undefined);
    assert.deepStrictEqual(run.warnings, []);
  });

  it("username and password sign in with the deprecation warning", async () => {
    const run = await probe({
      authenticationMethod: "usernamePassword",
      tenantId: emu.tenantId,
      clientId: DEFAULT_PUBLIC_CLIENT_ID,
      username: "ada@contoso.com",
      password: "ada-password-1",
    });
    succeeded(run);
    assert.ok(
      run.warnings.some((w) => /deprecated by Microsoft and fails as soon as the account needs MFA/.test(w)),
      run.warnings.join(" | "),
    );
    if (run.variables.RefreshToken) secrets.push(run.variables.RefreshToken.value);
  });

  it("goes through the agent's proxy (Agent.ProxyUrl) for Entra, Azure DevOps and the variable group", async () => {
    const log = path.join(tempDir, "proxy.log");
    const proxy = fork(path.join(__dirname, "fixtures", "connect-proxy.js"), [log], { stdio: ["ignore", "ignore", "inherit", "ipc"] });
    try {
      const port = await new Promise<number>((resolve, reject) => {
        proxy.once("message", (m: unknown) => resolve((m as { port: number }).port));
        proxy.once("error", reject);
      });
      const run = await probe(rtInputs(await refreshToken(), { refreshTokenVariableGroup: "pat-lifecycle" }), {
        accessToken: await jobToken(true),
        env: { AGENT_PROXYURL: `http://127.0.0.1:${port}` },
      });
      succeeded(run);
      secrets.push((await emu.variableGroup("contoso", groupId)).secrets.PatLifecycleRefreshToken);
      const tunnels = fs.readFileSync(log, "utf8").trim().split("\n");
      const hostOf = (url: string) => new URL(url).host;
      for (const host of [hostOf(emu.authorityHost), hostOf(emu.vsspsUrl), hostOf(emu.devopsUrl)]) {
        assert.ok(tunnels.includes(host), `a tunnel to ${host} (got ${tunnels.join(", ")})`);
      }
    } finally {
      proxy.kill();
    }
  });

  describe("input errors name the input", () => {
    it("an app-only access token is refused with the reason", async () => {
      const token = await emu.issueAccessToken(null);
      secrets.push(token);
      failedWith(
        await probe({ authenticationMethod: "accessToken", accessToken: token }),
        /app-only token \(a service principal or managed identity\)/,
      );
    });

    it("a service principal method is refused with the reason", async () => {
      failedWith(
        await probe({ authenticationMethod: "servicePrincipal" }),
        /authenticationMethod 'servicePrincipal' cannot be used: the PAT Lifecycle API accepts only a delegated Microsoft Entra user token/,
      );
    });

    it("a client secret without a refresh token is refused as a service principal", async () => {
      secrets.push("client-secret-value-1");
      failedWith(
        await probe({
          authenticationMethod: "refreshToken",
          tenantId: emu.tenantId,
          clientId: "some-app",
          clientSecret: "client-secret-value-1",
        }),
        /A client ID and client secret without a refresh token \(a service principal\) cannot be used/,
      );
    });

    it("a missing refresh token is named", async () => {
      failedWith(
        await probe({ authenticationMethod: "refreshToken", tenantId: emu.tenantId, clientId: DEFAULT_PUBLIC_CLIENT_ID }),
        /The input 'refreshToken' is required when authenticationMethod is 'refreshToken'\./,
      );
    });

    it("an undefined pipeline variable is named instead of being sent to Entra", async () => {
      failedWith(
        await probe(rtInputs("$(PatLifecycleRefreshToken)")),
        /The input 'refreshToken' holds the unexpanded macro '\$\(PatLifecycleRefreshToken\)'/,
      );
    });

    it("an unknown method lists the accepted ones", async () => {
      failedWith(
        await probe({ authenticationMethod: "magic" }),
        /The input 'authenticationMethod' must be one of connection, refreshToken, accessToken, usernamePassword; got 'magic'\./,
      );
    });

    it("a task's own boolean input accepts only true or false", async () => {
      failedWith(
        await probe({ ...rtInputs("unused-refresh-token"), probeVerbose: "yes" }),
        /The input 'probeVerbose' must be true or false; got 'yes'\./,
      );
    });

    it("a task's own integer input is checked with its range", async () => {
      failedWith(
        await probe({ ...rtInputs("unused-refresh-token"), probeDays: "soon" }),
        /The input 'probeDays' must be a whole number from 1 to 365; got 'soon'\./,
      );
    });
  });
});
