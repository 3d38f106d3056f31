/**
 * dev.azure.com service connections (`_apis/serviceendpoint/endpoints`): GET in a project and the
 * organization-level PUT, as learn.microsoft.com/rest/api/azure/devops/serviceendpoint/endpoints
 * ("Get", "Update Service Endpoint", 7.1) describes them. Confidential authorization parameters come
 * back as null. Strict where the service is unknown: a PUT replaces the parameters with exactly what it
 * sends, so a client that drops one loses it. Updating needs the Administrator role on the connection;
 * a job token has it only when the connection was added with `buildServiceIsAdmin`.
 */
import type { Caller } from "../caller";
import type { EmulatorContext, Route } from "../context";
import type { Exchange } from "../exchange";
import type { StoredServiceEndpoint } from "../state";
import { sendVssError } from "../vss-errors";
import { admit, methodNotAllowed, readJsonBody } from "./org-guard";

const VERSIONS = { min: 5.0, max: 7.2, released: 7.1 };
const NOT_FOUND = {
  typeKey: "ServiceEndpointNotFoundException",
  typeName:
    "Microsoft.VisualStudio.Services.ServiceEndpoints.WebApi.ServiceEndpointNotFoundException, Microsoft.VisualStudio.Services.ServiceEndpoints.WebApi",
};
const ACCESS_DENIED = {
  typeKey: "AccessDeniedException",
  typeName:
    "Microsoft.VisualStudio.Services.ServiceEndpoints.WebApi.AccessDeniedException, Microsoft.VisualStudio.Services.ServiceEndpoints.WebApi",
};

export const serviceEndpointRoutes: Route[] = [
  {
    service: "devops",
    method: "GET",
    pattern: /^\/([^/_][^/]*)\/([^/_][^/]*)\/_apis\/serviceendpoint\/endpoints\/([0-9a-f-]{36})\/?$/i,
    handle: (ex, m, ctx) => handleEndpoint(ex, ctx, m[1], m[2], m[3]),
  },
  {
    service: "devops",
    method: "*",
    pattern: /^\/([^/_][^/]*)\/_apis\/serviceendpoint\/endpoints\/([0-9a-f-]{36})\/?$/i,
    handle: (ex, m, ctx) => handleEndpoint(ex, ctx, m[1], undefined, m[2]),
  },
];

async function handleEndpoint(ex: Exchange, ctx: EmulatorContext, orgName: string, project: string | undefined, id: string): Promise<void> {
  const admitted = admit(ex, ctx, orgName, VERSIONS);
  if (!admitted) return;
  const { org, caller } = admitted;
  const endpoint = ctx.state.serviceEndpoints.get(id.toLowerCase());
  const visible =
    endpoint && endpoint.orgId === org.id && (!project || endpoint.projects.some((p) => p.toLowerCase() === project.toLowerCase()));
  if (ex.method === "GET" && project) {
    // The service answers an unknown id with 200 and an empty body.
    if (!visible) return ex.json(200, null);
    return ex.json(200, wireServiceEndpoint(endpoint));
  }
  if (ex.method !== "PUT") return methodNotAllowed(ex);
  if (!endpoint || endpoint.orgId !== org.id) return sendVssError(ex, 404, NOT_FOUND, `Service connection with id ${id} does not exist.`);
  if (!mayAdminister(caller, endpoint)) {
    return sendVssError(
      ex,
      403,
      ACCESS_DENIED,
      `Access denied. ${callerName(caller)} needs Administrator permissions on service connection '${endpoint.name}' to perform the action.`,
    );
  }
  const body = (await readJsonBody(ex, "endpoint")) as
    { name?: unknown; authorization?: { scheme?: unknown; parameters?: unknown } } | undefined;
  if (body === undefined) return;
  const parameters = body.authorization?.parameters;
  if (!parameters || typeof parameters !== "object")
    return sendVssError(
      ex,
      400,
      { typeKey: "ArgumentException", typeName: "System.ArgumentException, mscorlib" },
      "endpoint.Authorization is required.",
    );
  endpoint.parameters = Object.fromEntries(
    Object.entries(parameters as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === "string"),
  );
  if (typeof body.name === "string" && body.name.trim()) endpoint.name = body.name;
  return ex.json(200, wireServiceEndpoint(endpoint));
}

function mayAdminister(caller: Exclude<Caller, { kind: "anonymous" }>, endpoint: StoredServiceEndpoint): boolean {
  if (caller.kind === "job") return endpoint.buildServiceIsAdmin;
  return caller.kind === "entraUser" || caller.kind === "pat";
}

function callerName(caller: Exclude<Caller, { kind: "anonymous" }>): string {
  if (caller.kind === "job") return caller.identity.displayName;
  if (caller.kind === "app") return caller.appId;
  return caller.user.displayName;
}

/** The service's shape; confidential parameters as null. */
function wireServiceEndpoint(e: StoredServiceEndpoint): Record<string, unknown> {
  const parameters = Object.fromEntries(Object.entries(e.parameters).map(([k, v]) => [k, e.confidential.includes(k) ? null : v]));
  return {
    id: e.id,
    name: e.name,
    type: e.type,
    url: e.url,
    isShared: false,
    isReady: true,
    owner: "Library",
    authorization: { scheme: e.scheme, parameters },
    data: {},
    serviceEndpointProjectReferences: e.projects.map((name) => ({ name, projectReference: { name } })),
  };
}
