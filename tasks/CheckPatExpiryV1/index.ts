/** CheckPatExpiry: lists PATs, evaluates them against the inputs' policy, and reports. */
import * as path from "path";
import { basicPat, bearer } from "../../src/api/credential";
import { collectMyPats, collectOrganizationPats } from "../../src/expiry/collect";
import { buildExpiryReport } from "../../src/expiry/report";
import { taskNow } from "../../src/pipeline/clock";
import { runTask } from "../../src/pipeline/run-task";
import { openTaskSession } from "../../src/pipeline/task-session";
import { readCheckInputs } from "./read-inputs";
import { ORG_SCAN_CONCURRENCY, organizationContext } from "./organization-context";
import { publishReport } from "./publish-result";
import { progressLogger } from "./progress";
import { logLine } from "../../src/pipeline/task-log";
import { loc } from "./loc";
import { readNotifyInputs, sendNotifications } from "./notify";
import type { OrgContext } from "../../src/api/context";
import { collectAuditFindings } from "../../src/expiry/collect-audit";
import type { AuditFindings } from "../../src/expiry/pat-incidents";
import type { Shard } from "../../src/expiry/shard";
import { ownerKey } from "../../src/notify/owner-notices";

void runTask(
  async () => {
    const inputs = readCheckInputs();
    const notify = readNotifyInputs();
    const base = { policy: inputs.policy, organization: inputs.organization, subject: inputs.subject, shard: inputs.shard };

    if (inputs.subject === "mine") {
      const session = await openTaskSession(["readPats"]);
      const ctx = { ...session.org, organization: inputs.organization };
      logLine(loc("ListingMine", session.signIn.user.upn, inputs.organization));
      const mine = await collectMyPats(ctx, { includeExpired: inputs.policy.includeExpired });
      logLine(loc("ListedMine", mine.pats.length, mine.pages));
      const report = buildExpiryReport({ ...base, pats: mine.pats, now: taskNow() });
      const me = { descriptor: "", displayName: session.signIn.user.upn, principalName: session.signIn.user.upn };
      publishReport(
        report,
        await sendNotifications({ inputs: notify, report, me, ownersInScope: new Set([ownerKey(me)]) }),
        session.signInHealth,
      );
      return;
    }

    const session = inputs.adminPat ? undefined : await openTaskSession(["scanOrganization"]);
    const credential = session ? bearer(session.accessToken) : basicPat(inputs.adminPat as string);
    const ctx = organizationContext(inputs.organization, credential);
    const now = taskNow();
    logLine(loc("ListingUsers", inputs.organization));
    const scan = await collectOrganizationPats(ctx, {
      shard: inputs.shard,
      now,
      concurrency: ORG_SCAN_CONCURRENCY,
      onUsersListed: (all, inShard) =>
        logLine(
          inputs.shard ? loc("UsersFoundShard", all, inputs.shard.index, inputs.shard.count, inShard) : loc("UsersFound", all, inShard),
        ),
      onProgress: progressLogger((done, total) => logLine(loc("ProgressUsers", done, total))),
    });
    const audit = await readAudit(ctx, inputs.auditDays, inputs.shard, now);
    const report = buildExpiryReport({ ...base, ...scan, audit, now });
    // A user whose PATs could not be read keeps the work item of an earlier run.
    const unreadable = new Set(scan.unreadableUsers.map((u) => ownerKey(u.owner)));
    const ownersInScope = new Set(scan.users.map(ownerKey).filter((k) => !unreadable.has(k)));
    publishReport(report, await sendNotifications({ inputs: notify, report, ownersInScope }), session?.signInHealth);
  },
  path.join(__dirname, "task.json"),
);

/** The audit log's PAT events, read once per organization (by shard 1 when sharded). */
async function readAudit(ctx: OrgContext, days: number, shard: Shard | null, now: Date): Promise<AuditFindings | undefined> {
  if (days === 0) return undefined;
  if (shard && shard.index !== 1) return { read: false, days, reason: loc("AuditOtherShard", shard.index, shard.count) };
  logLine(loc("ReadingAudit", ctx.organization, days));
  return collectAuditFindings(ctx, { now, days, notAllowed: (said) => loc("AuditNotAllowed", said) });
}
