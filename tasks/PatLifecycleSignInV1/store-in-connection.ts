/** Puts a sign-in into a "Microsoft Entra user for PAT Lifecycle" service connection, with the job's token. */
import * as tl from "azure-pipelines-task-lib/task";
import type { CollectionContext } from "../../src/api/context";
import { updateEntraUserConnection } from "../../src/api/service-endpoints";
import { MessageError } from "../../src/messages/shared-messages";
import type { StoredSignIn } from "../../src/pipeline/pipeline-sign-in";
import { REFRESH_TOKEN_OUTPUT } from "../../src/pipeline/refresh-token-writeback";
import { logLine } from "../../src/pipeline/task-log";
import { loc } from "./loc";

/** Resolves to the connection's name. */
export async function storeInConnection(
  collection: CollectionContext | undefined,
  project: string,
  id: string,
  signIn: StoredSignIn,
): Promise<string> {
  // Kept first, so a failed update drops nothing: a person can still copy it into the connection by hand.
  tl.setVariable(REFRESH_TOKEN_OUTPUT, signIn.refreshToken, true, true);
  if (!collection) throw new MessageError("JobTokenMissing", id);
  let name: string;
  try {
    ({ name } = await updateEntraUserConnection(collection, project, id, signIn));
  } catch (error) {
    throw new Error(loc("SignInConnectionFailed", error instanceof Error ? error.message : String(error)), { cause: error });
  }
  logLine(loc("SignInConnectionUpdated", name));
  return name;
}
