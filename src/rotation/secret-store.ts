/**
 * Where a new PAT secret is delivered. The pipeline's secret output variable, a variable group and
 * a service connection each implement this interface. A store that can keep
 * a record of which PAT it holds (readable without the secret) is the rotation's arbiter: reruns
 * tell the current PAT from leftovers by it, and concurrent runs compare-and-set on it.
 */
import type { PatSummary } from "./pat-summary";

/**
 * A PAT this task left behind on purpose or by failure, as a store records it. replaced: an old PAT
 * the stored one replaced; orphan: a new PAT no store holds; pendingCreate: a create whose outcome is
 * unknown, known by the validTo it asked for (the service may still apply it).
 */
export type RecordedLeftover = { kind: "replaced" | "orphan"; authorizationId: string } | { kind: "pendingCreate"; validTo: string };

/** Which PAT a store holds, and what the task left behind: never the secret. */
export interface StoreRecord {
  authorizationId: string;
  validTo?: string;
  leftovers: RecordedLeftover[];
}

export interface StoreWrite {
  /** The PAT the run started from (for a store left behind by an earlier run, the one it holds): the record must still name it (or nothing, or `pat` itself). */
  from: Pick<PatSummary, "authorizationId">;
  /** The leftovers to record with the new PAT (replaces what the record listed). */
  leftovers: RecordedLeftover[];
}

/** The store's record names a PAT other than the one the run started from: another run got there first. */
export class StoreHeldByOtherError extends Error {
  constructor(
    readonly store: string,
    readonly heldAuthorizationId: string,
    readonly expectedAuthorizationId: string,
  ) {
    super(
      `${store} already holds the PAT ${heldAuthorizationId}, not ${expectedAuthorizationId} that this run started from: another run rotated it first.`,
    );
    this.name = "StoreHeldByOtherError";
  }
}

export interface SecretStore {
  /** Names the destination in logs and results, e.g. "variable group 'ci-secrets' (ADO_PAT)". */
  readonly name: string;
  /**
   * Saves the secret (and, where the store keeps one, the record naming `pat`) in one update; throws
   * StoreHeldByOtherError when the record names a PAT other than `write.from` or `pat`, and another
   * error (a sentence a person can act on) when it could not store.
   */
  store(secret: string, pat: PatSummary, write: StoreWrite): Promise<void>;
  /** The store's record; undefined when it has none yet. Absent on stores that cannot keep one. */
  readRecord?(): Promise<StoreRecord | undefined>;
  /** Adds to the recorded leftovers (the secret and the PAT named stay); only on stores with readRecord. */
  addLeftovers?(leftovers: RecordedLeftover[]): Promise<void>;
}
