/**
 * The server keeps no record of a rotation in progress, so a PAT that an earlier run could not
 * revoke is renamed to say what it is. A rerun finds these by name and finishes the job, and the
 * name the consumers know stays unambiguous.
 */
import type { PatSummary } from "./pat-summary";

export type LeftoverKind =
  /** Replaced by a newer PAT of the same name; kept on purpose (revokeOld false) or not revoked. */
  | "replaced"
  /** Created by a run that could not deliver it: its secret is known to nobody. Always revoked. */
  | "orphan";

export interface Leftover {
  kind: LeftoverKind;
  pat: PatSummary;
}

export function replacedName(displayName: string, on: Date): string {
  return `${displayName} (replaced ${on.toISOString().slice(0, 10)})`;
}

export function orphanName(displayName: string): string {
  return `${displayName} (orphan, secret lost)`;
}

/** Which leftover of `displayName` this PAT is, if any. */
export function leftoverKind(displayName: string, candidate: string): LeftoverKind | undefined {
  if (candidate === orphanName(displayName)) return "orphan";
  const prefix = `${displayName} (replaced `;
  if (candidate.startsWith(prefix) && /^\d{4}-\d{2}-\d{2}\)$/.test(candidate.slice(prefix.length))) return "replaced";
  return undefined;
}
