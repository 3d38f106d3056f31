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

void runTask(
  async () => {
    const inputs = readCheckInputs();
    const base = { policy: inputs.policy, organization: inputs.organization, subject: inputs.subject, shard: inputs.shard };

    if (inputs.subject === "mine") {
      const session = await openTaskSession(["readPats"]);
      const ctx = { ...session.org, organization: inputs.organization };
      logLine(loc("ListingMine", session.signIn.user.upn, inputs.organization));
      const mine = await collectMyPats(ctx, { includeExpired: inputs.policy.includeExpired });
      logLine(loc("ListedMine", mine.pats.length, mine.pages));
      publishReport(buildExpiryReport({ ...base, pats: mine.pats, now: taskNow() }));
      return;
    }

    const credential = inputs.adminPat
      ? basicPat(inputs.adminPat)
      : await openTaskSession(["scanOrganization"]).then((s) => bearer(s.accessToken));
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
    publishReport(buildExpiryReport({ ...base, ...scan, now }));
  },
  path.join(__dirname, "task.json"),
);
