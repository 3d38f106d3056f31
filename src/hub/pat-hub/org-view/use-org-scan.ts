/**
 * The organization view's scan as React state: rows, progress, unreadable users and throttling. Users are read many
 * per second, so what they change is gathered and rendered at most every 100 ms (the first rows at once), in one
 * render per batch: React 16 renders each setState outside its own events at once.
 */
import * as React from "react";
import { unstable_batchedUpdates } from "react-dom";
import type { OrgContext } from "../../../api/context";
import { NotSignedInError } from "../../../api/errors";
import { describeError } from "../describe-error";
import { streamOrganizationPats, type OrgRow } from "./org-scan-stream";

export type ScanState =
  | { kind: "scanning" | "done"; read: number; known: number; allKnown: boolean }
  | { kind: "notAdmin" }
  | { kind: "failed"; message: string };

export interface OrgScanParams {
  org: OrgContext;
  throttled(): boolean;
  checkPermissions(): Promise<void>;
  nowMs: number;
  expiringWithinDays: number;
  concurrency: number;
}

const BATCH_MS = 100;

/** Starts the scan once, on mount; `setRows` lets the view drop revoked rows. */
export function useOrgScan(p: OrgScanParams) {
  const [rows, setRows] = React.useState<OrgRow[]>([]);
  const [scan, setScan] = React.useState<ScanState>({ kind: "scanning", read: 0, known: 0, allKnown: false });
  const [unreadable, setUnreadable] = React.useState(0);
  const [throttled, setThrottled] = React.useState(false);

  React.useEffect(() => {
    let live = true;
    const pendingRows: OrgRow[] = [];
    let pendingUnreadable = 0;
    let progress: { read: number; known: number; allKnown: boolean } | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let shownAny = false;
    const flush = () => {
      if (timer) clearTimeout(timer);
      timer = undefined;
      if (!live) return;
      const newRows = pendingRows.splice(0);
      const newUnreadable = pendingUnreadable;
      const newProgress = progress;
      pendingUnreadable = 0;
      progress = undefined;
      unstable_batchedUpdates(() => {
        if (newRows.length) setRows((r) => r.concat(newRows));
        if (newUnreadable) setUnreadable((n) => n + newUnreadable);
        if (newProgress) setScan((st) => (st.kind === "scanning" ? { kind: "scanning", ...newProgress } : st));
        setThrottled(p.throttled());
      });
    };
    const later = () => {
      timer ??= setTimeout(flush, BATCH_MS);
    };
    const end = (next: (st: ScanState) => ScanState) => {
      flush();
      if (live) setScan(next);
    };
    p.checkPermissions()
      .then(() =>
        streamOrganizationPats({
          ctx: p.org,
          nowMs: p.nowMs,
          expiringWithinDays: p.expiringWithinDays,
          maxLifetimeDays: null,
          concurrency: p.concurrency,
          onUserRows: (r) => {
            pendingRows.push(...r);
            if (!shownAny && r.length) {
              shownAny = true;
              flush();
            } else later();
          },
          onProgress: (read, known, allKnown) => {
            progress = { read, known, allKnown };
            later();
          },
          onUnreadable: () => {
            pendingUnreadable++;
            later();
          },
        }),
      )
      .then(
        () => end((st) => (st.kind === "scanning" ? { ...st, kind: "done", read: st.known, allKnown: true } : st)),
        (e: unknown) =>
          end(() =>
            e instanceof NotSignedInError && e.status === 401 ? { kind: "notAdmin" } : { kind: "failed", message: describeError(e) },
          ),
      );
    return () => {
      live = false;
      if (timer) clearTimeout(timer);
    };
    // One scan per mount; the view is remounted to scan again.
  }, []);

  return { rows, setRows, scan, unreadable, throttled };
}
