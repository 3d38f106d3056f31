/**
 * Whether a person is watching this run: only then can someone enter a device code. Build.Reason
 * (learn.microsoft.com/azure/devops/pipelines/build/variables) is `Manual` when a person queued the
 * run; every other reason (Schedule, IndividualCI, BatchedCI, PullRequest, BuildCompletion,
 * ResourceTrigger, ValidateShelveset, CheckInShelveset) starts it with nobody there.
 */

const WATCHED_REASONS = new Set(["manual"]);

/** True when `buildReason` says a person queued the run. */
export function isWatchedRun(buildReason: string): boolean {
  return WATCHED_REASONS.has(buildReason.trim().toLowerCase());
}
