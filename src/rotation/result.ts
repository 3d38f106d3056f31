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
  | { kind: "found"; pat: PatSummary; by: "authorizationId" | "displayName" }
  | { kind: "leftoverFound"; pat: PatSummary; leftover: LeftoverKind }
  /** The target was created by an earlier run that did not get to revoke the PAT it replaced. */
  | { kind: "earlierRotationFound"; current: PatSummary; replaced: PatSummary[] }
  | { kind: "notDue"; pat: PatSummary; withinDays: number; dueOn: string }
  | { kind: "due"; pat: PatSummary; withinDays: number }
  | { kind: "planned"; plan: RotationPlan }
  | { kind: "created"; pat: PatSummary; requestedValidTo: string; clamped: boolean }
  | { kind: "createFailed"; error: StepError }
  | { kind: "createOutcomeUnknown"; orphan: PatSummary | null; error: StepError }
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
  | "leftover";

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
