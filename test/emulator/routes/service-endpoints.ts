/**
 * dev.azure.com serviceendpoint endpoints (api-version 7.1): list by `endpointNames` and get by id in a
 * project; update (PUT, the whole endpoint) on the organization-level URL. Updating needs the
 * Administrator role on the connection; a job identity limited to its project sees only that project's
 * connections. Confidential parameters (apitoken, password, nugetkey; clientSecret and refreshToken of a
 * "Microsoft Entra user for PAT Lifecycle" connection, as the extension's endpoint type declares them)
 * come back null, and a PUT that sends one null keeps it. Sources: test/emulator/README.md ("Service connections").
 */
import { randomUUID } from "crypto";
import type { ServiceEndpoint } from "../../../src/api/model";
import type { Caller } from "../caller";
import { anyMethod, type EmulatorContext, type Route } from "../context";
import type { Exchange } from "../exchange";
import type { EmulatorState, StoredServiceEndpoint } from "../state";
import { ARGUMENT, sendVssError, vssErrorType } from "../vss-errors";
import type { EmuServiceEndpoint, NewServiceEndpoint } from "../wire-types";
import { admit, methodNotAllowed, readJsonBody } from "./org-guard";
import { callerDisplayName } from "./variable-groups";

const VERSIONS = { min: 5.0, max: 7.2, released: 7.1 };
const CONFIDENTIAL = new Set(["apitoken", "password", "nugetkey"]);
/** The extension's own endpoint type (vss-extension.json) marks these inputs confidential. */
const CONFIDENTIAL_BY_TYPE: Record<string, string[]> = { "pat-lifecycle-entra-user": ["clientsecret", "refreshtoken"] };

function confidential(e: { type: string }, name: string): boolean {
  const key = name.toLowerCase();
  return CONFIDENTIAL.has(key) || (CONFIDENTIAL_BY_TYPE[e.type.toLowerCase()] ?? []).includes(key);
}
const ACCESS_DENIED = vssErrorType("AccessDeniedException", "Microsoft.VisualStudio.Services.ServiceEndpoints.WebApi");
const NOT_FOUND = vssErrorType("ServiceEndpointNotFoundException", "Microsoft.VisualStudio.Services.ServiceEndpoints.WebApi");

export const serviceEndpointRoutes: Route[] = [
  {
    service: "devops",
    method: "GET",
    pattern: /^\/([^/_][^/]*)\/([^/_][^/]*)\/_apis\/serviceendpoint\/endpoints\/?([0-9a-f-]{36})?\/?$/i,
    handle: (ex, m, ctx) => getEndpoints(ex, ctx, m[1], decodeURIComponent(m[2]), m[3]),
  },
  anyMethod("devops", /^\/([^/_][^/]*)\/_apis\/serviceendpoint\/endpoints\/([0-9a-f-]{36})\/?$/i, (ex, m, ctx) =>
    putEndpoint(ex, ctx, m[1], m[2]),
  ),
];

const has = (e: StoredServiceEndpoint, project: string) => e.projects.some((p) => p.toLowerCase() === project.toLowerCase());

/** What the caller may see: everything of the organization, or only its own project's connections. */
function visibleTo(caller: Exclude<Caller, { kind: "anonymous" }>, orgId: string): (e: StoredServiceEndpoint) => boolean {
  const jobProject = caller.kind === "job" ? caller.identity.project : undefined;
  return (e) => e.orgId === orgId && (!jobProject || has(e, jobProject));
}

async function getEndpoints(ex: Exchange, ctx: EmulatorContext, orgName: string, project: string, id: string | undefined): Promise<void> {
  const admitted = admit(ex, ctx, orgName, VERSIONS);
  if (!admitted) return;
  const visible = visibleTo(admitted.caller, admitted.org.id);
  const state = ctx.state;
  if (id) {
    // By id the connection answers even from another project's URL (to a caller who may see it); a
    // connection the caller cannot see answers null, as the service's "not found" does for this GET.
    const endpoint = state.serviceEndpoints.get(id.toLowerCase());
    return endpoint && visible(endpoint) ? ex.json(200, wireEndpoint(endpoint, state)) : ex.empty(200);
  }
  const names = (ex.query("endpointNames") ?? "")
    .split(",")
    .map((n) => n.trim().toLowerCase())
    .filter(Boolean);
  const matches = [...state.serviceEndpoints.values()].filter(
    (e) => visible(e) && has(e, project) && (names.length === 0 || names.includes(e.name.toLowerCase())),
  );
  return ex.json(200, { count: matches.length, value: matches.map((e) => wireEndpoint(e, state)) });
}

async function putEndpoint(ex: Exchange, ctx: EmulatorContext, orgName: string, id: string): Promise<void> {
  if (ex.method !== "PUT") return methodNotAllowed(ex);
  const admitted = admit(ex, ctx, orgName, VERSIONS);
  if (!admitted) return;
  const { caller, org } = admitted;
  const endpoint = ctx.state.serviceEndpoints.get(id.toLowerCase());
  if (!endpoint || !visibleTo(caller, org.id)(endpoint))
    return sendVssError(ex, 404, NOT_FOUND, `Service connection with id ${id} does not exist.`);
  if (caller.kind === "job" && !caller.identity.serviceEndpointAdmin) {
    return sendVssError(
      ex,
      403,
      ACCESS_DENIED,
      `Access denied. ${callerDisplayName(caller)} needs Administrator permissions on the service endpoint ${endpoint.name} to perform the action.`,
    );
  }
  const body = (await readJsonBody(ex, "endpoint")) as Partial<ServiceEndpoint> | undefined;
  if (body === undefined) return;
  if (typeof body.name !== "string" || !body.name.trim() || typeof body.type !== "string" || !body.authorization?.scheme) {
    return sendVssError(ex, 400, ARGUMENT, "The service connection needs a name, a type and an authorization scheme.");
  }
  if (body.type.toLowerCase() !== endpoint.type.toLowerCase())
    return sendVssError(ex, 400, ARGUMENT, "The type of a service connection cannot be changed.");
  // The update replaces the sharing as sent: a PUT that lost the references would unshare the connection, so it is refused.
  const references = body.serviceEndpointProjectReferences ?? [];
  if (!references.some((r) => typeof r?.projectReference?.name === "string" && has(endpoint, r.projectReference.name))) {
    return sendVssError(
      ex,
      400,
      ARGUMENT,
      "serviceEndpointProjectReferences must name the projects the service connection is shared with.",
    );
  }
  const parameters: Record<string, string> = {};
  for (const [name, value] of Object.entries(body.authorization.parameters ?? {})) {
    const previous = endpoint.parameters[name];
    if (value !== null && value !== undefined) parameters[name] = String(value);
    else if (confidential(endpoint, name) && previous !== undefined && body.authorization.scheme === endpoint.scheme)
      parameters[name] = previous;
  }
  Object.assign(endpoint, {
    name: body.name,
    url: body.url ?? "",
    description: body.description ?? "",
    scheme: body.authorization.scheme,
    parameters,
    data: Object.fromEntries(Object.entries(body.data ?? {}).map(([k, v]) => [k, String(v)])),
    projects: references.map((r) => String(r.projectReference.name)),
    modifiedOnMs: ctx.state.clock.nowMs(),
  });
  return ex.json(200, wireEndpoint(endpoint, ctx.state));
}

function wireEndpoint(e: StoredServiceEndpoint, state: EmulatorState): ServiceEndpoint {
  const parameters = Object.fromEntries(Object.entries(e.parameters).map(([k, v]) => [k, confidential(e, k) ? null : v]));
  const identity = { displayName: "Emulator Administrator", id: "00000000-0000-0000-0000-00000000ad00" };
  return {
    id: e.id,
    name: e.name,
    type: e.type,
    url: e.url,
    description: e.description,
    authorization: { scheme: e.scheme, parameters },
    data: { ...e.data },
    createdBy: identity,
    isShared: e.projects.length > 1,
    isReady: true,
    owner: "Library",
    serviceEndpointProjectReferences: e.projects.map((p) => ({
      projectReference: { id: state.projectId(e.orgId, p), name: p },
      name: e.name,
      description: e.description,
    })),
  };
}

export function addServiceEndpoint(state: EmulatorState, org: string, n: NewServiceEndpoint): { id: string } {
  const id = randomUUID();
  state.serviceEndpoints.set(id, {
    id,
    orgId: state.requireOrganization(org).id,
    projects: n.projects,
    name: n.name,
    type: n.type,
    url: n.url ?? "https://example.invalid/",
    description: n.description ?? "",
    scheme: n.scheme,
    parameters: { ...n.parameters },
    data: { ...n.data },
    modifiedOnMs: state.clock.nowMs(),
  });
  return { id };
}

export function storedServiceEndpoint(state: EmulatorState, id: string): EmuServiceEndpoint {
  const e = state.serviceEndpoints.get(id);
  if (!e) throw new Error(`no service endpoint ${id}`);
  return {
    projects: e.projects,
    name: e.name,
    type: e.type,
    url: e.url,
    description: e.description,
    scheme: e.scheme,
    parameters: { ...e.parameters },
    data: { ...e.data },
    id: e.id,
  };
}
