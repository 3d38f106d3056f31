/**
 * CheckPatExpiry as a real task process (MockTestRunner, real task-lib) against the emulator over
 * HTTPS, with the task's clock and the emulator's clock both fixed at NOW.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Emulator } from "../../emulator/client";
import { startSeededEmulator } from "../../support/seeded-emulator";
import { assertNoSecrets, visibleTaskOutput } from "../../support/secrets";
import { ownWarnings, runTaskProcess, type TaskRun } from "../../support/task";

const NOW = "2026-11-23T10:00:00.000Z";
const CLIENT_ID = "pat-lifecycle-test-client";

interface Fixture {
  emulator: Emulator;
  refreshToken: string;
  adminPat: string;
  secrets: string[];
}

describe("CheckPatExpiryV1 task", function () {
  this.timeout(180_000);
  let f: Fixture;
  const tempDirs: string[] = [];

  before(async () => {
    const { emu: emulator, ada } = await startSeededEmulator({ now: NOW, ada: { tokenAdminOf: ["contoso"] } });
    const add = (displayName: string, validTo: string, extra: Record<string, unknown> = {}) =>
      emulator.addPat(ada.id, {
        displayName,
        validTo,
        scope: "vso.code",
        validFrom: "2026-10-01T00:00:00Z",
        organizations: ["contoso"],
        ...extra,
      });
    await add("exactly-3-days", "2026-11-26T08:00:00Z");
    await add("exactly-14-days", "2026-12-07T00:00:00Z");
    await add("fifteen-days", "2026-12-08T00:00:00Z");
    await add("expired-yesterday", "2026-11-22T23:00:00Z");
    await add("today-elsewhere", "2026-11-24T02:00:00+05:00"); // 21:00 UTC today
    await add("global-pat", "2027-03-01T00:00:00Z", { organizations: "global" });
    await add("full-scope", "2027-03-01T00:00:00Z", { scope: "app_token" });
    await add("long-lived", "2027-09-01T00:00:00Z", { validFrom: "2026-09-01T00:00:00Z" });
    await add("revoked-soon", "2026-11-25T00:00:00Z", { revoked: true });
    // Fillers: with the service's 100-per-page limit, 3 pages of active PATs.
    for (let i = 0; i < 205; i++) await add(`filler-${String(i).padStart(3, "0")}`, `2027-0${1 + (i % 6)}-15T00:00:00Z`);
    const admin = await emulator.addPat(ada.id, {
      displayName: "token-admin",
      validTo: "2027-06-01T00:00:00Z",
      scope: "vso.tokenadministration vso.graph",
      organizations: ["contoso"],
    });
    const refreshToken = await emulator.issueRefreshToken(ada.id, CLIENT_ID);
    const pats = await emulator.pats();
    f = { emulator, refreshToken, adminPat: admin.token, secrets: [refreshToken, admin.token, ...pats.map((p) => p.token)] };
  });

  after(async () => {
    await f?.emulator.stop();
    for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  async function check(inputs: Record<string, string>, o: { auth?: boolean } = {}): Promise<TaskRun & { tempDir: string }> {
    const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "check-pat-expiry-"));
    tempDirs.push(tempDir);
    const auth: Record<string, string> =
      o.auth === false
        ? {}
        : { authenticationMethod: "refreshToken", tenantId: f.emulator.tenantId, clientId: CLIENT_ID, refreshToken: f.refreshToken };
    const run = await runTaskProcess({
      task: "CheckPatExpiryV1",
      inputs: { ...auth, ...inputs },
      // Public pipeline variables reach the real task-lib as the agent passes them: environment variables.
      env: {
        ...f.emulator.env,
        PAT_LIFECYCLE_NOW: NOW,
        SYSTEM_COLLECTIONURI: `${f.emulator.devopsUrl}/contoso/`,
        SYSTEM_TEAMPROJECT: "Fabrikam",
        AGENT_TEMPDIRECTORY: tempDir,
      },
    });
    const rotated = run.variables.RefreshToken?.value;
    assertNoSecrets(visibleTaskOutput(run.stdout, run.stderr), [...f.secrets, rotated, inputs.adminPat, inputs.refreshToken]);
    return { ...run, tempDir };
  }

  const summaryOf = (run: TaskRun) => {
    const upload = run.commands.find((c) => c.name === "task.uploadsummary");
    assert.ok(upload, `no summary uploaded:\n${run.stdout}`);
    return fs.readFileSync(upload.message, "utf8");
  };
  const reportOf = (run: TaskRun) => JSON.parse(fs.readFileSync(run.variables.ReportPath.value, "utf8"));
  const names = (lines: string[]) => lines.map((l) => /PAT '([^']+)'/.exec(l)?.[1] ?? l);
  /** The check's own warnings; sign-in adds its own (the rotated refresh token is not saved in these runs). */

  it("my PATs: boundaries, flags, paging, log lines, summary, report and outputs", async () => {
    await f.emulator.clearRequests();
    const run = await check({ subject: "mine" });
    assert.strictEqual(run.result, "Failed", run.stdout);
    assert.deepStrictEqual(names(run.errors.slice(0, 2)), ["today-elsewhere", "exactly-3-days"]);
    assert.match(run.errors[0], /PAT 'today-elsewhere' expires 2026-11-23 21:00 UTC \(today\)\. Scope: vso\.code\./);
    assert.match(run.errors[1], /PAT 'exactly-3-days' expires 2026-11-26 08:00 UTC \(in 3 days\)/);
    assert.match(run.errors[2], /Result: PATs have expired or break within the fail window/);
    assert.deepStrictEqual(names(ownWarnings(run)), ["global-pat", "exactly-14-days", "full-scope"]);
    assert.match(
      ownWarnings(run)[0],
      /PAT 'global-pat' stops working 2026-12-01 00:00 UTC \(in 8 days\), when global PATs end\. .*Flags: global/,
    );
    assert.match(ownWarnings(run)[1], /PAT 'exactly-14-days' expires 2026-12-07 00:00 UTC \(in 14 days\)/);
    assert.match(ownWarnings(run)[2], /PAT 'full-scope' .*Flags: full scope \(app_token\)\./);
    for (const quiet of ["fifteen-days", "expired-yesterday", "revoked-soon", "filler-000", "long-lived"]) {
      assert.ok(!run.stdout.includes(`'${quiet}'`), `${quiet} needs no attention`);
    }
    assert.match(run.stdout, /Read 213 PAT\(s\) in 3 page\(s\)\./);
    assert.match(
      run.stdout,
      /213 PAT\(s\) checked: 0 expired, 2 break within 3 days, 2 more within 14 days, 209 later; 2 carry a risk flag\./,
    );

    const pages = (await f.emulator.requests()).filter((r) => /\/_apis\/tokens\/pats$/i.test(r.path) && r.method === "GET");
    assert.strictEqual(pages.length, 3, "three pages of 100");
    assert.ok(
      pages.slice(1).every((r) => r.query.continuationToken),
      "pages 2 and 3 follow the continuation token",
    );

    assert.deepStrictEqual(
      { expiring: run.variables.ExpiringCount?.value, expired: run.variables.ExpiredCount?.value, next: run.variables.NextExpiry?.value },
      { expiring: "4", expired: "0", next: "2026-11-23T21:00:00.000Z" },
    );
    assert.ok(run.variables.ExpiringCount.isOutput, "set as an output variable");
    assert.strictEqual(path.dirname(run.variables.ReportPath.value), run.tempDir);

    const md = summaryOf(run);
    assert.match(md, /^### PAT expiry: my PATs in contoso$/m);
    const rows = md
      .split("\n")
      .filter((l) => /^\| (⛔|🔴|🟠|🟡)/.test(l))
      .map((l) => l.split(" | ")[1]);
    assert.deepStrictEqual(rows, ["today-elsewhere", "exactly-3-days", "global-pat", "exactly-14-days", "full-scope"]);

    const report = reportOf(run);
    assert.strictEqual(report.outcome, "Failed");
    assert.strictEqual(report.pats.length, 213);
    assert.deepStrictEqual(report.pats.find((p: { displayName: string }) => p.displayName === "long-lived").flags, []);
  });

  it("includeExpired, nameFilter and maxLifetimeDays", async () => {
    const run = await check({ subject: "mine", includeExpired: "true", nameFilter: "expired-*;long-*;fifteen*", maxLifetimeDays: "180" });
    assert.strictEqual(run.result, "Failed");
    assert.deepStrictEqual(names(run.errors.slice(0, -1)), ["expired-yesterday"]);
    assert.match(run.errors[0], /PAT 'expired-yesterday' expired 2026-11-22 23:00 UTC \(yesterday\)/);
    assert.deepStrictEqual(names(ownWarnings(run)), ["long-lived"]);
    assert.match(ownWarnings(run)[0], /Flags: lifetime 365 days \(policy 180\)\./);
    assert.strictEqual(run.variables.ExpiredCount.value, "1");
    assert.strictEqual(run.variables.ExpiringCount.value, "0");
    assert.strictEqual(run.variables.NextExpiry.value, "2026-12-08T00:00:00.000Z");
  });

  it("nothing needing attention succeeds, and flags can be turned off", async () => {
    const run = await check({ subject: "mine", nameFilter: "global-pat;full-scope;filler-*", flagGlobal: "false", flagFullScope: "false" });
    assert.strictEqual(run.result, "Succeeded", run.stdout);
    assert.deepStrictEqual([run.errors, ownWarnings(run)], [[], []]);
    assert.match(run.stdout, /Result: no PAT needs attention\./);
    assert.match(summaryOf(run), /No PAT needs attention\./);
    assert.strictEqual(run.variables.ExpiringCount.value, "0");
  });

  it("warnings only: succeeds with issues", async () => {
    const run = await check({ subject: "mine", nameFilter: "exactly-14-days" });
    assert.strictEqual(run.result, "SucceededWithIssues", run.stdout);
    assert.deepStrictEqual(names(ownWarnings(run)), ["exactly-14-days", "Result: some PATs need attention soon (see the warnings)."]);
  });

  it("a sign-in failure carries the sign-in message and lists nothing", async () => {
    const ada = (await f.emulator.pats()).find((p) => p.displayName === "exactly-3-days")!.userId;
    const stale = await f.emulator.issueRefreshToken(ada, CLIENT_ID, { ageDays: 91 });
    f.secrets.push(stale);
    await f.emulator.clearRequests();
    const run = await check({ subject: "mine", refreshToken: stale });
    assert.strictEqual(run.result, "Failed");
    assert.strictEqual(run.errors.length, 1);
    assert.match(run.errors[0], /^The refresh token has expired: .*AADSTS700082/);
    assert.ok(!(await f.emulator.requests()).some((r) => /tokens\/pats/i.test(r.path)), "no PAT listed");
  });

  /** Ada's refresh token for an app registration granted exactly these delegated Azure DevOps permissions. */
  async function refreshTokenOfRegistration(clientId: string, azureDevOpsPermissions: string[]): Promise<string> {
    const ada = (await f.emulator.pats()).find((p) => p.displayName === "exactly-3-days")!.userId;
    await f.emulator.registerApp({ clientId, azureDevOpsPermissions });
    const refreshToken = await f.emulator.issueRefreshToken(ada, clientId);
    f.secrets.push(refreshToken);
    return refreshToken;
  }

  it("a read-only app registration (vso.pats) is enough for my PATs; the organization-wide check names what to add, before any call", async () => {
    const readOnly = await refreshTokenOfRegistration("read-only-app", ["vso.pats"]);
    const mine = await check({ subject: "mine", clientId: "read-only-app", refreshToken: readOnly });
    assert.strictEqual(mine.result, "Failed", mine.stdout); // the fixture's PATs need attention: the check ran
    assert.match(mine.stdout, /Read \d+ PAT\(s\) in 3 page\(s\)\./);
    await f.emulator.clearRequests();
    const org = await check({ subject: "organization", clientId: "read-only-app", refreshToken: readOnly });
    assert.strictEqual(org.result, "Failed");
    assert.deepStrictEqual(org.errors, [
      "The organization-wide check (token administration) needs the delegated Azure DevOps permissions vso.tokenadministration and vso.graph, " +
        "which the access token of app registration read-only-app does not have (it has: vso.pats). Add them in the Entra admin center > App registrations > " +
        "read-only-app > API permissions > Add a permission > Azure DevOps > Delegated permissions, then grant admin consent for the tenant " +
        "(or sign in again with `pat-lifecycle login` to consent).",
    ]);
    assert.ok(
      !(await f.emulator.requests()).some((r) => r.service !== "entra" && /tokenadmin|graph|tokens\/pats/i.test(r.path)),
      "nothing asked of Azure DevOps",
    );
  });

  it("a legacy registration (user_impersonation only) is told to add vso.pats, before the PAT API refuses it", async () => {
    const legacy = await refreshTokenOfRegistration("legacy-app", ["user_impersonation"]);
    const run = await check({ subject: "mine", clientId: "legacy-app", refreshToken: legacy });
    assert.strictEqual(run.result, "Failed");
    assert.strictEqual(run.errors.length, 1);
    assert.match(
      run.errors[0],
      /^Listing your PATs needs the delegated Azure DevOps permission vso\.pats, which the access token of app registration legacy-app does not have \(it has: user_impersonation\)\. Add it in the Entra admin center > App registrations > legacy-app > API permissions/,
    );
  });

  describe("organization mode", () => {
    const userCount = 60;
    let failing: { descriptor: string; principalName: string };
    before(async () => {
      await f.emulator.configure({ graphPageSize: 25 }); // Ada + 60 users: three pages
      for (let i = 0; i < userCount; i++) {
        const u = await f.emulator.addUser({ displayName: `User ${i}`, principalName: `user${i}@contoso.com`, organizations: ["contoso"] });
        if (i % 10 === 0)
          await f.emulator.addPat(u.id, { displayName: `user${i}-deploy`, validTo: "2026-11-25T00:00:00Z", organizations: ["contoso"] });
        if (i === 42) failing = u;
        if (i === 7) {
          await f.emulator.addPat(u.id, { displayName: "user7-old", validTo: "2026-11-01T00:00:00Z", organizations: ["contoso"] });
          await f.emulator.addPat(u.id, {
            displayName: "user7-revoked",
            validTo: "2026-11-30T00:00:00Z",
            organizations: ["contoso"],
            revoked: true,
          });
        }
      }
      f.secrets.push(...(await f.emulator.pats()).map((p) => p.token));
    });
    afterEach(() => f.emulator.clearFaults());

    it("scans every user over several pages, reports a user whose PATs cannot be read, logs progress", async () => {
      await f.emulator.addFault({
        path: `tokenadmin/personalaccesstokens/${escapeRegExp(failing.descriptor)}`,
        kind: "status",
        status: 500,
      });
      await f.emulator.clearRequests();
      const run = await check({ subject: "organization", nameFilter: "user*-deploy" });
      assert.strictEqual(run.result, "Failed", run.stdout);
      const graphPages = (await f.emulator.requests()).filter((r) => /graph\/users$/i.test(r.path));
      assert.ok(graphPages.length >= 2, `users over ${graphPages.length} page(s)`);
      assert.match(run.stdout, new RegExp(`Found ${userCount + 1} user\\(s\\); this job scans ${userCount + 1} of them\\.`));
      assert.match(run.stdout, new RegExp(`users ${userCount + 1}/${userCount + 1}`));
      assert.strictEqual(
        run.errors.filter((e) => /^PAT 'user\d+-deploy' of User \d+ \(user\d+@contoso\.com\) expires 2026-11-25/.test(e)).length,
        6,
      );
      const unreadable = ownWarnings(run).filter((w) => w.startsWith("Could not read the PATs of"));
      assert.deepStrictEqual(unreadable.length, 1);
      assert.match(unreadable[0], /Could not read the PATs of User 42 \(user42@contoso\.com\), so they were not checked: .*500/);
      assert.match(run.stdout, new RegExp(`${userCount + 1} user\\(s\\) scanned; the PATs of 1 could not be read\\.`));
      assert.match(summaryOf(run), /Users whose PATs could not be read \(1\)/);
      assert.strictEqual(reportOf(run).totals.usersUnreadable, 1);
    });

    it("backs off on 429 with Retry-After and still reads every user", async () => {
      await f.emulator.addFault({ path: "tokenadmin/personalaccesstokens/", kind: "status", status: 429, retryAfterSec: 1, times: 3 });
      await f.emulator.clearRequests();
      const run = await check({ subject: "organization", nameFilter: "user*-deploy" });
      assert.match(
        run.stdout,
        /Azure DevOps asked to slow down \(HTTP 429\); pausing 1 s, then at most 4 request\(s\) at a time and \d+ per second\./,
      );
      assert.match(run.stdout, /61 user\(s\) scanned; the PATs of 0 could not be read\./);
      assert.strictEqual(run.errors.filter((e) => e.startsWith("PAT 'user")).length, 6);
      const throttled = (await f.emulator.requests()).filter((r) => r.status === 429);
      assert.strictEqual(throttled.length, 3);
    });

    it("under the service's delaying rate limit: no 429, no slow-down of its own, every user read at the budget's pace", async () => {
      await f.emulator.setRateLimit({ budget: 20, windowMs: 1000 });
      try {
        await f.emulator.clearRequests();
        const started = Date.now();
        const run = await check({ subject: "organization", nameFilter: "user*-deploy" });
        const tookMs = Date.now() - started;
        assert.match(run.stdout, /61 user\(s\) scanned; the PATs of 0 could not be read\./);
        assert.strictEqual(run.errors.filter((e) => e.startsWith("PAT 'user")).length, 6);
        assert.doesNotMatch(run.stdout, /asked to slow down/);
        const scan = (await f.emulator.requests()).filter((r) => r.service === "vssps" && /graph\/users|tokenadmin/i.test(r.path));
        assert.strictEqual(scan.filter((r) => r.status === 429).length, 0);
        // 64 requests at 20 per second after a budget of 20: the service's pace, at least 2.2 s.
        assert.ok(tookMs >= ((scan.length - 20) / 20) * 1000, `${scan.length} requests in ${tookMs} ms`);
      } finally {
        await f.emulator.setRateLimit(null);
      }
    });

    it("includeExpired reports expired PATs of other users, never revoked ones", async () => {
      const run = await check({ subject: "organization", includeExpired: "true", nameFilter: "user7-*" });
      assert.strictEqual(run.result, "Failed", run.stdout);
      assert.deepStrictEqual(names(run.errors.slice(0, -1)), ["user7-old"]);
      assert.match(run.errors[0], /PAT 'user7-old' of User 7 \(user7@contoso\.com\) expired 2026-11-01 00:00 UTC \(22 days ago\)/);
      assert.ok(!run.stdout.includes("user7-revoked"));
      assert.strictEqual(run.variables.ExpiredCount.value, "1");
    });

    it("shards i/n cover every user exactly once", async () => {
      const seen = new Map<string, number>();
      for (const shard of ["1/3", "2/3", "3/3"]) {
        const run = await check({ subject: "organization", shard, nameFilter: "user*-deploy" });
        assert.match(run.stdout, new RegExp(`shard ${shard} scans \\d+ of them`));
        const report = reportOf(run);
        assert.strictEqual(report.shard, shard);
        for (const p of report.pats) seen.set(p.owner.principalName, (seen.get(p.owner.principalName) ?? 0) + 1);
      }
      assert.strictEqual(seen.size, 6, "every user with a deploy PAT appears in some shard");
      assert.ok(
        [...seen.values()].every((n) => n === 1),
        "and in one shard only",
      );
    });

    it("a user who is not a token administrator gets one clear failure, not one per user", async () => {
      const outsider = await f.emulator.addUser({
        displayName: "Not Admin",
        principalName: "notadmin@contoso.com",
        organizations: ["contoso"],
      });
      const refreshToken = await f.emulator.issueRefreshToken(outsider.id, CLIENT_ID);
      f.secrets.push(refreshToken);
      const run = await check({ subject: "organization", refreshToken });
      assert.strictEqual(run.result, "Failed", run.stdout);
      assert.strictEqual(run.errors.length, 1, run.errors.join("\n"));
      assert.match(run.errors[0], /token administrator/);
      assert.ok(!run.stdout.includes("Could not read the PATs"));
    });

    it("an admin PAT (vso.tokenadministration + vso.graph) replaces the Entra sign-in", async () => {
      const run = await check({ subject: "organization", adminPat: f.adminPat, nameFilter: "user1?-deploy" }, { auth: false });
      assert.strictEqual(run.result, "Failed", run.stdout);
      assert.deepStrictEqual(names(run.errors.slice(0, -1)), ["user10-deploy"]);
      assert.ok(!run.stdout.includes("Signed in to Microsoft Entra"));
    });
  });

  describe("bad input", () => {
    const cases: Array<[string, Record<string, string>, RegExp]> = [
      ["unknown organization form", { organization: "ftp://contoso" }, /organization.*Use the organization name/],
      ["negative days", { warnWithinDays: "-1" }, /The input 'warnWithinDays' must be a whole number from 0 to 3650; got '-1'\./],
      ["non-numeric days", { failWithinDays: "three" }, /The input 'failWithinDays' must be a whole number from 0 to 3650; got 'three'\./],
      [
        "failWithinDays > warnWithinDays",
        { warnWithinDays: "7", failWithinDays: "10" },
        /The input 'failWithinDays' \(10\) must not be greater than warnWithinDays \(7\)\./,
      ],
      [
        "malformed shard",
        { subject: "organization", shard: "4/3" },
        /The input 'shard' must be i\/n with 1 <= i <= n, for example 2\/4; got '4\/3'\./,
      ],
      ["shard without organization mode", { shard: "1/2" }, /The input 'shard' applies only when subject is 'organization'/],
      [
        "missing credentials",
        { authenticationMethod: "refreshToken", refreshToken: "" },
        /The input 'refreshToken' is required when authenticationMethod is 'refreshToken'\./,
      ],
      [
        "admin PAT outside organization mode",
        { adminPat: "abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrst" },
        /The input 'adminPat' applies only when subject is 'organization'/,
      ],
    ];
    for (const [title, inputs, expected] of cases) {
      it(`${title}: fails naming the input, without a stack trace`, async () => {
        const run = await check({ subject: "mine", ...inputs });
        assert.strictEqual(run.result, "Failed", run.stdout);
        assert.strictEqual(run.errors.length, 1, run.errors.join("\n"));
        assert.match(run.errors[0], expected);
        assert.ok(!/\n\s+at .+:\d+:\d+/.test(run.stdout + run.stderr), "no stack trace");
        assert.ok(!run.commands.some((c) => c.name === "task.uploadsummary"), "no report for bad input");
      });
    }
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
