/**
 * Stores a sign-in in the variable group the other tasks read: the refresh token first, through the
 * tasks' own write-back (which keeps it in the secret output variable RefreshToken before anything can
 * fail), then the tenant and client ids and the issue time, each a merge-safe update of the group.
 */
import type { CollectionContext } from "../../src/api/context";
import { updateVariableGroup } from "../../src/api/variablegroups";
import { MessageError } from "../../src/messages/shared-messages";
import type { StoredSignIn } from "../../src/pipeline/pipeline-sign-in";
import { issuedAtVariable, saveIssuedAt } from "../../src/pipeline/refresh-token-issued-at";
import { writeBackRefreshToken } from "../../src/pipeline/refresh-token-writeback";
import { logLine } from "../../src/pipeline/task-log";
import { loc } from "./loc";

const TENANT_ID_VARIABLE = "PatLifecycleTenantId";
const CLIENT_ID_VARIABLE = "PatLifecycleClientId";

interface VariableGroupTarget {
  collection: CollectionContext | undefined;
  project: string;
  nameOrId: string;
  refreshTokenVariableName: string;
  now: () => Date;
}

export async function storeInVariableGroup(target: VariableGroupTarget, signIn: StoredSignIn): Promise<void> {
  const collection = target.collection;
  await writeBackRefreshToken({
    refreshToken: signIn.refreshToken,
    variableGroup: { nameOrId: target.nameOrId, variableName: target.refreshTokenVariableName, project: target.project, collection },
    warnWhenNotSaved: false,
    now: target.now(),
  });
  // writeBackRefreshToken has failed with JobTokenMissing already when there is no job token.
  if (!collection) throw new MessageError("JobTokenMissing", target.nameOrId);
  await updateVariableGroup(collection, target.project, target.nameOrId, {
    what: `write the secrets '${TENANT_ID_VARIABLE}' and '${CLIENT_ID_VARIABLE}'`,
    changes: () => ({
      [TENANT_ID_VARIABLE]: { value: signIn.tenantId, isSecret: true },
      [CLIENT_ID_VARIABLE]: { value: signIn.clientId, isSecret: true },
    }),
  });
  await saveIssuedAt(collection, target.project, target.nameOrId, target.refreshTokenVariableName, target.now());
  logLine(
    loc("SignInIdsStored", TENANT_ID_VARIABLE, CLIENT_ID_VARIABLE, issuedAtVariable(target.refreshTokenVariableName), target.nameOrId),
  );
}
