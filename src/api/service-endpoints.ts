/**
 * Service connections (`{collection}{project}/_apis/serviceendpoint/endpoints`, api-version 7.1), used
 * with the job's System.AccessToken to put a new PAT into a connection that holds one. The update is
 * a PUT of the whole endpoint on the organization-level URL (Learn: Endpoints - Update Service
 * Endpoint); confidential parameters come back null on a GET, so the caller sends every one it sets.
 * Two kinds of connection are written: one that holds a PAT (RotatePat's store) and a "Microsoft Entra
 * user for PAT Lifecycle" connection that holds a sign-in (PatLifecycleSignIn).
 */
import { collectionBase, type CollectionContext } from "./context";
import { ApiError } from "./errors";
import { forbiddenAsRoleHint, jobRoleHint } from "./job-identity";
import type { ServiceEndpoint } from "./model";

const SERVICE_ENDPOINTS_API_VERSION = "7.1";
const ENTRA_USER_ENDPOINT_TYPE = "pat-lifecycle-entra-user";
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function roleHint(ctx: CollectionContext, project: string, name: string): string {
  return jobRoleHint(ctx, project, `service connection '${name}'`, `Project settings > Service connections > '${name}' > Security`);
}

/** In the project by name (exact, case-insensitive) or id; a sentence for missing, forbidden or another project's. */
export async function findServiceEndpoint(ctx: CollectionContext, project: string, nameOrId: string): Promise<ServiceEndpoint> {
  const key = nameOrId.trim();
  const base = `${collectionBase(ctx)}${encodeURIComponent(project)}/_apis/serviceendpoint/endpoints`;
  const action = `read the service connection '${key}' of project '${project}'`;
  const byId = GUID.test(key);
  const res = await forbiddenAsRoleHint(action, roleHint(ctx, project, key), () =>
    ctx.http.request<ServiceEndpoint | { value?: ServiceEndpoint[] } | undefined>(
      byId
        ? { method: "GET", url: `${base}/${key}`, apiVersion: SERVICE_ENDPOINTS_API_VERSION, action }
        : { method: "GET", url: base, apiVersion: SERVICE_ENDPOINTS_API_VERSION, query: { endpointNames: key }, action },
    ),
  ).catch((e: unknown) => {
    if (e instanceof ApiError && e.status === 404) return { body: undefined };
    throw e;
  });
  const body = res.body;
  const found = byId
    ? (body as ServiceEndpoint | undefined)
    : ((body as { value?: ServiceEndpoint[] } | undefined)?.value ?? []).find((e) => e.name.toLowerCase() === key.toLowerCase());
  if (!found || typeof found.id !== "string") {
    throw new ApiError(
      `No service connection ${byId ? "with id" : "named"} '${key}' was found in project '${project}' that the pipeline can see. ` +
        `Check the name or id in Project settings > Service connections; a connection of another project must first be shared with '${project}'. ` +
        roleHint(ctx, project, key),
      { status: 404 },
    );
  }
  const references = found.serviceEndpointProjectReferences ?? [];
  if (references.length > 0 && !references.some((r) => sameProject(r.projectReference, project))) {
    const owners = references.map((r) => r.projectReference.name ?? r.projectReference.id).join(", ");
    throw new ApiError(
      `The service connection '${found.name}' belongs to project ${owners}, not to '${project}' where this pipeline runs. ` +
        `Share it with '${project}' (its Security page > Project permissions), or run the rotation in a pipeline of ${owners}.`,
    );
  }
  return found;
}

/** Replaces the endpoint with `endpoint` (the whole object, as read, with the caller's changes). */
export async function updateServiceEndpoint(ctx: CollectionContext, project: string, endpoint: ServiceEndpoint): Promise<void> {
  const action = `update the service connection '${endpoint.name}'`;
  await forbiddenAsRoleHint(action, roleHint(ctx, project, endpoint.name), () =>
    ctx.http.request<ServiceEndpoint>({
      method: "PUT",
      url: `${collectionBase(ctx)}_apis/serviceendpoint/endpoints/${endpoint.id}`,
      apiVersion: SERVICE_ENDPOINTS_API_VERSION,
      body: endpoint,
      action,
      // A lost answer is read back by the caller, never resent blindly over someone else's change.
      idempotent: false,
    }),
  );
}

function sameProject(ref: { id?: string; name?: string }, project: string): boolean {
  const p = project.toLowerCase();
  return ref.name?.toLowerCase() === p || ref.id?.toLowerCase() === p;
}

/** The sign-in a connection of our type holds; a device code sign-in is a public client, so no client secret. */
interface EntraUserConnectionFields {
  tenantId: string;
  clientId: string;
  refreshToken: string;
}

/** Replaces the tenant, client and refresh token of the connection `nameOrId`, after checking it is of our type. */
export async function updateEntraUserConnection(
  ctx: CollectionContext,
  project: string,
  nameOrId: string,
  fields: EntraUserConnectionFields,
): Promise<{ name: string }> {
  const endpoint = await findServiceEndpoint(ctx, project, nameOrId);
  if (endpoint.type !== ENTRA_USER_ENDPOINT_TYPE) {
    throw new ApiError(
      `The service connection '${endpoint.name}' is of type '${endpoint.type}', not 'Microsoft Entra user for PAT Lifecycle'; pick a connection of that type.`,
      { status: 400 },
    );
  }
  await updateServiceEndpoint(ctx, project, {
    ...endpoint,
    authorization: { scheme: endpoint.authorization?.scheme ?? "None", parameters: { ...fields } },
  });
  return { name: endpoint.name };
}
