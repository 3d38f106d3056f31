/**
 * Leftovers: PATs under (or named after) the rotated PAT's name that are not the current one. A PAT
 * that an earlier run could not revoke is renamed to say what it is, but a name proves nothing (a
 * person may name a PAT that way): only a store's record makes a leftover the task's own to revoke.
 */
import type { PatSummary } from "./pat-summary";

export type LeftoverKind =
  /** Replaced by a newer PAT of the same name; kept on purpose (revokeOld false) or not revoked. */
  | "replaced"
  /** Created by a run that could not deliver it: its secret is known to nobody. */
  | "orphan"
  /** Carries the very name of the current PAT, but no store holds it. */
  | "unrecorded";

export interface Leftover {
  kind: LeftoverKind;
  pat: PatSummary;
  /** A store's record lists it as left behind by this task: provably the task's own. */
  recorded: boolean;
  /** An unrecorded namesake created so recently that another run may be about to store it. */
  inFlight?: boolean;
}

export function replacedName(displayName: string, on: Date): string {
  return `${displayName} (replaced ${on.toISOString().slice(0, 10)})`;
}

export function orphanName(displayName: string): string {
  return `${displayName} (orphan, secret lost)`;
}

/** Which leftover of `displayName` this PAT's name says it is, if any. */
export function leftoverKind(displayName: string, candidate: string): Exclude<LeftoverKind, "unrecorded"> | undefined {
  if (candidate === orphanName(displayName)) return "orphan";
  const prefix = `${displayName} (replaced `;
  if (candidate.startsWith(prefix) && /^\d{4}-\d{2}-\d{2}\)$/.test(candidate.slice(prefix.length))) return "replaced";
  return undefined;
}
