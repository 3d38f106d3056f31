/**
 * Gathers the PATs to evaluate through the API module: the caller's own (tokens API), or every
 * user's in the organization (Graph, then Token Admin per user, paced by a ScanThrottle in the
 * context's fetch). Only typed API calls on an injected context; no other I/O.
 */
import type { OrgContext } from "../api/context";
import { NotSignedInError } from "../api/errors";
import { iterateUserPages } from "../api/graph";
import { iteratePatPages } from "../api/pats";
import { iterateUserPatsAdmin } from "../api/tokenadmin";
import type { SessionToken } from "../api/model";
import { scanOrganization } from "./org-scan";
import { ownerFromGraphUser, recordFromPatToken, recordFromSessionToken, type PatOwner, type PatRecord } from "./pat-record";
import type { UnreadableUser } from "./report";
import { selectShard, type Shard } from "./shard";
import { parseWireTime } from "./wire-time";

/** The tokens API's page-size limit; fewer round trips than its default of 20. */
const PAGE_SIZE = 100;

export interface MyPats {
  pats: PatRecord[];
  pages: number;
}

/** The caller's PATs: active ones, plus expired ones when they are to be reported. */
export async function collectMyPats(ctx: OrgContext, o: { includeExpired: boolean }): Promise<MyPats> {
  const result: MyPats = { pats: [], pages: 0 };
  const filters = o.includeExpired ? (["active", "expired"] as const) : (["active"] as const);
  const seen = new Set<string>();
  for (const displayFilterOption of filters) {
    for await (const page of iteratePatPages(ctx, { displayFilterOption, top: PAGE_SIZE })) {
      result.pages++;
      for (const p of page) {
        if (seen.has(p.authorizationId)) continue; // a PAT expiring between the two listings
        seen.add(p.authorizationId);
        result.pats.push(recordFromPatToken(p));
      }
    }
  }
  return result;
}

export interface OrganizationScanOptions {
  shard: Shard | null;
  /** The check's clock: tells a revoked PAT (invalid, validTo ahead) from an expired one. */
  now: Date;
  /** Users read at the same time (the throttle may allow fewer requests). */
  concurrency: number;
  /** After the user list is read: all users, and those of this shard. */
  onUsersListed?: (all: number, inShard: number) => void;
  onProgress?: (done: number, total: number) => void;
}

export interface OrganizationPats {
  pats: PatRecord[];
  /** The users of this shard, readable or not. */
  users: PatOwner[];
  usersScanned: number;
  unreadableUsers: UnreadableUser[];
}

/** Every user's PATs (of this shard). A 401 from Token Admin ends the scan: it would hit every user. */
export async function collectOrganizationPats(ctx: OrgContext, o: OrganizationScanOptions): Promise<OrganizationPats> {
  const everyone: PatOwner[] = [];
  for await (const page of iterateUserPages(ctx)) everyone.push(...page.map(ownerFromGraphUser));
  const users = selectShard(everyone, o.shard, (u) => u.descriptor);
  o.onUsersListed?.(everyone.length, users.length);
  const scan = await scanOrganization({
    users,
    concurrency: o.concurrency,
    readUserPats: async (owner) => {
      const tokens: SessionToken[] = [];
      for await (const page of iterateUserPatsAdmin(ctx, owner.descriptor)) tokens.push(...page);
      return tokens.filter((t) => isUnrevokedPat(t, o.now)).map((t) => recordFromSessionToken(t, owner));
    },
    isFatal: (e) => e instanceof NotSignedInError,
    describeError: (e) => (e instanceof Error ? e.message : String(e)),
    onProgress: o.onProgress,
  });
  return { pats: scan.pats, users, usersScanned: users.length, unreadableUsers: scan.unreadableUsers };
}

/**
 * Token Admin may list SSH keys and revoked PATs. `isValid` is false for revoked and for expired
 * PATs alike, so an invalid PAT whose validTo is still ahead is the revoked kind and is left out.
 */
export function isUnrevokedPat(t: SessionToken, now: Date): boolean {
  if (t.isPublic) return false;
  return t.isValid !== false || parseWireTime(t.validTo) <= now.getTime();
}
