/** The sign-in task's inputs and the run facts it needs, each checked with a sentence naming what is wrong. */
import * as tl from "azure-pipelines-task-lib/task";
import { InputError } from "../../src/api/input-error";
import { MessageError } from "../../src/messages/shared-messages";
import { readInteger, readString } from "../../src/pipeline/inputs";
import { isWatchedRun } from "../../src/pipeline/watched-run";
import { loc } from "./loc";

interface SignInInputs {
  clientId: string;
  tenantId: string;
  /** At least one of the two is set. */
  variableGroup?: string;
  entraConnection?: string;
  refreshTokenVariableName: string;
  timeoutMinutes: number;
  collectionUrl: string;
  project: string;
}

/** Refuses a run nobody watches before reading anything else. */
export function readSignInInputs(): SignInInputs {
  const reason = requiredVariable("Build.Reason");
  if (!isWatchedRun(reason)) throw new Error(loc("SignInNotWatched", reason));
  const variableGroup = readString("refreshTokenVariableGroup");
  const entraConnection = readString("entraConnection");
  if (!variableGroup && !entraConnection) throw new InputError("refreshTokenVariableGroup", loc("SignInNoTarget"));
  return {
    clientId: readString("clientId", { required: true }) as string,
    tenantId: readString("tenantId") ?? "organizations",
    variableGroup,
    entraConnection,
    refreshTokenVariableName: readString("refreshTokenVariableName") ?? "PatLifecycleRefreshToken",
    timeoutMinutes: readInteger("timeoutMinutes", { min: 1, max: 15, default: 15 }),
    collectionUrl: requiredVariable("System.CollectionUri").replace(/\/*$/, "/"),
    project: requiredVariable("System.TeamProject"),
  };
}

function requiredVariable(name: string): string {
  const value = tl.getVariable(name)?.trim();
  if (!value) throw new MessageError("VariableMissing", name);
  return value;
}
