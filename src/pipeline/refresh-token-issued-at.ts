/**
 * The companion of the refresh token in its variable group: `<refreshTokenVariableName>IssuedAt`, the
 * moment the stored token was issued, so a run that does not renew it can still say when it lapses.
 */
import type { CollectionContext } from "../api/context";
import { setVariableGroupSecret } from "../api/variablegroups";
import { InputError } from "../api/input-error";
import { message } from "../messages/shared-messages";
import { readString } from "./inputs";

/** The companion variable's name for a refresh token variable. */
export function issuedAtVariable(refreshTokenVariableName: string): string {
  return `${refreshTokenVariableName}IssuedAt`;
}

/** Writes the companion (a full ISO time: a secret, and a bare date could mask dates in the log). */
export async function saveIssuedAt(
  collection: CollectionContext,
  project: string,
  group: string,
  refreshTokenVariableName: string,
  issuedAt: Date,
): Promise<void> {
  await setVariableGroupSecret(collection, project, group, issuedAtVariable(refreshTokenVariableName), issuedAt.toISOString());
}

/** The refreshTokenIssuedAt input: when the refresh token the task was given was issued. */
export function readIssuedAt(): Date | undefined {
  const text = readString("refreshTokenIssuedAt");
  if (text === undefined) return undefined;
  const at = new Date(text);
  if (!/^\d{4}-\d\d-\d\dT/.test(text) || Number.isNaN(at.getTime())) {
    throw new InputError("refreshTokenIssuedAt", message("InputInvalidIssuedAt", text));
  }
  return at;
}
