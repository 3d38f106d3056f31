/**
 * The organization scan's audit log reading, from the PACKAGED CheckPatExpiry against the emulator: PATs found
 * in public or revoked by Azure DevOps in the last N days, across continuation pages, in the log, the summary
 * and the JSON report; a sign-in that may not read the log is told so and the check goes on; shards read it once.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { type Emulator } from "../../emulator/client";
import { packagedTaskEntry } from "../../support/packaged-task";
import { startSeededEmulator } from "../../support/seeded-emulator";
import { assertNoSecrets, visibleTaskOutput } from "../../support/secrets";
import { ownWarnings, runTaskProcess, type TaskRun } from "../../support/task";

const NOW = "2026-11-23T10:00:00.000Z";
const daysAgo = (d: number) => new Date(Date.parse(NOW) - d * 86_400_000).toISOString();

describe("CheckPatExpiry audit log (packaged task)", function () {
  this.timeout(300_000);
  let emu: Emulator;
  let entry: string;
  let unpacked: string;
  let auditPat: string;
  let plainPat: string;
  let secrets: string[];
  const tempDirs: string[] = [];

  before(async () => {
    ({ entry, unpacked } = packagedTaskEntry("CheckPatExpiryV1"));
    const seeded = await startSeededEmulator({ now: NOW, ada: { tokenAdminOf: ["contoso"] } });
    emu = seeded.emu;
    await emu.configure({ auditPageSize: 50 });
    const admin = (scope: string) =>
      emu.addPat(seeded.ada.id, {
        displayName: `admin ${scope}`,
        validTo: "2027-06-01T00:00:00Z",
        scope,
        validFrom: "2026-10-01T00:00:00Z",
        organizations: ["contoso"],
      });
    auditPat = (await admin("vso.tokenadministration vso.graph vso.auditlog")).token;
    plainPat = (await admin("vso.tokenadministration vso.graph")).token;
    const created = Array.from({ length: 120 }, (_, i) => ({
      actionId: "Token.PatCreateEvent",
      timestamp: daysAgo(1 + (i % 20)),
      data: { DisplayName: `pat-${i}` },
      actorUPN: "ada@contoso.com",
    }));
    await emu.addAuditEvents("contoso", [
      ...created,
      { actionId: "Token.PatPublicDiscoveryEvent", timestamp: daysAgo(2), data: { DisplayName: "leaky-ci", OwnerName: "Bob Builder" } },
      {
        actionId: "Token.PatSystemRevokeEvent",
        timestamp: daysAgo(5),
        data: { DisplayName: "leaky-##vso[task.setvariable variable=x]1", OwnerName: "Cy Calm" },
      },
      { actionId: "Token.PatExpiredEvent", timestamp: daysAgo(3), data: { DisplayName: "old" } },
      {
        actionId: "Token.PatPublicDiscoveryEvent",
        timestamp: daysAgo(45),
        data: { DisplayName: "too-old-leak", OwnerName: "Bob Builder" },
      },
      { actionId: "Git.RepositoryCreated", timestamp: daysAgo(1), data: {} },
    ]);
    secrets = (await emu.pats()).map((p) => p.token);
  });

  after(async () => {
    await emu?.stop();
    if (unpacked) fs.rmSync(unpacked, { recursive: true, force: true });
    for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  async function check(inputs: Record<string, string>): Promise<TaskRun> {
    // The report and summary stay in the agent's temp folder, kept until the end of the file.
    const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "check-audit-"));
    tempDirs.push(tempDir);
    const run = await runTaskProcess({
      task: "CheckPatExpiryV1",
      entry,
      inputs: { subject: "organization", ...inputs },
      env: {
        ...emu.env,
        PAT_LIFECYCLE_NOW: NOW,
        SYSTEM_COLLECTIONURI: `${emu.devopsUrl}/contoso/`,
        SYSTEM_TEAMPROJECT: "Fabrikam",
        AGENT_TEMPDIRECTORY: tempDir,
      },
    });
    assertNoSecrets(visibleTaskOutput(run.stdout, run.stderr), secrets);
    return run;
  }

  it("reports PATs found in public or revoked by Azure DevOps, with owner and date, across audit pages", async () => {
    await emu.clearRequests();
    const run = await check({ adminPat: auditPat, auditDays: "30" });
    assert.strictEqual(run.result, "SucceededWithIssues", run.stdout);
    const warnings = ownWarnings(run);
    assert.ok(
      warnings.includes(
        "PAT 'leaky-ci' of Bob Builder was found in a public repository (audit log, 2026-11-21 10:00 UTC). Azure DevOps revokes such PATs: make sure its consumers got a new one, and find out how it leaked.",
      ),
      warnings.join("\n"),
    );
    assert.ok(
      warnings.some((w) =>
        /^PAT 'leaky-##_vso\[task\.setvariable variable=x\]1' of Cy Calm was revoked by Azure DevOps \(audit log, 2026-11-18 10:00 UTC\)/.test(
          w,
        ),
      ),
      warnings.join("\n"),
    );
    assert.ok(!warnings.some((w) => w.includes("too-old-leak")), "older than auditDays");
    assert.match(run.stdout, /Audit log, last 30 days: 2 PAT\(s\) found in public or revoked by Azure DevOps\./);

    const pages = (await emu.requests()).filter((r) => /\/_apis\/audit\/auditlog$/i.test(r.path));
    assert.strictEqual(pages.length, 3, "124 entries in the window, 50 per page");
    assert.ok(
      pages.slice(1).every((r) => r.query.continuationToken),
      "later pages follow the continuation token",
    );

    const report = JSON.parse(fs.readFileSync(run.variables.ReportPath.value, "utf8"));
    assert.deepStrictEqual(
      report.incidents.map((i: { kind: string; patName: string; owner: string; at: string }) => [i.kind, i.patName, i.owner, i.at]),
      [
        ["foundInPublic", "leaky-ci", "Bob Builder", daysAgo(2)],
        ["revokedBySystem", "leaky-##vso[task.setvariable variable=x]1", "Cy Calm", daysAgo(5)],
      ],
    );
    assert.deepStrictEqual(report.auditLog.eventCounts, {
      "Token.PatCreateEvent": 120,
      "Token.PatPublicDiscoveryEvent": 1,
      "Token.PatSystemRevokeEvent": 1,
      "Token.PatExpiredEvent": 1,
    });
    assert.strictEqual(report.totals.incidents, 2);
    const summary = fs.readFileSync(run.commands.find((c) => c.name === "task.uploadsummary")!.message, "utf8");
    assert.match(summary, /\*\*PATs found in public or revoked by Azure DevOps \(2, last 30 days\)\*\*/);
    assert.match(summary, /\| found in public \| leaky-ci \| Bob Builder \| 2026-11-21 10:00 UTC \|/);
  });

  it("says plainly when the sign-in may not read the audit log, and the check goes on", async () => {
    const run = await check({ adminPat: plainPat, auditDays: "30" });
    assert.match(
      run.stdout,
      /Audit log not read: the sign-in may not read it \(it needs the View audit log permission and the scope vso\.auditlog\)\. Azure DevOps said: TF400813/,
    );
    assert.match(run.stdout, /1 user\(s\) scanned/);
    const report = JSON.parse(fs.readFileSync(run.variables.ReportPath.value, "utf8"));
    assert.strictEqual(report.auditLog.read, false);
    assert.deepStrictEqual(report.incidents, []);
  });

  it("with shards, only shard 1 reads the audit log", async () => {
    await emu.clearRequests();
    const second = await check({ adminPat: auditPat, shard: "2/2" });
    assert.match(second.stdout, /Audit log not read: shard 2 of 2 leaves the audit log to shard 1\./);
    assert.strictEqual((await emu.requests()).filter((r) => /audit/i.test(r.path)).length, 0);
  });
});
