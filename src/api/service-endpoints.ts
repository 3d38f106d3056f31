/**
 * Service connections (`{collection}{project}/_apis/serviceendpoint/endpoints/{id}`, Get, and
 * `{collection}_apis/serviceendpoint/endpoints/{id}`, Update Service Endpoint; api-version 7.1), used
 * with the job's System.AccessToken to put a new sign-in into a "Microsoft Entra user for PAT Lifecycle"
 * connection. The service returns confidential parameters as null, so an update sends every parameter.
 */
import { collectionBase, type CollectionContext } from "./context";
import { ApiError } from "./errors";
import { withRoleHint } from "./forbidden-hint";

const SERVICE_ENDPOINTS_API_VERSION = "7.1";
const ENTRA_USER_ENDPOINT_TYPE = "pat-lifecycle-entra-user";
const ROLE_HINT =
  'Give the pipeline\'s build service account ("<project> Build Service (<organization>)") the Administrator role ' +
  "on the connection: Project settings > Service connections > the connection > Security.";

interface ServiceEndpoint {
  id: string;
  name: string;
  type: string;
  authorization?: { scheme?: string; parameters?: Record<string, string | null> };
  [field: string]: unknown;
}

/** The sign-in a connection of our type holds; a device code sign-in is a public client, so no client secret. */
interface EntraUserConnectionFields {
  tenantId: string;
  clientId: string;
  refreshToken: string;
}

/** Replaces the tenant, client and refresh token of the connection `id`, after checking it is of our type. */
export async function updateEntraUserConnection(
  ctx: CollectionContext,
  project: string,
  id: string,
  fields: EntraUserConnectionFields,
): Promise<{ name: string }> {
  const read = `read the service connection '${id}' of project '${project}'`;
  const found = await withRoleHint(read, ROLE_HINT, () =>
    ctx.http.request<ServiceEndpoint | null>({
      method: "GET",
      url: `${collectionBase(ctx)}${encodeURIComponent(project)}/_apis/serviceendpoint/endpoints/${encodeURIComponent(id)}`,
      apiVersion: SERVICE_ENDPOINTS_API_VERSION,
      action: read,
    }),
  );
  const endpoint = found.body;
  // An unknown id is answered with 200 and no body.
  if (!endpoint?.id)
    throw new ApiError(
      `The service connection '${id}' was not found in project '${project}'. Check entraConnection (the connection's id or the name the task picker shows).`,
      { status: 404 },
    );
  if (endpoint.type !== ENTRA_USER_ENDPOINT_TYPE) {
    throw new ApiError(
      `The service connection '${endpoint.name}' is of type '${endpoint.type}', not 'Microsoft Entra user for PAT Lifecycle'; pick a connection of that type.`,
      { status: 400 },
    );
  }
  const update = `update the service connection '${endpoint.name}'`;
  await withRoleHint(update, ROLE_HINT, () =>
    ctx.http.request<ServiceEndpoint>({
      method: "PUT",
      url: `${collectionBase(ctx)}_apis/serviceendpoint/endpoints/${encodeURIComponent(endpoint.id)}`,
      apiVersion: SERVICE_ENDPOINTS_API_VERSION,
      body: { ...endpoint, authorization: { scheme: endpoint.authorization?.scheme ?? "None", parameters: { ...fields } } },
      action: update,
    }),
  );
  return { name: endpoint.name };
}
