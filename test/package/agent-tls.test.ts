/**
 * The packaged tasks trust the CA the agent is configured with (Agent.CAInfo, which the agent passes as
 * AGENT_CAINFO) and nothing else: the emulator's CA is given only that way, with no NODE_EXTRA_CA_CERTS.
 */
import * as assert from "assert";
import * as fs from "fs";
import { startEmulator, type Emulator } from "../emulator/client";
import { packageExtension, runPackagedTask } from "../support/packaged-task";
import { parseTaskOutput } from "../support/task";

const NOW = "2026-11-23T09:00:00Z";
const CLIENT_ID = "pat-lifecycle-test-client";

describe("the packaged tasks with the agent's CA bundle (Agent.CAInfo)", function () {
  this.timeout(300_000);
  let unpacked: string;
  let emulator: Emulator;
  let userId: string;
  let refreshToken: string;

  before(async () => {
    unpacked = packageExtension().unpacked;
    emulator = await startEmulator({ now: NOW });
    await emulator.addOrganization("contoso");
    userId = (await emulator.addUser({ displayName: "Proxy User", principalName: "tls@contoso.com", organizations: ["contoso"] })).id;
    await emulator.addPat(userId, {
      displayName: "behind-the-proxy",
      scope: "vso.code",
      validTo: "2026-11-25T00:00:00Z",
      organizations: ["contoso"],
    });
    refreshToken = await emulator.issueRefreshToken(userId, CLIENT_ID);
  });

  after(async () => {
    await emulator?.stop();
    if (unpacked) fs.rmSync(unpacked, { recursive: true, force: true });
  });

  function run(task: string, inputs: Record<string, string>, trust: Record<string, string>) {
    const { NODE_EXTRA_CA_CERTS: _notPassed, ...endpoints } = emulator.env;
    const env = {
      ...endpoints,
      ...trust,
      PAT_LIFECYCLE_NOW: NOW,
      SYSTEM_COLLECTIONURI: `${emulator.devopsUrl}/contoso/`,
      SYSTEM_TEAMPROJECT: "Fabrikam",
    };
    const auth = {
      authenticationMethod: "refreshToken",
      tenantId: emulator.tenantId,
      clientId: CLIENT_ID,
      refreshToken,
      organization: "contoso",
    };
    const child = runPackagedTask(unpacked, task, { ...auth, ...inputs }, env);
    const r = parseTaskOutput(child.stdout, child.stderr);
    refreshToken = r.variables.RefreshToken?.value ?? refreshToken;
    return r;
  }

  it("without the agent's CA the emulator is not trusted: Entra sign-in fails on the certificate", () => {
    const r = run("CheckPatExpiryV1", { subject: "mine" }, {});
    assert.strictEqual(r.result, "Failed", r.stdout);
    assert.match(r.errors.join("\n"), /certificate/i);
  });

  it("CheckPatExpiry succeeds with the CA given only as Agent.CAInfo", () => {
    const r = run("CheckPatExpiryV1", { subject: "mine", warnWithinDays: "14", failWithinDays: "1" }, { AGENT_CAINFO: emulator.caFile });
    assert.strictEqual(r.result, "SucceededWithIssues", r.stdout);
    assert.ok(
      r.warnings.some((w) => w.includes("behind-the-proxy")),
      r.stdout,
    );
  });

  it("RotatePat rotates with the CA given only as Agent.CAInfo", async () => {
    const r = run(
      "RotatePatV1",
      { displayName: "behind-the-proxy", action: "rotate", lifetimeDays: "30" },
      { AGENT_CAINFO: emulator.caFile },
    );
    assert.strictEqual(r.result, "Succeeded", r.stdout);
    const live = (await emulator.pats(userId)).filter((p) => p.displayName === "behind-the-proxy" && !p.revoked);
    assert.strictEqual(live.length, 1);
    assert.strictEqual(r.variables.NewPat?.value, live[0].token);
  });

  it("an Agent.CAInfo that does not exist fails the run with a sentence naming it", () => {
    const r = run("CheckPatExpiryV1", { subject: "mine" }, { AGENT_CAINFO: "/nonexistent/ca.pem" });
    assert.strictEqual(r.result, "Failed", r.stdout);
    assert.deepStrictEqual(r.errors, [
      "The agent's Agent.CAInfo points at '/nonexistent/ca.pem', which does not exist: fix the agent's certificate settings (config.sh --sslcacert / --sslclientcert) or the file.",
    ]);
  });
});
