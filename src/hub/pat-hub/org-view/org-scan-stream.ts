/**
 * The organization view's scan: Graph users page by page, each user's PATs through Token Admin as soon as the
 * user is known (so the first rows show while later pages load), a bounded number of users at a time, every
 * PAT classified for the view's flags. A 401 from Token Admin ends the scan: the caller is no token administrator.
 */
import type { OrgContext } from "../../../api/context";
import { NotSignedInError } from "../../../api/errors";
import { iterateUserPages } from "../../../api/graph";
import { iterateUserPatsAdmin } from "../../../api/tokenadmin";
import { classifyPat, type PatFinding } from "../../../expiry/classify";
import { ownerFromGraphUser, recordFromSessionToken, type PatOwner } from "../../../expiry/pat-record";
import { isUnrevokedPat } from "../../../expiry/collect";

/** The view's flags: the risk flags plus the two expiry states. */
export type OrgFlag = "global" | "fullScope" | "longLifetime" | "expired" | "expiring";

export interface OrgRow {
  owner: PatOwner;
  finding: PatFinding;
  flags: OrgFlag[];
}

export interface OrgScanStreamParams {
  ctx: OrgContext;
  nowMs: number;
  /** "Expiring": breaks within this many days. */
  expiringWithinDays: number;
  /** The organization's lifetime policy, when known; null: no lifetime flag. */
  maxLifetimeDays: number | null;
  concurrency: number;
  /** One user's rows, as soon as they are read (possibly none). */
  onUserRows(rows: OrgRow[]): void;
  /** Users read so far, users known so far, and whether the user list is complete. */
  onProgress(read: number, known: number, allKnown: boolean): void;
  /** A user whose PATs could not be read, with the reason. */
  onUnreadable(owner: PatOwner, reason: string): void;
}

export function rowsOf(owner: PatOwner, findings: PatFinding[]): OrgRow[] {
  return findings.map((finding) => {
    const flags: OrgFlag[] = [...finding.flags];
    if (finding.status === "expired") flags.push("expired");
    if (finding.status === "failing" || finding.status === "warning") flags.push("expiring");
    return { owner, finding, flags };
  });
}

export async function streamOrganizationPats(p: OrgScanStreamParams): Promise<void> {
  const policy = {
    warnWithinDays: p.expiringWithinDays,
    failWithinDays: 0,
    includeExpired: true,
    flagGlobal: true,
    flagFullScope: true,
    maxLifetimeDays: p.maxLifetimeDays,
    nameFilter: null,
  };
  const queue: PatOwner[] = [];
  let allKnown = false;
  let read = 0;
  let known = 0;
  let fatal: unknown;
  const waiting: Array<() => void> = [];
  const notify = () => waiting.splice(0).forEach((resolve) => resolve());

  const readUser = async (owner: PatOwner): Promise<void> => {
    const now = new Date(p.nowMs);
    try {
      const findings: PatFinding[] = [];
      for await (const page of iterateUserPatsAdmin(p.ctx, owner.descriptor)) {
        for (const t of page) if (isUnrevokedPat(t, now)) findings.push(classifyPat(recordFromSessionToken(t, owner), p.nowMs, policy));
      }
      p.onUserRows(rowsOf(owner, findings));
    } catch (e) {
      if (e instanceof NotSignedInError) throw e;
      p.onUnreadable(owner, e instanceof Error ? e.message : String(e));
    }
    p.onProgress(++read, known, allKnown);
  };

  const worker = async (): Promise<void> => {
    for (;;) {
      if (fatal) return;
      const owner = queue.shift();
      if (!owner) {
        if (allKnown) return;
        await new Promise<void>((resolve) => waiting.push(resolve));
        continue;
      }
      try {
        await readUser(owner);
      } catch (e) {
        fatal ??= e;
        notify();
        return;
      }
    }
  };

  const workers = Array.from({ length: Math.max(1, Math.floor(p.concurrency)) }, worker);
  try {
    for await (const page of iterateUserPages(p.ctx)) {
      if (fatal) break;
      queue.push(...page.map(ownerFromGraphUser));
      known += page.length;
      notify();
    }
  } catch (e) {
    fatal ??= e;
  }
  allKnown = true;
  notify();
  await Promise.all(workers);
  if (fatal) throw fatal;
  p.onProgress(read, known, true);
}
