/**
 * The packaged tasks trust the CA the agent is configured with (Agent.CAInfo, which the agent passes as
 * AGENT_CAINFO) and nothing else: the emulator's CA is given only that way, with no NODE_EXTRA_CA_CERTS.
 */
import * as assert from "assert";
import { packagedTaskSuite, runPackagedTask } from "../support/packaged-task";
import { parseTaskOutput } from "../support/task";

const NOW = "2026-11-23T09:00:00Z";
const CLIENT_ID = "pat-lifecycle-test-client";

describe("the packaged tasks with the agent's CA bundle (Agent.CAInfo)", function () {
  this.timeout(300_000);
  const packaged = packagedTaskSuite({ now: NOW, user: { displayName: "Proxy User", principalName: "tls@contoso.com" } });

  before(async () => {
    await packaged.emulator.addPat(packaged.userId, {
      displayName: "behind-the-proxy",
      scope: "vso.code",
      validTo: "2026-11-25T00:00:00Z",
      organizations: ["contoso"],
    });
  });

  function run(task: string, inputs: Record<string, string>, trust: Record<string, string>) {
    const { NODE_EXTRA_CA_CERTS: _notPassed, ...endpoints } = packaged.emulator.env;
    const env = {
      ...endpoints,
      ...trust,
      PAT_LIFECYCLE_NOW: NOW,
      SYSTEM_COLLECTIONURI: `${packaged.emulator.devopsUrl}/contoso/`,
      SYSTEM_TEAMPROJECT: "Fabrikam",
    };
    const auth = {
      authenticationMethod: "refreshToken",
      tenantId: packaged.emulator.tenantId,
      clientId: CLIENT_ID,
      refreshToken: packaged.refreshToken,
      organization: "contoso",
    };
    const child = runPackagedTask(packaged.unpacked, task, { ...auth, ...inputs }, env);
    const r = parseTaskOutput(child.stdout, child.stderr);
    packaged.refreshToken = r.variables.RefreshToken?.value ?? packaged.refreshToken;
    return r;
  }

  it("without the agent's CA the emulator is not trusted: Entra sign-in fails on the certificate", () => {
    const r = run("CheckPatExpiryV1", { subject: "mine" }, {});
    assert.strictEqual(r.result, "Failed", r.stdout);
    assert.match(r.errors.join("\n"), /certificate/i);
  });

  it("CheckPatExpiry succeeds with the CA given only as Agent.CAInfo", () => {
    const r = run(
      "CheckPatExpiryV1",
      { subject: "mine", warnWithinDays: "14", failWithinDays: "1" },
      { AGENT_CAINFO: packaged.emulator.caFile },
    );
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
      { AGENT_CAINFO: packaged.emulator.caFile },
    );
    assert.strictEqual(r.result, "Succeeded", r.stdout);
    const live = (await packaged.emulator.pats(packaged.userId)).filter((p) => p.displayName === "behind-the-proxy" && !p.revoked);
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
