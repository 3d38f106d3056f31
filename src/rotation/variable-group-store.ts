/**
 * Delivers the new PAT as a secret variable of a variable group (distributedtask API, job token),
 * with non-secret companions in the same update: `<name>.AuthorizationId`, `<name>.ValidTo` and
 * `<name>.Leftovers` (what the task left behind: `replaced:<id>`, `orphan:<id>`, `pendingCreate:<validTo>`).
 * The write is a compare-and-set on `<name>.AuthorizationId` (see rotate.ts).
 */
import type { CollectionContext } from "../api/context";
import { findVariableGroup, groupVariable, updateVariableGroup, type VariableChanges } from "../api/variablegroups";
import { ApiError } from "../api/errors";
import type { VariableGroup } from "../api/model";
import { formatLeftovers, parseLeftovers } from "./recorded-leftovers";
import { StoreHeldByOtherError, type RecordedLeftover, type SecretStore, type StoreRecord } from "./secret-store";

export interface VariableGroupStoreOptions {
  collection: CollectionContext;
  project: string;
  /** Group name or numeric id. */
  group: string;
  variableName: string;
}

/** The companion variables' names for a secret variable. */
function recordVariables(variableName: string): { authorizationId: string; validTo: string; leftovers: string } {
  return { authorizationId: `${variableName}.AuthorizationId`, validTo: `${variableName}.ValidTo`, leftovers: `${variableName}.Leftovers` };
}

export function variableGroupStore(o: VariableGroupStoreOptions): SecretStore {
  const names = recordVariables(o.variableName);
  const name = `variable group '${o.group}' (${o.variableName})`;
  return {
    name,
    async store(secret, pat, write) {
      // Looked up at write time, not before: other variables may change while the PAT is created.
      await updateVariableGroup(o.collection, o.project, o.group, {
        what: `write the secret '${o.variableName}'`,
        changes: (group) => {
          refuseKeyVaultLinked(group, o.variableName);
          // Compare-and-set: the group must still hold what this run started from (or already this PAT).
          const held = recordOf(group, names);
          if (
            held?.authorizationId &&
            held.authorizationId !== write.from.authorizationId &&
            held.authorizationId !== pat.authorizationId
          ) {
            throw new StoreHeldByOtherError(name, held.authorizationId, write.from.authorizationId);
          }
          return {
            [o.variableName]: { value: secret, isSecret: true },
            ...recordChanges(names, pat.authorizationId, pat.validTo, write.leftovers),
          };
        },
      });
    },
    async readRecord() {
      const group = await findVariableGroup(o.collection, o.project, o.group);
      refuseKeyVaultLinked(group, o.variableName);
      return recordOf(group, names);
    },
    async addLeftovers(leftovers) {
      await updateVariableGroup(o.collection, o.project, o.group, {
        what: `record leftovers in '${names.leftovers}'`,
        changes: (group) => ({
          [names.leftovers]: { value: formatLeftovers([...(recordOf(group, names)?.leftovers ?? []), ...leftovers]) },
        }),
      });
    },
  };
}

function recordChanges(
  names: ReturnType<typeof recordVariables>,
  authorizationId: string,
  validTo: string,
  leftovers: RecordedLeftover[],
): VariableChanges {
  return {
    [names.authorizationId]: { value: authorizationId },
    [names.validTo]: { value: validTo },
    [names.leftovers]: { value: formatLeftovers(leftovers) },
  };
}

function recordOf(group: VariableGroup, names: ReturnType<typeof recordVariables>): StoreRecord | undefined {
  const id = groupVariable(group, names.authorizationId)?.value?.trim() ?? "";
  const leftovers = groupVariable(group, names.leftovers)?.value;
  if (!id && !leftovers) return undefined;
  return {
    authorizationId: id,
    validTo: groupVariable(group, names.validTo)?.value ?? undefined,
    leftovers: parseLeftovers(groupVariable(group, names.leftovers)?.value ?? ""),
  };
}

/** A group linked to a Key Vault takes its variables from the vault: a write here would not reach its consumers. */
function refuseKeyVaultLinked(group: VariableGroup, variableName: string): void {
  if (group.type?.toLowerCase() !== "azurekeyvault") return;
  const vault = group.providerData?.vault ? `the Azure Key Vault '${group.providerData.vault}'` : "an Azure Key Vault";
  throw new ApiError(
    `The variable group '${group.name}' is linked to ${vault}: its variables, '${variableName}' included, come from the vault, and a pipeline cannot write them through the group. ` +
      `Write the new PAT into the vault's secret instead: set the inputs azureSubscription (a service connection that may write the vault's secrets), ` +
      `keyVaultName ('${group.providerData?.vault ?? "the vault"}') and secretName (the secret behind '${variableName}'), ` +
      "and leave variableGroup empty or name a group that is not linked to a vault.",
  );
}
