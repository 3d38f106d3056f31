/**
 * Stores a sign-in in the variable group the other tasks read: tenant and client ids and the issue date
 * first, then the refresh token through the tasks' own write-back (which re-reads the group before each write).
 */
import * as tl from "azure-pipelines-task-lib/task";
import type { CollectionContext } from "../../src/api/context";
import { findVariableGroup, setVariableGroupSecret } from "../../src/api/variablegroups";
import { MessageError } from "../../src/auth/messages";
import { saveIssuedAt } from "../../src/pipeline/refresh-token-issued-at";
import { writeBackRefreshToken } from "../../src/pipeline/refresh-token-writeback";
import { logLine } from "../../src/pipeline/task-log";
import type { StoredSignIn } from "../../src/pipeline/pipeline-sign-in";

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
  if (!collection) throw new MessageError("JobTokenMissing", target.nameOrId);
  for (const [name, value] of [[TENANT_ID_VARIABLE, signIn.tenantId], [CLIENT_ID_VARIABLE, signIn.clientId]]) {
    const group = await findVariableGroup(collection, target.project, target.nameOrId);
    await setVariableGroupSecret(collection, target.project, group, name, value);
  }
  logLine(tl.loc("SignInIdsStored", TENANT_ID_VARIABLE, CLIENT_ID_VARIABLE, target.nameOrId));
  await saveIssuedAt(collection, target.project, target.nameOrId, target.refreshTokenVariableName, target.now());
  await writeBackRefreshToken({
    refreshToken: signIn.refreshToken,
    variableGroup: { nameOrId: target.nameOrId, variableName: target.refreshTokenVariableName, project: target.project, collection },
    warnWhenNotSaved: false,
    now: target.now(),
  });
}
