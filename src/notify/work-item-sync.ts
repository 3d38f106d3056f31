/**
 * `notify: workItem`: one open work item per owner whose PATs need attention, found again by its marker
 * tag, updated only when its content changed, and closed when nothing of that owner needs attention.
 * Only owners in `ownersInScope` (this run's users: a shard's, or the signed-in user) are touched, so
 * shards never create or close each other's items.
 */
import type { CollectionContext } from "../api/context";
import { createWorkItem, queryWorkItemIds, readWorkItems, updateWorkItem, type WorkItem, type WorkItemPatch } from "../api/workitems";
import type { Localize } from "../expiry/localize";
import { ownerKey, type OwnerNotice } from "./owner-notices";
import { organizationTag, ownerTag, workItemContent } from "./work-item-content";

export interface WorkItemSyncParams {
  collection: CollectionContext;
  project: string;
  type: string;
  /** Empty: the project's root area. */
  areaPath: string | undefined;
  /** The state that closes the item in the project's process (Closed in Agile/CMMI, Done in Scrum/Basic). */
  closedState: string;
  organization: string;
  notices: readonly OwnerNotice[];
  /** ownerKey of every owner this run read completely. */
  ownersInScope: ReadonlySet<string>;
  maxLifetimeDays: number | null;
  loc: Localize;
}

export interface WorkItemSyncResult {
  created: number[];
  updated: number[];
  unchanged: number[];
  closed: number[];
}

/** States that mean "no longer open" in the four built-in processes. */
const DONE_STATES = ["Closed", "Done", "Removed", "Resolved"];

export async function syncOwnerWorkItems(p: WorkItemSyncParams): Promise<WorkItemSyncResult> {
  const result: WorkItemSyncResult = { created: [], updated: [], unchanged: [], closed: [] };
  const open = await openManagedItems(p);
  const byOwnerTag = new Map<string, WorkItem>();
  for (const item of open) {
    for (const tag of tagsOf(item))
      if (tag.startsWith(`${organizationTag(p.organization)}:`) && !byOwnerTag.has(tag)) byOwnerTag.set(tag, item);
  }
  const noticed = new Set<string>();
  for (const notice of p.notices) {
    if (!p.ownersInScope.has(ownerKey(notice.owner))) continue;
    const tag = ownerTag(p.organization, notice.owner);
    noticed.add(tag);
    const content = workItemContent(notice, p.organization, p.maxLifetimeDays, p.loc);
    const existing = byOwnerTag.get(tag);
    if (!existing) {
      const created = await createWorkItem(p.collection, p.project, p.type, [
        field("System.Title", content.title),
        field("System.Description", content.description),
        field("System.AssignedTo", notice.owner.principalName),
        field("System.Tags", `${organizationTag(p.organization)}; ${tag}`),
        ...(p.areaPath ? [field("System.AreaPath", p.areaPath)] : []),
      ]);
      result.created.push(created.id);
    } else if (String(existing.fields["System.Description"] ?? "").includes(`Content id: ${content.contentId}`)) {
      result.unchanged.push(existing.id);
    } else {
      await updateWorkItem(p.collection, existing.id, [
        field("System.Title", content.title),
        field("System.Description", content.description),
      ]);
      result.updated.push(existing.id);
    }
  }
  for (const [tag, item] of byOwnerTag) {
    const owner = tag.slice(organizationTag(p.organization).length + 1);
    if (noticed.has(tag) || !p.ownersInScope.has(owner)) continue;
    await updateWorkItem(p.collection, item.id, [
      field("System.State", p.closedState),
      field("System.History", "None of this person's PATs needs attention any more; closed by Check PAT expiry (PAT Lifecycle)."),
    ]);
    result.closed.push(item.id);
  }
  return result;
}

async function openManagedItems(p: WorkItemSyncParams): Promise<WorkItem[]> {
  const notDone = [...new Set([p.closedState, ...DONE_STATES])].map(wiqlString).join(", ");
  const wiql =
    `SELECT [System.Id] FROM WorkItems WHERE [System.TeamProject] = ${wiqlString(p.project)} ` +
    `AND [System.Tags] CONTAINS ${wiqlString(organizationTag(p.organization))} AND [System.State] NOT IN (${notDone})`;
  const ids = await queryWorkItemIds(p.collection, p.project, wiql);
  return ids.length ? readWorkItems(p.collection, ids, ["System.Tags", "System.Description", "System.State"]) : [];
}

function tagsOf(item: WorkItem): string[] {
  return String(item.fields["System.Tags"] ?? "")
    .split(";")
    .map((t) => t.trim().toLowerCase())
    .filter(Boolean);
}

function field(name: string, value: string): WorkItemPatch {
  return { op: "add", path: `/fields/${name}`, value };
}

function wiqlString(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}
