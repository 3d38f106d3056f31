/**
 * What a pipeline variable cannot do to the packaged tasks: send a credential to another host, move the
 * clock, or forge a logging command through a PAT name. The tasks run from the unpacked .vsix under a
 * preload that records every DNS lookup and socket connect of the task process.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { packagedTaskSuite, runPackagedTask } from "../support/packaged-task";
import { assertNoSecrets, visibleTaskOutput } from "../support/secrets";
import { parseTaskOutput } from "../support/task";

const TASKS = ["CheckPatExpiryV1", "RotatePatV1"];
const OVERRIDES = ["PAT_LIFECYCLE_VSSPS_URL", "PAT_LIFECYCLE_DEVOPS_URL", "PAT_LIFECYCLE_AUTHORITY_HOST"];
const ELSEWHERE = "https://login.attacker.example";
const NOW = "2026-11-23T09:00:00Z";
const CLIENT_ID = "pat-lifecycle-test-client";
const recorder = path.resolve(__dirname, "..", "support", "network-recorder.js");
/** A name carrying a line break and logging commands, as any user may name their PAT. */
const FORGING_NAME = "deploy\n##vso[task.setvariable variable=Hijacked]pwned\r##[error]forged\n##vso[task.prependpath]/tmp/evil";

describe("the packaged tasks refuse what a pipeline variable must not change", function () {
  this.timeout(300_000);
  const packaged = packagedTaskSuite({ now: NOW, user: { displayName: "Refusal Tester", principalName: "refusal@contoso.com" } });
  const tempDirs: string[] = [];

  after(() => {
    for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Runs a task under the network recorder; `env` replaces the emulator's environment entirely when given. */
  function run(task: string, inputs: Record<string, string>, env: Record<string, string>) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "refusal-"));
    tempDirs.push(dir);
    const networkLog = path.join(dir, "network.jsonl");
    const child = runPackagedTask(
      packaged.unpacked,
      task,
      {
        authenticationMethod: "refreshToken",
        tenantId: packaged.emulator.tenantId,
        clientId: CLIENT_ID,
        refreshToken: packaged.refreshToken,
        organization: "contoso",
        ...inputs,
      },
      {
        SYSTEM_COLLECTIONURI: `${packaged.emulator.devopsUrl}/contoso/`,
        SYSTEM_TEAMPROJECT: "Fabrikam",
        AGENT_TEMPDIRECTORY: dir,
        PAT_TEST_NETWORK_LOG: networkLog,
        ...env,
      },
      { nodeArgs: ["-r", recorder] },
    );
    const network = fs.existsSync(networkLog)
      ? fs
          .readFileSync(networkLog, "utf8")
          .trim()
          .split("\n")
          .filter(Boolean)
          .map((l) => JSON.parse(l) as { kind: string; target: string })
      : [];
    return { ...parseTaskOutput(child.stdout, child.stderr), network };
  }

  const taskInputs: Record<string, Record<string, string>> = {
    CheckPatExpiryV1: { subject: "mine" },
    RotatePatV1: { displayName: "anything", action: "rotate" },
  };

  function assertRefused(r: ReturnType<typeof run>, sentence: string): void {
    assert.strictEqual(r.result, "Failed", r.stdout);
    assert.deepStrictEqual(r.errors, [sentence]);
    assert.strictEqual(r.stderr, "");
    assert.ok(!/\n\s+at /.test(r.stdout), `a stack trace in:\n${r.stdout}`);
    assert.deepStrictEqual(r.network, [], "the task resolved or connected before it refused");
  }

  for (const task of TASKS) {
    for (const name of OVERRIDES) {
      it(`${task} fails naming ${name} when it points at another host, before any lookup or connection`, () => {
        const r = run(task, taskInputs[task], { ...packaged.emulator.env, [name]: ELSEWHERE });
        assertRefused(
          r,
          `${name} is set to 'login.attacker.example', but it can only point at the local emulator (a loopback address such as https://127.0.0.1:8443): ` +
            "remove it from the pipeline's variables, variable groups and queue-time values (or from your environment), as the real services need no override.",
        );
        assert.ok(!r.network.some((n) => n.target.includes("attacker.example")));
      });
    }

    it(`${task} fails naming PAT_LIFECYCLE_NOW when the endpoints are the real services`, () => {
      const r = run(task, taskInputs[task], { PAT_LIFECYCLE_NOW: "2026-01-01T00:00:00Z" });
      assertRefused(
        r,
        "PAT_LIFECYCLE_NOW is set, but it can only be used with the local emulator (all of PAT_LIFECYCLE_VSSPS_URL, PAT_LIFECYCLE_DEVOPS_URL, PAT_LIFECYCLE_AUTHORITY_HOST pointing at a loopback address): " +
          "remove it from the pipeline's variables, variable groups and queue-time values (or from your environment), as this run talks to the real services on the real clock.",
      );
    });
  }

  describe("a PAT whose name carries logging commands", () => {
    let authorizationId: string;

    before(async () => {
      authorizationId = (
        await packaged.emulator.addPat(packaged.userId, {
          displayName: FORGING_NAME,
          scope: "vso.code",
          validTo: "2026-11-25T00:00:00Z",
          organizations: ["contoso"],
        })
      ).authorizationId;
    });

    /** No line of the output is a command the name carried; the task's own commands are all there. */
    function assertNothingForged(r: ReturnType<typeof run>): void {
      for (const line of r.stdout.split(/\r\n|\r|\n/)) {
        assert.ok(!/^\s*##\[/.test(line), `a formatting command in the log: ${line}`);
        const marker = line.indexOf("##vso[");
        if (marker >= 0)
          assert.match(
            line.slice(marker),
            /^##vso\[task\.(debug|setvariable variable=(RefreshToken|NewPat|NewAuthorizationId|NewValidTo|Rotated|ExpiringCount|ExpiredCount|NextExpiry|ReportPath);|setsecret|issue|complete|uploadsummary)\b/,
            `a forged command: ${line}`,
          );
      }
      assert.ok(!("Hijacked" in r.variables));
      assert.ok(!r.commands.some((c) => c.name === "task.prependpath"));
      assert.ok(r.stdout.includes("##_vso[task.setvariable variable=Hijacked]"), "the name is not shown neutralized");
    }

    it("CheckPatExpiry lists it, and its log, summary and JSON report carry the name as inert text", () => {
      const r = run(
        "CheckPatExpiryV1",
        { subject: "mine", warnWithinDays: "14", failWithinDays: "1" },
        { ...packaged.emulator.env, PAT_LIFECYCLE_NOW: NOW },
      );
      packaged.refreshToken = r.variables.RefreshToken?.value ?? packaged.refreshToken;
      assert.strictEqual(r.result, "SucceededWithIssues", r.stdout);
      assertNothingForged(r);
      const summary = fs.readFileSync(r.commands.find((c) => c.name === "task.uploadsummary")!.message, "utf8");
      assert.ok(!/##vso\[|^\s*##\[/m.test(summary), summary);
      const reportText = fs.readFileSync(r.variables.ReportPath.value, "utf8");
      assert.ok(!/##vso\[|##\[/.test(reportText), reportText);
      assert.ok(
        (JSON.parse(reportText) as { pats: Array<{ displayName: string }> }).pats.some((p) => p.displayName === FORGING_NAME),
        "the JSON report does not hold the exact name",
      );
    });

    it("RotatePat rotates it by authorizationId without a forged command in its log", async () => {
      const r = run(
        "RotatePatV1",
        { authorizationId, action: "rotate", lifetimeDays: "30" },
        { ...packaged.emulator.env, PAT_LIFECYCLE_NOW: NOW },
      );
      packaged.refreshToken = r.variables.RefreshToken?.value ?? packaged.refreshToken;
      assert.strictEqual(r.result, "Succeeded", r.stdout);
      assertNothingForged(r);
      const pats = await packaged.emulator.pats(packaged.userId);
      assert.ok(pats.find((p) => p.authorizationId === authorizationId)?.revoked, "the old PAT is not revoked");
      const current = pats.find((p) => p.displayName === FORGING_NAME && !p.revoked)!;
      assert.strictEqual(r.variables.NewPat?.value, current.token);
      assertNoSecrets(visibleTaskOutput(r.stdout, r.stderr), [current.token, packaged.refreshToken]);
    });
  });
});
