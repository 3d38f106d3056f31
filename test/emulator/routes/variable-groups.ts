/**
 * dev.azure.com distributedtask variable groups: list/get in a project, and update (PUT) on the
 * organization-level URL Learn documents for 7.1. Updating needs the Administrator role on the group;
 * a job identity limited to its project sees and updates only that project's groups; a PUT without
 * variableGroupProjectReferences is refused. Secret values are never returned (null); a PUT that
 * sends a secret with a null value keeps it. Sources: test/emulator/README.md.
 */
import type { VariableGroup, VariableGroupVariable } from "../../../src/api/model";
import type { Caller } from "../caller";
import { anyMethod, type EmulatorContext, type Route } from "../context";
import type { Exchange } from "../exchange";
import type { EmulatorState, StoredVariable, StoredVariableGroup } from "../state";
import { sendVssError, vssErrorType } from "../vss-errors";
import { admit, methodNotAllowed, readJsonBody } from "./org-guard";

const VERSIONS = { min: 5.0, max: 7.2, released: 7.1 };
const ACCESS_DENIED = vssErrorType("AccessDeniedException", "Microsoft.TeamFoundation.DistributedTask.WebApi");
const NOT_FOUND = vssErrorType("VariableGroupNotFoundException", "Microsoft.TeamFoundation.DistributedTask.WebApi");

export const variableGroupRoutes: Route[] = [
  anyMethod("devops", /^\/([^/_][^/]*)\/([^/_][^/]*)\/_apis\/distributedtask\/variablegroups\/?(\d+)?\/?$/i, (ex, m, ctx) =>
    handleGroups(ex, ctx, m[1], m[2], m[3]),
  ),
  anyMethod("devops", /^\/([^/_][^/]*)\/_apis\/distributedtask\/variablegroups\/?(\d+)?\/?$/i, (ex, m, ctx) =>
    handleGroups(ex, ctx, m[1], undefined, m[2]),
  ),
];

async function handleGroups(
  ex: Exchange,
  ctx: EmulatorContext,
  orgName: string,
  project: string | undefined,
  idText: string | undefined,
): Promise<void> {
  const admitted = admit(ex, ctx, orgName, VERSIONS);
  if (!admitted) return;
  const { org, caller } = admitted;
  const state = ctx.state;
  const has = (g: StoredVariableGroup, name: string) => g.projects.some((p) => p.toLowerCase() === name.toLowerCase());
  // A job limited to its own project (the default job authorization scope) reaches nothing else.
  const jobProject = caller.kind === "job" ? caller.identity.project : undefined;
  const visible = (g: StoredVariableGroup) => g.orgId === org.id && (!jobProject || has(g, jobProject));
  const inProject = (g: StoredVariableGroup) => visible(g) && (!project || has(g, project));
  const collectionUrl = `${ex.origin}/${org.name}/`;
  if (ex.method === "GET") {
    if (idText) {
      const group = state.variableGroups.get(Number(idText));
      if (!group || !inProject(group)) return sendVssError(ex, 404, NOT_FOUND, `Variable group with id ${idText} does not exist.`);
      return ex.json(200, wireVariableGroup(group, state, collectionUrl));
    }
    const name = ex.query("groupName");
    const ids = ex.query("groupIds")?.split(",").map(Number);
    const matches = [...state.variableGroups.values()]
      .filter(inProject)
      .filter((g) => !name || wildcardMatch(name, g.name))
      .filter((g) => !ids || ids.includes(g.id));
    return ex.json(200, { count: matches.length, value: matches.map((g) => wireVariableGroup(g, state, collectionUrl)) });
  }
  if (ex.method === "PUT" && idText && (!project || state.variableGroupRules.acceptProjectLevelPut)) {
    const group = state.variableGroups.get(Number(idText));
    if (!group || !visible(group)) return sendVssError(ex, 404, NOT_FOUND, `Variable group with id ${idText} does not exist.`);
    if (!mayAdminister(caller)) {
      return sendVssError(
        ex,
        403,
        ACCESS_DENIED,
        `Access denied. ${callerDisplayName(caller)} needs Administrator permissions to perform the action. For more information, contact the Azure DevOps Server administrator.`,
      );
    }
    const body = await readJsonBody(ex, "variableGroupParameters");
    if (body === undefined) return;
    const params = body as Partial<VariableGroup>;
    if (typeof params.name !== "string" || !params.name.trim())
      return sendVssError(
        ex,
        400,
        { typeKey: "ArgumentException", typeName: "System.ArgumentException, mscorlib" },
        "Variable group name is required.",
      );
    if (!params.variables || typeof params.variables !== "object")
      return sendVssError(
        ex,
        400,
        { typeKey: "ArgumentException", typeName: "System.ArgumentException, mscorlib" },
        "Variable group must have at least one variable.",
      );
    const references = params.variableGroupProjectReferences;
    if (state.variableGroupRules.requireProjectReferences) {
      // Reported answers: none at all -> 401 (MicrosoftDocs/vsts-rest-api-specs#531); no project name that is
      // the group's -> 400 "Project information name is not valid…" (microsoft/azure-devops-node-api#424).
      if (!Array.isArray(references) || references.length === 0) return ex.empty(401);
      if (!references.some((r) => typeof r?.projectReference?.name === "string" && has(group, r.projectReference.name))) {
        return sendVssError(
          ex,
          400,
          { typeKey: "ArgumentException", typeName: "System.ArgumentException, mscorlib" },
          "Project information name is not valid for variable group.",
        );
      }
    }
    group.name = params.name;
    group.description = params.description ?? group.description;
    group.variables = mergeVariables(group.variables, params.variables);
    group.modifiedOnMs = state.clock.nowMs();
    return ex.json(200, wireVariableGroup(group, state, collectionUrl));
  }
  return methodNotAllowed(ex);
}

function mayAdminister(caller: Exclude<Caller, { kind: "anonymous" }>): boolean {
  if (caller.kind === "job") return caller.identity.variableGroupAdmin;
  return caller.kind === "entraUser" || caller.kind === "pat";
}

export function callerDisplayName(caller: Exclude<Caller, { kind: "anonymous" }>): string {
  switch (caller.kind) {
    case "job":
      return caller.identity.displayName;
    case "app":
      return caller.appId;
    default:
      return caller.user.displayName;
  }
}

function mergeVariables(
  old: Record<string, StoredVariable>,
  incoming: Record<string, VariableGroupVariable>,
): Record<string, StoredVariable> {
  const next: Record<string, StoredVariable> = {};
  for (const [name, v] of Object.entries(incoming)) {
    const isSecret = v?.isSecret === true;
    const previous = Object.entries(old).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
    const value = v?.value ?? (isSecret && previous?.isSecret ? previous.value : "");
    next[name] = { value, isSecret, ...(v?.isReadOnly ? { isReadOnly: true } : {}) };
  }
  return next;
}

export function wireVariableGroup(
  g: StoredVariableGroup,
  state: EmulatorState,
  collectionUrl: string,
): VariableGroup & Record<string, unknown> {
  const variables: Record<string, VariableGroupVariable> = {};
  for (const [name, v] of Object.entries(g.variables)) variables[name] = v.isSecret ? { isSecret: true, value: null } : { value: v.value };
  const identity = { displayName: "Emulator Administrator", id: "00000000-0000-0000-0000-00000000ad00" };
  return {
    variables,
    id: g.id,
    // A Key Vault-linked group: type and providerData as Learn's Variablegroups - Get shows them.
    type: g.keyVault ? "AzureKeyVault" : "Vsts",
    ...(g.keyVault ? { providerData: { serviceEndpointId: "00000000-0000-0000-0000-0000000000a2", vault: g.keyVault } } : {}),
    name: g.name,
    description: g.description,
    createdBy: identity,
    createdOn: new Date(g.createdOnMs).toISOString(),
    modifiedBy: identity,
    modifiedOn: new Date(g.modifiedOnMs).toISOString(),
    isShared: false,
    variableGroupProjectReferences: g.projects.map((p) => ({
      projectReference: { id: state.projectId(g.orgId, p), name: p },
      name: g.name,
      description: g.description,
    })),
    url: `${collectionUrl}_apis/distributedtask/variablegroups/${g.id}`,
  };
}

/** groupName accepts `*` wildcards, matched case-insensitively. */
function wildcardMatch(pattern: string, name: string): boolean {
  const re = new RegExp(
    `^${pattern
      .split("*")
      .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
      .join(".*")}$`,
    "i",
  );
  return re.test(name);
}
