/**
 * Organization mode: every user's PATs, a bounded number of users at a time. A user whose PATs
 * cannot be read is reported with the reason and counted; only a failure that would hit every
 * user alike (the caller is not signed in or not a token administrator) stops the scan.
 */
import type { PatOwner, PatRecord } from "./pat-record";
import type { UnreadableUser } from "./report";

export interface OrgScanParams {
  users: readonly PatOwner[];
  /** All of one user's PATs (every page). */
  readUserPats: (owner: PatOwner) => Promise<PatRecord[]>;
  /** Users read at the same time. */
  concurrency: number;
  /** True for errors that end the whole scan instead of marking one user unreadable. */
  isFatal: (error: unknown) => boolean;
  /** The reason shown for an unreadable user. */
  describeError: (error: unknown) => string;
  /** After each user, with how many are done out of all. */
  onProgress?: (done: number, total: number) => void;
}

export interface OrgScanResult {
  /** In the order of `users`, so reports do not depend on timing. */
  pats: PatRecord[];
  unreadableUsers: UnreadableUser[];
}

export async function scanOrganization(params: OrgScanParams): Promise<OrgScanResult> {
  const { users } = params;
  const outcomes: Array<{ pats: PatRecord[] } | { reason: string } | undefined> = new Array(users.length);
  let next = 0;
  let done = 0;
  let fatal: { error: unknown } | undefined;

  const worker = async (): Promise<void> => {
    while (!fatal && next < users.length) {
      const i = next++;
      try {
        outcomes[i] = { pats: await params.readUserPats(users[i]) };
      } catch (error) {
        if (params.isFatal(error)) {
          fatal ??= { error };
          return;
        }
        outcomes[i] = { reason: params.describeError(error) };
      }
      params.onProgress?.(++done, users.length);
    }
  };
  const workers = Math.max(1, Math.min(Math.floor(params.concurrency), users.length));
  await Promise.all(Array.from({ length: workers }, worker));
  if (fatal) throw fatal.error;

  const result: OrgScanResult = { pats: [], unreadableUsers: [] };
  outcomes.forEach((outcome, i) => {
    if (outcome && "pats" in outcome) result.pats.push(...outcome.pats);
    else if (outcome) result.unreadableUsers.push({ owner: users[i], reason: outcome.reason });
  });
  return result;
}
