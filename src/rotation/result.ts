/**
 * What a rotation did, step by step, and where it left things. Structured data only: each shell
 * (task log, hub, CLI) words it in its own place.
 */
import type { SessionTokenError } from "../api/model";
import type { LeftoverKind } from "./leftover-names";
import type { PatSummary } from "./pat-summary";

/** A failed call, as the API layer worded it. */
export interface StepError {
  message: string;
  /** `patTokenError` when the service refused with one. */
  code?: SessionTokenError;
  /** The ActivityId of the refusing answer, for support. */
  activityId?: string;
}

export type RotationStep =
  | { kind: "found"; pat: PatSummary; by: "authorizationId" | "displayName" | "storeRecord" }
  /** recorded: a store lists it as the task's own; otherwise it is only named like one and left alone. */
  | { kind: "leftoverFound"; pat: PatSummary; leftover: LeftoverKind; recorded: boolean; inFlight: boolean; revoke: boolean }
  /** Only stores without a record (the output variable): concurrent runs cannot be told apart. */
  | { kind: "noArbiter"; stores: string[] }
  /** Another run is rotating the same PAT (or has): this run leaves it to that one. */
  | { kind: "stoodDown"; why: StandDownReason; other: string }
  /** A store's answer was lost; its record was read back to learn what it holds. */
  | { kind: "storeReadBack"; store: string; holds: string | null; holdsNew: boolean }
  | { kind: "leftoversRecorded"; store: string; pats: string[] }
  | { kind: "leftoversRecordFailed"; store: string; pats: string[]; error: StepError }
  /** The target was created by an earlier run that did not get to revoke the PAT it replaced. */
  | { kind: "earlierRotationFound"; current: PatSummary; replaced: PatSummary[] }
  /** Stores whose record does not name the current PAT (an earlier run failed part-way, or a store was added): this run rotates so every store gets one PAT. */
  | { kind: "storesBehind"; current: PatSummary; behind: Array<{ store: string; holds: string | null }> }
  /** A store failed after earlier ones took the new PAT: neither PAT is revoked, each store keeps a working one. */
  | { kind: "storesSplit"; newPat: PatSummary; holdsNew: string[]; oldPat: PatSummary; holdsOld: string[]; unknown: string[] }
  | { kind: "notDue"; pat: PatSummary; withinDays: number; dueOn: string }
  | { kind: "due"; pat: PatSummary; withinDays: number }
  | { kind: "planned"; plan: RotationPlan }
  | { kind: "created"; pat: PatSummary; requestedValidTo: string; clamped: boolean }
  | { kind: "createFailed"; error: StepError }
  | { kind: "createOutcomeUnknown"; orphan: PatSummary | null; error: StepError }
  /** The service applied the lost create late; found by the validTo it asked for. */
  | { kind: "lateCreateFound"; pat: PatSummary }
  | { kind: "verified"; attempts: number; user: string }
  | { kind: "verifySkipped" }
  | { kind: "verifyFailed"; attempts: number; error: StepError }
  | { kind: "stored"; store: string }
  | { kind: "storeFailed"; store: string; error: StepError }
  | { kind: "revoked"; pat: PatSummary; role: PatRole }
  | { kind: "revokeFailed"; pat: PatSummary; role: PatRole; error: StepError }
  | { kind: "renamed"; pat: PatSummary; role: PatRole; to: string }
  | { kind: "renameFailed"; pat: PatSummary; role: PatRole; to: string; error: StepError }
  | { kind: "oldKept"; pat: PatSummary }
  | { kind: "extended"; pat: PatSummary; from: string; requestedValidTo: string; clamped: boolean }
  | { kind: "extendFailed"; pat: PatSummary; error: StepError };

/** Why a PAT is being revoked or renamed. */
export type PatRole =
  /** The PAT that was rotated. */
  | "old"
  /** The new PAT, revoked because it could not be verified or delivered. */
  | "rollback"
  /** A PAT whose create answer was lost: its secret is unknown. */
  | "orphan"
  /** Left behind by an earlier run. */
  | "leftover"
  /** This run's new PAT, revoked because another run's PAT won (never stored anywhere). */
  | "stoodDown";

/**
 * inFlight: a namesake no store holds yet was created minutes ago; rivalFirst: another run created its
 * new PAT first; storeHeld: the store's record already names another run's new PAT.
 */
export type StandDownReason = "inFlight" | "rivalFirst" | "storeHeld";

export interface RotationPlan {
  action: "rotate" | "extend";
  target: PatSummary;
  displayName: string;
  scope: string;
  /** What validTo is asked for (now + lifetimeDays). */
  validTo: string;
  lifetimeDays: number;
  /** The new or extended PAT is valid in all organizations. */
  allOrgs: boolean;
  /** The target is global and becomes valid in this organization only. */
  narrowedFromGlobal: boolean;
  /** rotate: where the new secret goes, in order. */
  stores: string[];
  verify: boolean;
  revokeOld: boolean;
  /** Leftovers of earlier runs this run revokes. */
  leftoversToRevoke: PatSummary[];
  /** Leftovers a store that is behind still holds: revoked only once every store holds the new PAT. */
  revokeAfterStores: PatSummary[];
}

export type RotationOutcome =
  | "rotated"
  | "extended"
  /** onlyIfExpiringWithinDays: not due yet, nothing changed. */
  | "notDue"
  /** dryRun: the plan only. */
  | "planned"
  /** An earlier run had rotated already; this one only revoked what it left behind. */
  | "cleanedUp"
  /** Another run rotates the same PAT: this one changed nothing but revoking its own unused PAT. */
  | "stoodDown"
  | "failed";

export type FailureReason =
  | "notFound"
  | "ambiguous"
  | "revoked"
  | "expired"
  | "createFailed"
  | "createOutcomeUnknown"
  | "verifyFailed"
  | "storeFailed"
  | "extendFailed";

export interface RotationFailure {
  reason: FailureReason;
  error?: StepError;
  /** notFound: what was looked for. */
  lookedFor?: { by: "authorizationId" | "displayName"; value: string };
  /** storeFailed: the store's answer was lost and its record unreadable; both PATs were left working. */
  storeOutcomeUnknown?: boolean;
  /** storeFailed after earlier stores took the new PAT: see the storesSplit step. */
  storesSplit?: boolean;
  /** ambiguous: the active PATs with that name. */
  candidates?: PatSummary[];
}

/** Where things stand after the run. */
export interface FinalState {
  /** The PAT consumers should use now (null when none is known to work). */
  current: PatSummary | null;
  /** Stores holding the current PAT's new secret. */
  storedIn: string[];
  /** PATs revoked by this run. */
  revoked: PatSummary[];
  /** Old PATs kept on purpose (revokeOld false). */
  kept: PatSummary[];
  /** PATs that should be revoked but could not be: a person must revoke these. */
  toRevokeByHand: PatSummary[];
}

export interface RotationResult {
  action: "rotate" | "extend";
  outcome: RotationOutcome;
  /** Succeeded, but something needs attention (a PAT left to revoke, a clamped lifetime). */
  withIssues: boolean;
  steps: RotationStep[];
  plan?: RotationPlan;
  /** The new PAT (rotate) or the extended one. */
  replacement?: PatSummary;
  final: FinalState;
  failure?: RotationFailure;
}
