/** Delivers the new PAT as a secret variable of a variable group (distributedtask API, job token). */
import type { CollectionContext } from "../api/context";
import { findVariableGroup, setVariableGroupSecret } from "../api/variablegroups";
import type { SecretStore } from "./secret-store";

export interface VariableGroupStoreOptions {
  collection: CollectionContext;
  project: string;
  /** Group name or numeric id. */
  group: string;
  variableName: string;
}

export function variableGroupStore(o: VariableGroupStoreOptions): SecretStore {
  return {
    name: `variable group '${o.group}' (${o.variableName})`,
    async store(secret) {
      // Looked up at store time, not before: other variables may change while the PAT is created.
      const group = await findVariableGroup(o.collection, o.project, o.group);
      await setVariableGroupSecret(o.collection, o.project, group, o.variableName, secret);
    },
  };
}
