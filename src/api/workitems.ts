/**
 * Work items (`{collection}{project}/_apis/wit/...`): a WIQL query for ids, a batch read of fields, and
 * create/update with JSON Patch (application/json-patch+json), api-version 7.1.
 * Sources: https://learn.microsoft.com/en-us/rest/api/azure/devops/wit/wiql/query-by-wiql?view=azure-devops-rest-7.1,
 * .../wit/work-items/list, .../wit/work-items/create, .../wit/work-items/update (same view).
 */
import { collectionBase, type CollectionContext } from "./context";
import { ApiError } from "./errors";

const WIT_API_VERSION = "7.1";
/** work-items/list takes at most 200 ids per call. */
const MAX_IDS_PER_READ = 200;

/** One JSON Patch operation on a work item field (`/fields/System.Title`). */
export interface WorkItemPatch {
  op: "add" | "replace" | "remove" | "test";
  path: string;
  value?: unknown;
}

export interface WorkItem {
  id: number;
  rev: number;
  fields: Record<string, unknown>;
}

/** The ids a WIQL query selects in `project` (flat queries only). */
export async function queryWorkItemIds(ctx: CollectionContext, project: string, wiql: string): Promise<number[]> {
  const url = `${collectionBase(ctx)}${encodeURIComponent(project)}/_apis/wit/wiql`;
  const action = `query the work items of project '${project}'`;
  const res = await ctx.http.request<{ workItems?: { id: number }[] }>({
    method: "POST",
    url,
    apiVersion: WIT_API_VERSION,
    body: { query: wiql },
    idempotent: true,
    action,
  });
  if (!res.body || !Array.isArray(res.body.workItems))
    throw new ApiError(`Azure DevOps answered the request to ${action} without a workItems array.`, { url });
  return res.body.workItems.map((w) => w.id);
}

/** The given fields of work items by id, in batches of 200. */
export async function readWorkItems(ctx: CollectionContext, ids: readonly number[], fields: readonly string[]): Promise<WorkItem[]> {
  const items: WorkItem[] = [];
  for (let i = 0; i < ids.length; i += MAX_IDS_PER_READ) {
    const batch = ids.slice(i, i + MAX_IDS_PER_READ);
    const res = await ctx.http.request<{ value?: WorkItem[] }>({
      method: "GET",
      url: `${collectionBase(ctx)}_apis/wit/workitems`,
      apiVersion: WIT_API_VERSION,
      query: { ids: batch.join(","), fields: fields.join(","), errorPolicy: "omit" },
      action: `read ${batch.length} work item(s)`,
    });
    // errorPolicy=omit answers null for an item deleted since the query.
    items.push(...(res.body?.value ?? []).filter((w): w is WorkItem => !!w && typeof w.id === "number"));
  }
  return items;
}

/** Creates a work item of `type` in `project`. Not retried on a lost answer: a second create is a duplicate. */
export async function createWorkItem(ctx: CollectionContext, project: string, type: string, patch: WorkItemPatch[]): Promise<WorkItem> {
  const res = await ctx.http.request<WorkItem>({
    method: "POST",
    url: `${collectionBase(ctx)}${encodeURIComponent(project)}/_apis/wit/workitems/$${encodeURIComponent(type)}`,
    apiVersion: WIT_API_VERSION,
    body: patch,
    contentType: "application/json-patch+json",
    idempotent: false,
    action: `create a ${type} work item in project '${project}'`,
  });
  return res.body;
}

/** Applies `patch` to work item `id`; replacing fields is safe to send again. */
export async function updateWorkItem(ctx: CollectionContext, id: number, patch: WorkItemPatch[]): Promise<WorkItem> {
  const res = await ctx.http.request<WorkItem>({
    method: "PATCH",
    url: `${collectionBase(ctx)}_apis/wit/workitems/${id}`,
    apiVersion: WIT_API_VERSION,
    body: patch,
    contentType: "application/json-patch+json",
    idempotent: true,
    action: `update work item ${id}`,
  });
  return res.body;
}
