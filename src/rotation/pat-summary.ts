/** A PAT as the rotation reports it: every field but the secret. */
import type { PatToken } from "../api/model";

export type PatSummary = Omit<PatToken, "token">;

/** Drops the secret so a PAT can be put in a result, a log or an error. */
export function summarize(pat: PatToken | PatSummary): PatSummary {
  const { displayName, validTo, scope, targetAccounts, validFrom, authorizationId } = pat;
  return { displayName, validTo, scope, targetAccounts, validFrom, authorizationId };
}

/** True for a PAT valid in all of the user's organizations (a global PAT). */
export function isGlobal(pat: PatSummary): boolean {
  return pat.targetAccounts === null;
}
