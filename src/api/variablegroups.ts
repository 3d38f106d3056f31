/**
 * Variable groups (`{collection}{project}/_apis/distributedtask/variablegroups`), used with the job's
 * System.AccessToken to keep a refresh token or a new PAT as a secret variable.
 */
import { collectionBase, type CollectionContext } from "./context";
import { ApiError, VssApiError } from "./errors";
import type { VariableGroup, VariableGroupVariable } from "./model";

const VARIABLE_GROUPS_API_VERSION = "7.1";

const ROLE_HINT =
  'Give the pipeline\'s build service account ("<project> Build Service (<organization>)") the Administrator role ' +
  "on the variable group: Pipelines > Library > the group > Security.";

/** A variable group by name (exact, case-insensitive) or numeric id; a clear error when missing or forbidden. */
export async function findVariableGroup(ctx: CollectionContext, project: string, nameOrId: string): Promise<VariableGroup> {
  const base = `${collectionBase(ctx)}${encodeURIComponent(project)}/_apis/distributedtask/variablegroups`;
  const key = nameOrId.trim();
  const action = `read the variable group '${key}' of project '${project}'`;
  const missing = () =>
    new ApiError(
      `The variable group '${key}' was not found in project '${project}', or the pipeline may not see it. ` +
        `Check the name or id. ${ROLE_HINT}`,
      { status: 404 },
    );
  if (/^\d+$/.test(key)) {
    const res = await forbiddenAsRoleHint(action, () =>
      ctx.http.request<VariableGroup | undefined>({
        method: "GET",
        url: `${base}/${key}`,
        apiVersion: VARIABLE_GROUPS_API_VERSION,
        action,
      }),
    ).catch((e: unknown) => {
      if (e instanceof ApiError && e.status === 404) throw missing();
      throw e;
    });
    if (!res.body || typeof res.body.id !== "number") throw missing();
    return res.body;
  }
  const res = await forbiddenAsRoleHint(action, () =>
    ctx.http.request<{ value?: VariableGroup[] }>({
      method: "GET",
      url: base,
      apiVersion: VARIABLE_GROUPS_API_VERSION,
      query: { groupName: key },
      action,
    }),
  );
  const found = (res.body?.value ?? []).find((g) => g.name.toLowerCase() === key.toLowerCase());
  if (!found) throw missing();
  return found;
}

/** Sets `name` as a secret in `group`, keeping its other variables (unchanged secrets are sent as null, which keeps them). */
export async function setVariableGroupSecret(
  ctx: CollectionContext,
  project: string,
  group: VariableGroup,
  name: string,
  value: string,
): Promise<void> {
  const variables: Record<string, VariableGroupVariable> = { ...group.variables, [name]: { value, isSecret: true } };
  const body = {
    name: group.name,
    description: group.description,
    type: group.type ?? "Vsts",
    variables,
    variableGroupProjectReferences: group.variableGroupProjectReferences ?? [
      { name: group.name, description: group.description, projectReference: { name: project } },
    ],
  };
  const action = `write the secret '${name}' to the variable group '${group.name}'`;
  await forbiddenAsRoleHint(action, () =>
    ctx.http.request<VariableGroup>({
      method: "PUT",
      url: `${collectionBase(ctx)}${encodeURIComponent(project)}/_apis/distributedtask/variablegroups/${group.id}`,
      apiVersion: VARIABLE_GROUPS_API_VERSION,
      body,
      action,
    }),
  );
}

/** A 403 here means the role on the group is missing; say which role and where to give it. */
async function forbiddenAsRoleHint<T>(action: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 403) throw e;
    const said = e instanceof VssApiError ? e.serviceMessage : e.message;
    throw new ApiError(`The pipeline may not ${action} (HTTP 403). ${ROLE_HINT} Azure DevOps said: ${said}`, {
      status: 403,
      url: e.url,
    });
  }
}
