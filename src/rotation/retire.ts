/** Revokes a PAT; when that fails, renames it so a rerun recognises it as a leftover. */
import type { OrgContext } from "../api/context";
import { revokePat, updatePat } from "../api/pats";
import type { PatSummary } from "./pat-summary";
import type { PatRole } from "./result";
import { RunRecord, stepError } from "./run-record";

/** On failure the PAT goes to toRevokeByHand and, given a `fallbackName`, is renamed to it. */
export async function retire(
  org: OrgContext,
  run: RunRecord,
  pat: PatSummary,
  role: PatRole,
  fallbackName?: string,
): Promise<"revoked" | "renamed" | "failed"> {
  try {
    await revokePat(org, pat.authorizationId);
    run.record({ kind: "revoked", pat, role });
    run.final.revoked.push(pat);
    return "revoked";
  } catch (error) {
    run.record({ kind: "revokeFailed", pat, role, error: stepError(error) });
    run.final.toRevokeByHand.push(pat);
    return fallbackName !== undefined && (await rename(org, run, pat, role, fallbackName)) ? "renamed" : "failed";
  }
}

/** Renames a PAT (update keeps every other field); records the outcome, never throws. */
export async function rename(org: OrgContext, run: RunRecord, pat: PatSummary, role: PatRole, to: string): Promise<boolean> {
  try {
    await updatePat(org, { authorizationId: pat.authorizationId, displayName: to });
    run.record({ kind: "renamed", pat, role, to });
    return true;
  } catch (error) {
    run.record({ kind: "renameFailed", pat, role, to, error: stepError(error) });
    return false;
  }
}
