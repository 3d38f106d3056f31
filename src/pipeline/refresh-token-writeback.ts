/**
 * Saves the refresh token Entra rotated in, before the task touches any PAT: always to the secret
 * output variable RefreshToken, and to a variable group's secret variable when one is configured.
 *
 * The variable group write uses the job's System.AccessToken, so the build service identity needs
 * the Administrator role on that group: Pipelines > Library > the group > Security > add
 * "<project> Build Service (<org>)" (project-scoped jobs) or "Project Collection Build Service (<org>)"
 * (collection-scoped jobs) as Administrator. Reader or User is not enough to change a secret.
 */
import * as tl from "azure-pipelines-task-lib/task";
import type { CollectionContext } from "../api/context";
import { setVariableGroupSecret } from "../api/variablegroups";
import { refreshTokenStopsWorking } from "../auth/credentials";
import { MessageError } from "../messages/shared-messages";
import { logLine, logWarning } from "./task-log";
import { taskMessage } from "./task-messages";

/** The secret output variable every task run leaves the new refresh token in. */
export const REFRESH_TOKEN_OUTPUT = "RefreshToken";

export interface WriteBackParams {
  refreshToken: string;
  /** Where the next run reads it from; undefined when nothing but the output variable is configured. */
  variableGroup?: { nameOrId: string; variableName: string; project: string; collection?: CollectionContext };
  /** Warn, with the date sign-in will stop working, when no variable group keeps the new token. */
  warnWhenNotSaved: boolean;
  now: Date;
}

export async function writeBackRefreshToken(p: WriteBackParams): Promise<void> {
  tl.setVariable(REFRESH_TOKEN_OUTPUT, p.refreshToken, true, true);
  logLine(taskMessage("RefreshTokenOutput"));
  const group = p.variableGroup;
  if (!group) {
    if (p.warnWhenNotSaved) logWarning(taskMessage("RefreshTokenNotPersisted", isoDay(refreshTokenStopsWorking(p.now))));
    return;
  }
  if (!group.collection) throw new MessageError("JobTokenMissing", group.nameOrId);
  try {
    // Merge-safe: only this variable changes; a variable someone added meanwhile is kept.
    await setVariableGroupSecret(group.collection, group.project, group.nameOrId, group.variableName, p.refreshToken);
  } catch (error) {
    throw new MessageError("RefreshTokenGroupWriteFailed", group.nameOrId, error instanceof Error ? error.message : String(error));
  }
  logLine(taskMessage("RefreshTokenSavedToGroup", group.variableName, group.nameOrId));
}

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
