/** The build summary (tl.uploadSummary): what needs attention, most urgent first, at a glance. */
import type { PatFinding } from "./classify";
import { breaksAtText, daysLeftText, displayNameText, flagsText, scopeText, statusLabel } from "./finding-text";
import { totalsSentences } from "./attention-lines";
import type { Localize } from "./localize";
import type { ExpiryReport } from "./report";

/** The build summary page stays readable; the JSON report and the log have every row. */
export const MAX_TABLE_ROWS = 200;

const STATUS_ICON = { expired: "⛔", failing: "🔴", warning: "🟠", healthy: "🟡" } as const;

export function renderMarkdownSummary(report: ExpiryReport, loc: Localize): string {
  const p = report.policy;
  const orgMode = report.subject === "organization";
  const where = report.shard ? loc("SummaryWhereShard", report.organization, report.shard.index, report.shard.count) : report.organization;
  const out: string[] = [];
  const title = orgMode ? loc("SummaryTitleOrganization", where) : loc("SummaryTitleMine", where);
  out.push(`### ${cell(title)}`, "");
  out.push(
    `**${cell(loc(`Outcome${report.outcome}`))}** ${cell(loc("SummaryCheckedAt", report.generatedAt.slice(0, 16).replace("T", " ")))}`,
    "",
  );
  for (const sentence of totalsSentences(report, loc)) out.push(`- ${cell(sentence)}`);
  if (report.nextExpiry)
    out.push(`- ${cell(loc("SummaryNextExpiry", `${report.nextExpiry.slice(0, 10)} ${report.nextExpiry.slice(11, 16)} UTC`))}`);
  out.push("");

  if (report.attention.length === 0) {
    out.push(cell(loc("SummaryNothingToDo")), "");
  } else {
    const headers = [
      loc("ColumnStatus"),
      loc("ColumnPat"),
      ...(orgMode ? [loc("ColumnOwner")] : []),
      loc("ColumnBreaks"),
      loc("ColumnDaysLeft"),
      loc("ColumnScope"),
      loc("ColumnFlags"),
    ];
    out.push(row(headers), row(headers.map(() => "---")));
    for (const f of report.attention.slice(0, MAX_TABLE_ROWS)) out.push(row(findingCells(f, orgMode, p.maxLifetimeDays, loc)));
    out.push("");
    const more = report.attention.length - MAX_TABLE_ROWS;
    if (more > 0) out.push(cell(loc("SummaryMoreRows", more)), "");
  }

  if (report.unreadableUsers.length > 0) {
    out.push(`**${cell(loc("SummaryUnreadableTitle", report.unreadableUsers.length))}**`, "");
    for (const u of report.unreadableUsers) out.push(`- ${cell(u.owner.displayName)} (${cell(u.owner.principalName)}): ${cell(u.reason)}`);
    out.push("");
  }
  return out.join("\n");
}

function findingCells(f: PatFinding, orgMode: boolean, maxLifetimeDays: number | null, loc: Localize): string[] {
  const owner = f.pat.owner ? `${f.pat.owner.displayName} (${f.pat.owner.principalName})` : "";
  return [
    `${STATUS_ICON[f.status]} ${statusLabel(f.status, loc)}`,
    displayNameText(f, loc),
    ...(orgMode ? [owner] : []),
    breaksAtText(f),
    daysLeftText(f, loc),
    scopeText(f, loc),
    flagsText(f, maxLifetimeDays, loc),
  ];
}

function row(cells: string[]): string {
  return `| ${cells.map(cell).join(" | ")} |`;
}

/** Text from the service (names, scopes) may hold Markdown or HTML; show it literally on one line. */
function cell(text: string): string {
  return text
    .replace(/[\r\n]+/g, " ")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/([\\`*_[\]|~])/g, "\\$1");
}
