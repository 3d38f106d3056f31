/** Words a rotation for the pipeline: a log line per step as it happens, then the final state, outputs and result. */
import * as tl from "azure-pipelines-task-lib/task";
import { GLOBAL_PAT_CUTOFF } from "../../src/api/model";
import {
  replacedName,
  type PatSummary,
  type RotationFailure,
  type RotationPlan,
  type RotationResult,
  type RotationStep,
  type StepError,
} from "../../src/rotation";
import { describeScope } from "../../src/scopes";
import { logLine, logWarning, setTaskResult } from "../../src/pipeline/task-log";
import { loc, type MessageKey } from "./loc";

export interface RenderContext {
  organization: string;
  collectionUrl: string;
  /** The signed-in user, for "not found" messages. */
  user: string;
  lifetimeDays: number;
  now: Date;
}

/** The final state, output variables and task result. */
export function renderOutcome(result: RotationResult, ctx: RenderContext): void {
  const current = result.final.current;
  if (current) {
    tl.setVariable("NewAuthorizationId", current.authorizationId, false, true);
    tl.setVariable("NewValidTo", current.validTo, false, true);
  }
  tl.setVariable("Rotated", String(result.outcome === "rotated"), false, true);
  for (const pat of result.final.kept) logLine(loc("FinalKept", pat.authorizationId, pat.validTo));
  if (result.final.toRevokeByHand.length > 0) {
    logWarning(loc("FinalRevokeByHand", result.final.toRevokeByHand.map((p) => `'${p.displayName}' (${p.authorizationId})`).join(", ")));
  }
  if (result.outcome === "failed") {
    setTaskResult(tl.TaskResult.Failed, failureMessage(result.failure as RotationFailure, result, ctx));
    return;
  }
  logLine(finalMessage(result));
  setTaskResult(result.withIssues ? tl.TaskResult.SucceededWithIssues : tl.TaskResult.Succeeded, "");
}

function finalMessage(result: RotationResult): string {
  const pat = result.final.current as PatSummary;
  switch (result.outcome) {
    case "rotated":
      return loc("FinalRotated", pat.displayName, pat.authorizationId, pat.validTo, result.final.storedIn.join(", "));
    case "extended":
      return loc("FinalExtended", pat.displayName, pat.authorizationId, pat.validTo);
    case "cleanedUp":
      return loc("FinalCleanedUp", pat.displayName, pat.authorizationId, pat.validTo);
    case "notDue": {
      const notDue = result.steps.find((s) => s.kind === "notDue");
      return loc("FinalNotDue", pat.displayName, pat.authorizationId, notDue?.kind === "notDue" ? notDue.dueOn : "");
    }
    default:
      return loc("DryRunDone");
  }
}

/** One step, as a log line (or a warning when something needs attention). */
export function renderStep(step: RotationStep, ctx: RenderContext): void {
  switch (step.kind) {
    case "found":
      return log(
        "Found",
        step.pat.displayName,
        step.pat.authorizationId,
        step.pat.scope,
        step.pat.validTo,
        loc(step.pat.targetAccounts === null ? "TargetGlobal" : "TargetInOrganization"),
      );
    case "leftoverFound":
      return log(step.leftover === "orphan" ? "LeftoverOrphan" : "LeftoverReplaced", step.pat.displayName, step.pat.authorizationId);
    case "earlierRotationFound":
      return log(
        "EarlierRotation",
        step.current.displayName,
        step.current.authorizationId,
        step.replaced.map((p) => p.authorizationId).join(", "),
      );
    case "notDue":
      return log("NotDue", step.pat.displayName, step.pat.validTo, step.withinDays, step.dueOn);
    case "due":
      return log("Due", step.pat.displayName, step.pat.validTo, step.withinDays);
    case "planned":
      return renderPlan(step.plan, ctx);
    case "created":
      log("Created", step.pat.displayName, step.pat.authorizationId, step.pat.validTo);
      if (step.clamped) logWarning(loc("Clamped", step.requestedValidTo, step.pat.validTo, ctx.lifetimeDays));
      return;
    case "createFailed":
      return log("CreateFailed", step.error.message);
    case "createOutcomeUnknown":
      log("CreateAnswerLost", step.error.message);
      if (step.orphan) log("CreateOrphanRetry", step.orphan.authorizationId);
      return;
    case "verified":
      return log("Verified", step.user, step.attempts);
    case "verifySkipped":
      return log("VerifySkipped");
    case "verifyFailed":
      return log("VerifyFailed", step.attempts, step.error.message);
    case "stored":
      return log("Stored", step.store);
    case "storeFailed":
      return log("StoreFailed", step.store, step.error.message);
    case "revoked":
      if (step.role === "old") return log("RevokedOld", step.pat.authorizationId);
      if (step.role === "rollback") return log("RevokedRollback", step.pat.authorizationId);
      if (step.role === "orphan") return log("RevokedOrphan", step.pat.authorizationId);
      return log("RevokedLeftover", step.pat.authorizationId, step.pat.displayName);
    case "revokeFailed":
      if (step.role === "old") return warn("RevokeFailedOld", step.pat.authorizationId, step.error.message);
      if (step.role === "rollback") return warn("RevokeFailedRollback", step.pat.authorizationId, step.error.message);
      if (step.role === "orphan") return warn("RevokeFailedOrphan", step.pat.authorizationId, step.error.message);
      return warn("RevokeFailedLeftover", step.pat.authorizationId, step.pat.displayName, step.error.message);
    case "renamed":
      return log("Renamed", step.pat.authorizationId, step.to);
    case "renameFailed":
      return warn("RenameFailed", step.pat.authorizationId, step.to, step.error.message);
    case "oldKept":
      return log("OldKept", step.pat.authorizationId, step.pat.validTo);
    case "extended":
      log("Extended", step.pat.displayName, step.pat.authorizationId, step.pat.validTo, step.from);
      if (step.clamped) logWarning(loc("Clamped", step.requestedValidTo, step.pat.validTo, ctx.lifetimeDays));
      return;
    case "extendFailed":
      return log("ExtendFailed", step.pat.displayName, step.pat.authorizationId, step.error.message);
    default:
      return assertNever(step);
  }
}

function assertNever(step: never): never {
  throw new Error(`unknown rotation step ${JSON.stringify(step)}`);
}

function renderPlan(plan: RotationPlan, ctx: RenderContext): void {
  const cutoff = GLOBAL_PAT_CUTOFF.slice(0, 10);
  if (plan.action === "rotate") {
    log("PlanCreate", plan.displayName, plan.scope, describeScope(plan.scope), plan.validTo, plan.lifetimeDays);
    if (plan.narrowedFromGlobal) log("PlanNarrowGlobal", cutoff, ctx.organization);
    if (plan.allOrgs) logWarning(loc("PlanKeepGlobal", cutoff));
    log(plan.verify ? "PlanVerify" : "PlanNoVerify", ctx.collectionUrl);
    log("PlanStores", plan.stores.join(", "));
    if (plan.revokeOld) log("PlanRevokeOld", plan.target.authorizationId);
    else log("PlanKeepOld", plan.target.authorizationId, plan.target.validTo, replacedName(plan.target.displayName, ctx.now));
  } else {
    log("PlanExtend", plan.target.displayName, plan.target.authorizationId, plan.target.validTo, plan.validTo, plan.lifetimeDays);
    if (plan.narrowedFromGlobal) log("PlanNarrowGlobalExtend", cutoff, ctx.organization);
    if (plan.allOrgs) logWarning(loc("PlanKeepGlobal", cutoff));
  }
  for (const pat of plan.leftoversToRevoke) log("PlanLeftover", pat.displayName, pat.authorizationId);
}

function failureMessage(failure: RotationFailure, result: RotationResult, ctx: RenderContext): string {
  const target = result.plan?.target;
  const old = target?.authorizationId ?? "";
  const error = failure.error ? withHint(failure.error, ctx) : "";
  switch (failure.reason) {
    case "notFound":
      return failure.lookedFor?.by === "authorizationId"
        ? loc("FailNotFoundId", failure.lookedFor.value, ctx.user, ctx.organization)
        : loc("FailNotFoundName", failure.lookedFor?.value ?? "", ctx.user, ctx.organization);
    case "ambiguous": {
      const candidates = (failure.candidates ?? []).map((p) => loc("Candidate", p.authorizationId, p.validTo, p.validFrom));
      return loc("FailAmbiguous", candidates.length, failure.lookedFor?.value ?? "", candidates.join("; "));
    }
    case "revoked":
      return loc("FailRevoked", failure.lookedFor?.value ?? "");
    case "expired":
      return loc("FailExpired", target?.displayName ?? "", old, target?.validTo ?? "", failure.error?.message ?? "");
    case "createFailed":
      return loc("FailCreate", old, error);
    case "createOutcomeUnknown":
      return loc("FailCreateUnknown", old, error);
    case "verifyFailed":
      return loc("FailVerify", old, error);
    case "storeFailed":
      return loc("FailStore", old, error);
    case "extendFailed":
      return loc("FailExtend", target?.displayName ?? "", old, error);
  }
}

/** The API's sentence, plus which input to change when a policy refused. */
function withHint(error: StepError, ctx: RenderContext): string {
  switch (error.code) {
    case "patLifespanPolicyViolation":
      return `${error.message} ${loc("HintLifespan", ctx.lifetimeDays)}`;
    case "fullScopePatPolicyViolation":
      return `${error.message} ${loc("HintFullScope")}`;
    case "globalPatPolicyViolation":
    case "globalPATCreationBlocked":
      return `${error.message} ${loc("HintGlobal")}`;
    default:
      return error.message;
  }
}

function log(key: MessageKey, ...args: Array<string | number>): void {
  logLine(loc(key, ...args));
}

function warn(key: MessageKey, ...args: Array<string | number>): void {
  logWarning(loc(key, ...args));
}
