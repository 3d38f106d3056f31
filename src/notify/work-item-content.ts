/** The title, HTML description and marker tags of an owner's work item; every PAT name is HTML-escaped. */
import { createHash } from "crypto";
import { breaksAtText, daysLeftText, displayNameText, flagsText, scopeText, statusLabel } from "../expiry/finding-text";
import type { Localize } from "../expiry/localize";
import type { PatOwner } from "../expiry/pat-record";
import { ownerKey, type OwnerNotice } from "./owner-notices";
import { remedyText } from "./remedy";

/** On every item the check manages in an organization; the WIQL query looks for it. */
export function organizationTag(organization: string): string {
  return `pat-lifecycle:${organization.toLowerCase()}`;
}

/** Finds the one item of an owner (the UPN may change in the title, never in this tag). */
export function ownerTag(organization: string, owner: Pick<PatOwner, "principalName">): string {
  return `${organizationTag(organization)}:${ownerKey(owner)}`;
}

export interface WorkItemContent {
  title: string;
  description: string;
  /** A hash of what the description says, written into it: an unchanged item is left alone (no e-mail). */
  contentId: string;
}

export function workItemContent(notice: OwnerNotice, organization: string, maxLifetimeDays: number | null, loc: Localize): WorkItemContent {
  const rows = notice.findings.map((f) => [
    displayNameText(f, loc),
    statusLabel(f.status, loc),
    `${breaksAtText(f)} (${daysLeftText(f, loc)})`,
    scopeText(f, loc),
    flagsText(f, maxLifetimeDays, loc),
    remedyText(f),
  ]);
  const contentId = createHash("sha256")
    .update(JSON.stringify(rows.map((r) => [...r.slice(0, 2), r[2].slice(0, 20), ...r.slice(3)])))
    .digest("hex")
    .slice(0, 16);
  const cells = (r: string[], tag: string) => `<tr>${r.map((c) => `<${tag}>${escapeHtml(c)}</${tag}>`).join("")}</tr>`;
  const description = [
    `<p>${escapeHtml(`${notice.findings.length} personal access token(s) of ${notice.owner.displayName} (${notice.owner.principalName}) in organization ${organization} need attention.`)}</p>`,
    "<table>",
    cells(["PAT", "Status", "Stops working", "Scope", "Flags", "What to do"], "th"),
    ...rows.map((r) => cells(r, "td")),
    "</table>",
    "<p>Check PAT expiry (PAT Lifecycle) keeps this work item up to date and closes it when none of these PATs needs attention any more. It never contains a token.</p>",
    `<p>Content id: ${contentId}</p>`,
  ].join("");
  const title = `${notice.findings.length} PAT(s) of ${notice.owner.displayName} need attention in ${organization}`;
  return { title: title.slice(0, 255), description, contentId };
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}
