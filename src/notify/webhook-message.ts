/**
 * One message per run for a Teams workflow (an Adaptive Card in a message attachment) or a Slack incoming
 * webhook (Block Kit): the counts and the most urgent PATs, never a token. Also the run's fingerprint,
 * which changes only when what the message says would change.
 * Sources: https://learn.microsoft.com/en-us/connectors/teams/?tabs=text1#microsoft-teams-webhook (workflow
 * payload), https://adaptivecards.io/explorer/ (AdaptiveCard 1.4), https://api.slack.com/messaging/webhooks.
 */
import { createHash } from "crypto";
import type { PatFinding } from "../expiry/classify";
import { breaksAtText, daysLeftText, displayNameText, flagsText, statusLabel } from "../expiry/finding-text";
import type { Localize } from "../expiry/localize";
import type { ExpiryReport } from "../expiry/report";
import type { WebhookKind } from "../api/webhook";

/** PATs listed by name in a message; the rest are counted. */
const MESSAGE_TOP = 10;

/** What the message summarizes; leaked PATs come from the audit log when it was read. */
export interface WebhookFacts {
  report: ExpiryReport;
  loc: Localize;
}

function webhookHeadline(r: ExpiryReport): string {
  const where = r.shard ? `${r.organization} (shard ${r.shard.index} of ${r.shard.count})` : r.organization;
  const whose = r.subject === "mine" ? "my PATs" : "every user's PATs";
  return `PAT expiry in ${where} (${whose}): ${r.attention.length} need attention`;
}

function countsLine(r: ExpiryReport): string {
  const t = r.totals;
  return (
    `${t.expired} expired, ${t.failing} break within ${r.policy.failWithinDays} days, ${t.warning} more within ${r.policy.warnWithinDays} days, ${t.flagged} with a risk flag` +
    (t.usersScanned !== null ? `; ${t.usersScanned} user(s) scanned, ${t.usersUnreadable} unreadable` : "") +
    (r.audit?.read ? `; ${t.incidents} PAT(s) found in public or revoked by Azure DevOps in the last ${r.audit.days} days` : "") +
    "."
  );
}

function findingLine(f: PatFinding, r: ExpiryReport, loc: Localize): string {
  const owner = f.pat.owner ? ` of ${f.pat.owner.displayName} (${f.pat.owner.principalName})` : "";
  const flags = f.flags.length ? ` Flags: ${flagsText(f, r.policy.maxLifetimeDays, loc)}.` : "";
  return `${displayNameText(f, loc)}${owner}: ${statusLabel(f.status, loc)}, ${breaksAtText(f)} (${daysLeftText(f, loc)}).${flags}`;
}

export function webhookPayload(kind: WebhookKind, { report, loc }: WebhookFacts): unknown {
  const top = report.attention.slice(0, MESSAGE_TOP).map((f) => findingLine(f, report, loc));
  const more =
    report.attention.length > MESSAGE_TOP ? `... and ${report.attention.length - MESSAGE_TOP} more: see the pipeline run's summary.` : "";
  const headline = webhookHeadline(report);
  if (kind === "slack") {
    const esc = (t: string) => t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    const list = [...top.map((l) => `• ${esc(l)}`), ...(more ? [esc(more)] : [])].join("\n");
    return {
      text: esc(headline),
      blocks: [
        { type: "header", text: { type: "plain_text", text: headline.slice(0, 150) } },
        { type: "section", text: { type: "mrkdwn", text: esc(countsLine(report)) } },
        ...(list ? [{ type: "section", text: { type: "mrkdwn", text: list.slice(0, 3000) } }] : []),
      ],
    };
  }
  const text = (t: string, extra: Record<string, unknown> = {}) => ({ type: "TextBlock", text: t, wrap: true, ...extra });
  return {
    type: "message",
    attachments: [
      {
        contentType: "application/vnd.microsoft.card.adaptive",
        contentUrl: null,
        content: {
          $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
          type: "AdaptiveCard",
          version: "1.4",
          body: [
            text(headline, { size: "Medium", weight: "Bolder" }),
            text(countsLine(report)),
            ...top.map((l) => text(`- ${l}`, { spacing: "Small" })),
            ...(more ? [text(more, { isSubtle: true })] : []),
          ],
        },
      },
    ],
  };
}

/** Changes when a PAT starts or stops needing attention, changes status or flags, or the counts change. */
export function webhookFingerprint(r: ExpiryReport): string {
  const t = r.totals;
  const facts = {
    attention: r.attention.map((f) => [f.pat.authorizationId, f.status, f.flags.join(","), f.breaksAt.slice(0, 10)]).sort(),
    counts: [t.expired, t.failing, t.warning, t.flagged, t.usersUnreadable],
    incidents: r.incidents.map((i) => [i.kind, i.patName, i.owner, i.at]),
  };
  return createHash("sha256").update(JSON.stringify(facts)).digest("hex").slice(0, 32);
}
