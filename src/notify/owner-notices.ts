/** The check's findings that need attention, grouped by the person who owns the PATs (one notice each). */
import type { PatFinding } from "../expiry/classify";
import type { PatOwner } from "../expiry/pat-record";
import type { ExpiryReport } from "../expiry/report";

export interface OwnerNotice {
  owner: PatOwner;
  /** Most urgent first, as in the report. */
  findings: PatFinding[];
}

/**
 * One notice per owner with PATs needing attention, ordered by principal name. In `mine` mode the
 * findings carry no owner, so `me` (the signed-in user) owns them all.
 */
export function ownerNotices(report: ExpiryReport, me?: PatOwner): OwnerNotice[] {
  const byOwner = new Map<string, OwnerNotice>();
  for (const f of report.attention) {
    const owner = f.pat.owner ?? me;
    if (!owner) continue;
    const key = ownerKey(owner);
    const notice = byOwner.get(key) ?? { owner, findings: [] };
    notice.findings.push(f);
    byOwner.set(key, notice);
  }
  return [...byOwner.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, n]) => n);
}

/** How an owner is told apart: the principal name (UPN), case-insensitive. */
export function ownerKey(owner: Pick<PatOwner, "principalName">): string {
  return owner.principalName.trim().toLowerCase();
}
