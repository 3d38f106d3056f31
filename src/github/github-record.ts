/**
 * The GitHub store's record, kept in a companion Actions variable beside the secret (GitHub never shows a
 * secret's value, but shows its updated_at). The record names the PAT the secret holds, and the secret's
 * updated_at when that was confirmed; a write in progress is a `pending` entry with the updated_at from
 * before it. Whether the secret changed since then tells which of the two the secret holds.
 */
import { ApiError } from "../api/errors";
import { formatLeftovers, parseLeftovers } from "../rotation/recorded-leftovers";
import type { RecordedLeftover, StoreRecord } from "../rotation/secret-store";

interface RecordEntry {
  authorizationId: string;
  validTo?: string;
  /** As recorded-leftovers.ts writes them. */
  leftovers: string;
}

export interface GithubRecord {
  /** What the secret held when its updated_at was `secretUpdatedAt`. */
  holds?: RecordEntry & { secretUpdatedAt: string };
  /** A write of another PAT, begun when the secret's updated_at was `secretUpdatedBefore` (null: no secret yet). */
  pending?: RecordEntry & { secretUpdatedBefore: string | null };
}

/** The companion variable of a secret. */
export function recordVariableName(secretName: string): string {
  return `${secretName}_PAT_RECORD`;
}

export function formatGithubRecord(record: GithubRecord): string {
  return JSON.stringify(record);
}

export function parseGithubRecord(text: string, variable: string): GithubRecord {
  try {
    const parsed = JSON.parse(text) as GithubRecord;
    if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) return parsed;
  } catch {
    // falls through to the sentence below
  }
  throw new ApiError(
    `The GitHub variable '${variable}' does not hold a record this task wrote ('${text.slice(0, 80)}'). ` +
      "It is the task's record of which PAT the secret holds: delete the variable (the next run treats the secret as holding an unknown PAT and rewrites it), or rename your own variable.",
  );
}

/**
 * Which PAT the secret holds. `secretUpdatedAt`: the secret's updated_at now (undefined: no secret).
 * A secret changed since the record was written (by hand, or by a write this task could not confirm) holds
 * an unknown PAT: authorizationId "", so a run treats the store as behind and writes it again.
 */
export function resolveHeld(record: GithubRecord | undefined, secretUpdatedAt: string | undefined): StoreRecord | undefined {
  if (!record) return undefined;
  const { holds, pending } = record;
  let entry: RecordEntry | undefined;
  if (secretUpdatedAt !== undefined) {
    if (pending && secretUpdatedAt !== pending.secretUpdatedBefore) entry = pending;
    else if (holds && holds.secretUpdatedAt === secretUpdatedAt) entry = holds;
  }
  const leftovers = parseLeftovers(entry?.leftovers ?? holds?.leftovers ?? "");
  if (!entry && leftovers.length === 0) return undefined;
  return { authorizationId: entry?.authorizationId ?? "", validTo: entry?.validTo, leftovers };
}

/** The record that says the secret, now at `secretUpdatedAt`, holds `held` (with `leftovers`, when given, instead of its own). */
export function confirmedRecord(
  held: StoreRecord | undefined,
  secretUpdatedAt: string | undefined,
  leftovers?: RecordedLeftover[],
): GithubRecord {
  if (!held) return {};
  return {
    holds: {
      authorizationId: held.authorizationId,
      ...(held.validTo ? { validTo: held.validTo } : {}),
      leftovers: formatLeftovers(leftovers ?? held.leftovers),
      // "" matches no updated_at: without a secret only the leftovers count.
      secretUpdatedAt: secretUpdatedAt ?? "",
    },
  };
}
