/**
 * dev.azure.com work items: WIQL (a strict subset: flat `SELECT ... FROM WorkItems WHERE` clauses joined by AND),
 * list by ids, create and update with JSON Patch. Sources (Microsoft Learn, REST 7.1):
 * wiql/query-by-wiql, work-items/list, work-items/create, work-items/update under
 * https://learn.microsoft.com/en-us/rest/api/azure/devops/wit/ ; WIQL syntax: https://learn.microsoft.com/en-us/azure/devops/boards/queries/wiql-syntax
 * Create/update accept only application/json-patch+json (415 otherwise); an unknown identity in Assigned To is refused (400).
 * States follow the Agile process's Task (New, Active, Closed, Removed).
 */
import { anyMethod, type EmulatorContext, type Route } from "../context";
import type { Exchange } from "../exchange";
import type { Organization, StoredWorkItem } from "../state";
import { ARGUMENT, sendVssError, vssErrorType } from "../vss-errors";
import { methodNotAllowed, readJsonBody, whenAdmitted } from "./org-guard";

const VERSIONS = { min: 4.0, max: 7.2, released: 7.1 };
const TYPES = ["Task", "Bug", "Issue", "User Story", "Feature", "Epic"];
const STATES = ["New", "Active", "Closed", "Removed"];
const WIQL_ERROR = vssErrorType(
  "WorkItemTrackingQueryException",
  "Microsoft.TeamFoundation.WorkItemTracking.Web.Models",
  "Microsoft.TeamFoundation.WorkItemTracking.Web",
);
const RULE_ERROR = vssErrorType("RuleValidationException", "Microsoft.TeamFoundation.WorkItemTracking.Server");
const NOT_FOUND = vssErrorType("WorkItemUnauthorizedAccessException", "Microsoft.TeamFoundation.WorkItemTracking.Server");

export const workItemRoutes: Route[] = [
  anyMethod("devops", /^\/([^/_][^/]*)\/([^/_][^/]*)\/_apis\/wit\/wiql\/?$/i, (ex, m, ctx) =>
    whenAdmitted(ex, ctx, m[1], VERSIONS, ({ org }) => wiql(ex, ctx, org, m[2])),
  ),
  anyMethod("devops", /^\/([^/_][^/]*)\/([^/_][^/]*)\/_apis\/wit\/workitems\/\$([^/]+)\/?$/i, (ex, m, ctx) =>
    whenAdmitted(ex, ctx, m[1], VERSIONS, ({ org }) => create(ex, ctx, org, m[2], m[3])),
  ),
  anyMethod("devops", /^\/([^/_][^/]*)\/_apis\/wit\/workitems\/(\d+)\/?$/i, (ex, m, ctx) =>
    whenAdmitted(ex, ctx, m[1], VERSIONS, ({ org }) => update(ex, ctx, org, Number(m[2]))),
  ),
  anyMethod("devops", /^\/([^/_][^/]*)\/_apis\/wit\/workitems\/?$/i, (ex, m, ctx) =>
    whenAdmitted(ex, ctx, m[1], VERSIONS, ({ org }) => list(ex, ctx, org)),
  ),
];

type Clause = (item: StoredWorkItem) => boolean;

/** Parses the subset; undefined when the query uses anything else (the caller answers 400). */
function parseWiql(query: string, project: string): Clause[] | undefined {
  const m = /^\s*SELECT\s+\[[\w.]+\](?:\s*,\s*\[[\w.]+\])*\s+FROM\s+WorkItems\s+WHERE\s+(.+?)\s*$/is.exec(query);
  if (!m) return undefined;
  const clauses: Clause[] = [];
  const str = "'((?:[^']|'')*)'";
  for (const part of m[1].split(/\s+AND\s+/i)) {
    const c = new RegExp(`^\\[([\\w.]+)\\]\\s*(=|<>|CONTAINS|NOT IN)\\s*(?:${str}|\\(((?:\\s*${str}\\s*,?)+)\\)|(@project))$`, "i").exec(
      part.trim(),
    );
    if (!c) return undefined;
    const fieldName = c[1];
    const op = c[2].toUpperCase();
    const value = c[5] ? project : c[3]?.replace(/''/g, "'");
    const values = c[4] ? [...c[4].matchAll(new RegExp(str, "g"))].map((v) => v[1].replace(/''/g, "'").toLowerCase()) : [];
    const read = (item: StoredWorkItem) => String(item.fields[fieldName] ?? "").toLowerCase();
    if (op === "=" && value !== undefined) clauses.push((i) => read(i) === value.toLowerCase());
    else if (op === "<>" && value !== undefined) clauses.push((i) => read(i) !== value.toLowerCase());
    else if (op === "CONTAINS" && value !== undefined) {
      // On System.Tags, CONTAINS matches a whole tag.
      clauses.push(
        fieldName.toLowerCase() === "system.tags"
          ? (i) =>
              read(i)
                .split(";")
                .map((t) => t.trim())
                .includes(value.toLowerCase())
          : (i) => read(i).includes(value.toLowerCase()),
      );
    } else if (op === "NOT IN" && values.length) clauses.push((i) => !values.includes(read(i)));
    else return undefined;
  }
  return clauses;
}

async function wiql(ex: Exchange, ctx: EmulatorContext, org: Organization, project: string): Promise<void> {
  if (ex.method !== "POST") return methodNotAllowed(ex);
  const body = await readJsonBody(ex, "wiql");
  if (body === undefined) return;
  const query = (body as { query?: unknown }).query;
  if (typeof query !== "string") return sendVssError(ex, 400, ARGUMENT, "Value cannot be null.\r\nParameter name: wiql.query");
  const clauses = parseWiql(query, project);
  if (!clauses)
    return sendVssError(ex, 400, WIQL_ERROR, `TF51006: The query statement is not supported by the emulator's WIQL subset: ${query}`);
  const ids = [...ctx.state.workItems.values()]
    .filter((w) => w.orgId === org.id && clauses.every((c) => c(w)))
    .map((w) => w.id)
    .sort((a, b) => a - b);
  ex.json(200, {
    queryType: "flat",
    queryResultType: "workItem",
    asOf: new Date(ctx.state.clock.nowMs()).toISOString(),
    columns: [],
    workItems: ids.map((id) => ({ id, url: `${ex.origin}/${org.name}/_apis/wit/workItems/${id}` })),
  });
}

function list(ex: Exchange, ctx: EmulatorContext, org: Organization): void {
  if (ex.method !== "GET") return methodNotAllowed(ex);
  const ids = (ex.query("ids") ?? "").split(",").filter(Boolean).map(Number);
  if (!ids.length || ids.some((n) => !Number.isInteger(n)))
    return sendVssError(ex, 400, ARGUMENT, "The ids parameter must list work item ids.");
  if (ids.length > 200) return sendVssError(ex, 400, ARGUMENT, "VS402337: The number of work items requested exceeds the limit of 200.");
  const fields = ex
    .query("fields")
    ?.split(",")
    .map((f) => f.trim().toLowerCase());
  const omit = (ex.query("errorPolicy") ?? "").toLowerCase() === "omit";
  const value: unknown[] = [];
  for (const id of ids) {
    const item = ctx.state.workItems.get(id);
    if (!item || item.orgId !== org.id) {
      if (omit) {
        value.push(null);
        continue;
      }
      return sendVssError(ex, 404, NOT_FOUND, `TF401232: Work item ${id} does not exist, or you do not have permissions to read it.`);
    }
    value.push(wire(item, ctx, ex.origin, org, fields));
  }
  ex.json(200, { count: value.length, value });
}

async function create(ex: Exchange, ctx: EmulatorContext, org: Organization, project: string, typeText: string): Promise<void> {
  if (ex.method !== "POST") return methodNotAllowed(ex);
  const type = TYPES.find((t) => t.toLowerCase() === decodeURIComponent(typeText).toLowerCase());
  if (!type)
    return sendVssError(
      ex,
      404,
      {
        typeKey: "WorkItemTypeNotFoundException",
        typeName: "Microsoft.TeamFoundation.WorkItemTracking.Server.Metadata.WorkItemTypeNotFoundException",
      },
      `TF201036: You must specify a valid work item type. Work item type '${decodeURIComponent(typeText)}' does not exist.`,
    );
  const ops = await patchBody(ex);
  if (!ops) return;
  const item: StoredWorkItem = {
    id: ctx.state.nextWorkItemId++,
    orgId: org.id,
    rev: 1,
    history: [],
    fields: {
      "System.TeamProject": project,
      "System.WorkItemType": type,
      "System.State": "New",
      "System.AreaPath": project,
      "System.Tags": "",
    },
  };
  if (!applyPatch(ex, ctx, org, item, ops)) return;
  ctx.state.workItems.set(item.id, item);
  ex.json(200, wire(item, ctx, ex.origin, org));
}

async function update(ex: Exchange, ctx: EmulatorContext, org: Organization, id: number): Promise<void> {
  if (ex.method !== "PATCH") return methodNotAllowed(ex);
  const item = ctx.state.workItems.get(id);
  if (!item || item.orgId !== org.id)
    return sendVssError(ex, 404, NOT_FOUND, `TF401232: Work item ${id} does not exist, or you do not have permissions to read it.`);
  const ops = await patchBody(ex);
  if (!ops) return;
  const copy: StoredWorkItem = { ...item, fields: { ...item.fields }, history: [...item.history] };
  if (!applyPatch(ex, ctx, org, copy, ops)) return;
  copy.rev++;
  ctx.state.workItems.set(id, copy);
  ex.json(200, wire(copy, ctx, ex.origin, org));
}

interface PatchOp {
  op: string;
  path: string;
  value?: unknown;
}

async function patchBody(ex: Exchange): Promise<PatchOp[] | undefined> {
  const type = (ex.header("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (type !== "application/json-patch+json") {
    sendVssError(
      ex,
      415,
      {
        typeKey: "VssRequestContentTypeNotSupportedException",
        typeName: "Microsoft.VisualStudio.Services.WebApi.VssRequestContentTypeNotSupportedException",
      },
      `The request indicated a Content-Type of "${type}" for method type "${ex.method}" which is not supported. Valid content types for this method are: application/json-patch+json.`,
    );
    return undefined;
  }
  const body = await readJsonBody(ex, "document");
  if (body === undefined) return undefined;
  if (!Array.isArray(body)) {
    sendVssError(ex, 400, ARGUMENT, "You must pass a valid patch document in the body of the request.");
    return undefined;
  }
  return body as PatchOp[];
}

function applyPatch(ex: Exchange, ctx: EmulatorContext, org: Organization, item: StoredWorkItem, ops: PatchOp[]): boolean {
  for (const op of ops) {
    const m = /^\/fields\/([\w.]+)$/.exec(op.path ?? "");
    if (!m || !["add", "replace"].includes(op.op)) {
      sendVssError(ex, 400, ARGUMENT, `The emulator supports add/replace on /fields/<name> only, not ${op.op} ${op.path}.`);
      return false;
    }
    const name = m[1];
    const value = String(op.value ?? "");
    if (name === "System.AssignedTo") {
      const user = [...ctx.state.users.values()].find(
        (u) => u.principalName.toLowerCase() === value.toLowerCase() && u.organizations.includes(org.id),
      );
      if (!user) {
        sendVssError(
          ex,
          400,
          RULE_ERROR,
          `TF401320: Rule Error for field Assigned To. Error code: Required, HasValues, LimitedToValues, AllowsOldValue, InvalidEmpty. The identity value '${value}' for field 'Assigned To' is an unknown identity.`,
        );
        return false;
      }
      item.fields[name] = user.id;
    } else if (name === "System.State" && !STATES.includes(value)) {
      sendVssError(
        ex,
        400,
        RULE_ERROR,
        `TF401320: Rule Error for field State. Error code: Required, HasValues, LimitedToValues, AllowsOldValue, InvalidEmpty. The field 'State' contains the value '${value}' that is not in the list of supported values.`,
      );
      return false;
    } else if (name === "System.History") {
      item.history.push(value);
    } else {
      item.fields[name] = value;
    }
  }
  return true;
}

function wire(item: StoredWorkItem, ctx: EmulatorContext, origin: string, org: Organization, only?: string[]): unknown {
  const fields: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(item.fields)) {
    if (only && !only.includes(name.toLowerCase())) continue;
    if (name === "System.Tags" && value === "") continue; // the service leaves out an empty field
    if (name === "System.AssignedTo") {
      const user = ctx.state.users.get(String(value));
      fields[name] = user ? { displayName: user.displayName, uniqueName: user.principalName, id: user.id } : null;
    } else fields[name] = value;
  }
  return { id: item.id, rev: item.rev, fields, url: `${origin}/${org.name}/_apis/wit/workItems/${item.id}` };
}
