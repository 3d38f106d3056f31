/** Collects the steps of one run and the state they leave, and turns them into the result. */
import { ApiError, PatTokenApiError } from "../api/errors";
import type { PatSummary } from "./pat-summary";
import type { RecordedLeftover, SecretStore } from "./secret-store";
import type {
  FailureReason,
  FinalState,
  RotationFailure,
  RotationOutcome,
  RotationPlan,
  RotationResult,
  RotationStep,
  StepError,
} from "./result";

export class RunRecord {
  readonly steps: RotationStep[] = [];
  readonly final: FinalState = { current: null, storedIn: [], revoked: [], kept: [], toRevokeByHand: [] };
  plan?: RotationPlan;
  replacement?: PatSummary;
  withIssues = false;
  /** The active PATs when the run looked: anything newer under the name was made by another run. */
  startIds: string[] = [];
  /** What a store recorded as left behind and is still active: written again with the new PAT. */
  recordedLeftovers: RecordedLeftover[] = [];
  /** New PATs of this run no store holds and that could not be revoked. */
  readonly ownOrphans: string[] = [];
  /** Stores an earlier run left holding another PAT (its id, or "" for none): their compare-and-set starts from it. */
  storesBehind = new Map<SecretStore, string>();
  /** Why the last store write failed. */
  lastStoreError?: StepError;

  constructor(
    readonly action: "rotate" | "extend",
    private readonly onStep?: (step: RotationStep) => void,
  ) {}

  record(step: RotationStep): void {
    this.steps.push(step);
    this.onStep?.(step);
  }

  finish(outcome: Exclude<RotationOutcome, "failed">): RotationResult {
    const withIssues = this.withIssues || this.final.toRevokeByHand.length > 0 || outcome === "stoodDown";
    return {
      action: this.action,
      outcome,
      withIssues,
      steps: this.steps,
      plan: this.plan,
      replacement: this.replacement,
      final: this.final,
    };
  }

  fail(reason: FailureReason, details: Omit<RotationFailure, "reason"> = {}): RotationResult {
    const failure: RotationFailure = { reason, ...details };
    return {
      action: this.action,
      outcome: "failed",
      withIssues: false,
      steps: this.steps,
      plan: this.plan,
      replacement: this.replacement,
      final: this.final,
      failure,
    };
  }
}

/** An error from the API layer as a step records it. */
export function stepError(error: unknown): StepError {
  if (error instanceof PatTokenApiError) return { message: error.message, code: error.code };
  if (error instanceof ApiError && error.activityId) return { message: error.message, activityId: error.activityId };
  return { message: error instanceof Error ? error.message : String(error) };
}
