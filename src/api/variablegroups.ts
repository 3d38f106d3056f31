/**
 * Variable groups (`{collection}{project}/_apis/distributedtask/variablegroups`), used with the job's
 * System.AccessToken to keep a refresh token or a new PAT as a secret variable. Writes are merge-safe:
 * re-read right before the PUT, change only the caller's own variables, then read back to confirm.
 */
import { collectionBase, type CollectionContext } from "./context";
import { ApiError, answerLost } from "./errors";
import { forbiddenAsRoleHint, jobRoleHint } from "./job-identity";
import type { VariableGroup, VariableGroupVariable } from "./model";

const VARIABLE_GROUPS_API_VERSION = "7.1";
/** Read, write, confirm: this many rounds before a write that cannot be confirmed fails. */
const WRITE_ATTEMPTS = 3;

function roleHint(ctx: CollectionContext, project: string, group: string): string {
  return jobRoleHint(ctx, project, `variable group '${group}'`, `Pipelines > Library > '${group}' > Security`);
}

/** A variable group by name (exact, case-insensitive) or numeric id; a clear error when missing or forbidden. */
export async function findVariableGroup(ctx: CollectionContext, project: string, nameOrId: string): Promise<VariableGroup> {
  const base = `${collectionBase(ctx)}${encodeURIComponent(project)}/_apis/distributedtask/variablegroups`;
  const key = nameOrId.trim();
  const action = `read the variable group '${key}' of project '${project}'`;
  const missing = () =>
    new ApiError(
      `The variable group '${key}' was not found in project '${project}', or the pipeline may not see it. ` +
        `Check the name or id. ${roleHint(ctx, project, key)}`,
      { status: 404 },
    );
  if (/^\d+$/.test(key)) {
    const res = await forbiddenAsRoleHint(action, roleHint(ctx, project, key), () =>
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
  const res = await forbiddenAsRoleHint(action, roleHint(ctx, project, key), () =>
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

/** The variables a write sets: name -> value (secrets marked). */
export type VariableChanges = Record<string, VariableGroupVariable & { value: string }>;

export interface VariableGroupUpdate {
  /**
   * Given the group as read right before the write, the caller's own variables to set. May throw to
   * refuse the write (a compare-and-set that finds someone else's value): the error is passed on.
   */
  changes: (group: VariableGroup) => VariableChanges;
  /** Says what the write does, for messages ("write the secret 'X'"). */
  what: string;
}

/**
 * Sets the caller's variables in a group without losing anyone else's change: each round re-reads
 * the group, sends it back with only the caller's variables changed (secrets it did not set go as
 * null, which keeps them), then reads it again to confirm. A round whose answer was lost, or whose
 * change is gone by the confirming read (someone wrote in between), is repeated; after WRITE_ATTEMPTS
 * the write fails naming the group. Secrets cannot be read back: a change is confirmed by its
 * non-secret variables, and a secret by being present and secret.
 */
export async function updateVariableGroup(
  ctx: CollectionContext,
  project: string,
  nameOrId: string,
  u: VariableGroupUpdate,
): Promise<VariableGroup> {
  let key = nameOrId;
  let groupName = nameOrId;
  let lastProblem = "";
  for (let attempt = 1; attempt <= WRITE_ATTEMPTS; attempt++) {
    const group = await findVariableGroup(ctx, project, key);
    key = String(group.id);
    groupName = group.name;
    const changes = u.changes(group);
    const action = `${u.what} to the variable group '${group.name}'`;
    try {
      await forbiddenAsRoleHint(action, roleHint(ctx, project, group.name), () =>
        ctx.http.request<VariableGroup>({
          // The organization-level URL Learn documents for 7.1; the project goes in the references.
          method: "PUT",
          url: `${collectionBase(ctx)}_apis/distributedtask/variablegroups/${group.id}`,
          apiVersion: VARIABLE_GROUPS_API_VERSION,
          body: putBody(group, project, changes),
          action,
          // Not resent blindly: the whole set would overwrite a change made since; this loop re-reads instead.
          idempotent: false,
        }),
      );
    } catch (error) {
      // The PUT may have been applied even though its answer never came: the read-back decides.
      if (!answerLost(error)) throw error;
      lastProblem = error instanceof Error ? error.message : String(error);
    }
    const after = await findVariableGroup(ctx, project, key);
    if (holds(after, changes)) return after;
    lastProblem ||= "another change to the group replaced it before it could be confirmed";
  }
  throw new ApiError(
    `Could not confirm the write to the variable group '${groupName}' in project '${project}' after ${WRITE_ATTEMPTS} attempts ` +
      `(${lastProblem}). Check the group in Pipelines > Library and run the task again.`,
  );
}

/** Sets `name` as a secret in the group, keeping its other variables (a merge-safe updateVariableGroup). */
export async function setVariableGroupSecret(
  ctx: CollectionContext,
  project: string,
  nameOrId: string,
  name: string,
  value: string,
): Promise<VariableGroup> {
  return updateVariableGroup(ctx, project, nameOrId, {
    what: `write the secret '${name}'`,
    changes: () => ({ [name]: { value, isSecret: true } }),
  });
}

/** A variable of the group by name, case-insensitive as Azure DevOps treats them. */
export function groupVariable(group: VariableGroup, name: string): VariableGroupVariable | undefined {
  const found = Object.entries(group.variables ?? {}).find(([k]) => k.toLowerCase() === name.toLowerCase());
  return found?.[1];
}

function putBody(group: VariableGroup, project: string, changes: VariableChanges): unknown {
  const variables: Record<string, VariableGroupVariable> = {};
  for (const [name, v] of Object.entries(group.variables ?? {})) {
    if (!Object.keys(changes).some((c) => c.toLowerCase() === name.toLowerCase())) variables[name] = v;
  }
  Object.assign(variables, changes);
  return {
    name: group.name,
    description: group.description,
    type: group.type ?? "Vsts",
    variables,
    // Required: a PUT without them is refused (MicrosoftDocs/vsts-rest-api-specs#531).
    variableGroupProjectReferences: group.variableGroupProjectReferences ?? [
      { name: group.name, description: group.description, projectReference: { name: project } },
    ],
  };
}

function holds(group: VariableGroup, changes: VariableChanges): boolean {
  return Object.entries(changes).every(([name, wanted]) => {
    const v = groupVariable(group, name);
    if (!v) return false;
    return wanted.isSecret ? v.isSecret === true : v.isSecret !== true && v.value === wanted.value;
  });
}
