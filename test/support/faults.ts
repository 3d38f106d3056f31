/** Short names for the emulator faults the rotation tests inject, and the paths they hit. */
import type { FaultSpec } from "../emulator/wire-types";

/** Create, update and revoke of PATs (the PAT Lifecycle API). */
export const PATS = "/_apis/tokens/pats$";
/** Variable group reads and writes. */
export const GROUPS = "/_apis/distributedtask/variablegroups";
/** The call the rotation verifies a new PAT with. */
export const VERIFY = "/_apis/connectionData";

/** The call is applied but its answer never arrives (once). */
export function lostAnswer(method: string, path: string): FaultSpec {
  return { method, path, kind: "commitThenDrop", times: 1 };
}

/** The call fails with `status`, `times` times (any method when `method` is "*"). */
export function failing(method: string, path: string, status: number, times = 1, retryAfterSec?: number): FaultSpec {
  return { ...(method === "*" ? {} : { method }), path, kind: "status", status, times, ...(retryAfterSec ? { retryAfterSec } : {}) };
}
