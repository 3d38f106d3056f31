/** The task's clock: real time, or a fixed instant from PAT_LIFECYCLE_NOW (emulator tests, demos only). */
import { ENDPOINT_OVERRIDES, isEmulatorMode } from "../api/endpoints";
import { InputError } from "../api/input-error";

/**
 * The ONE place reading PAT_LIFECYCLE_NOW (an ISO date-time); real time when it is unset. It is
 * honoured only in emulator mode (every endpoint override set to a loopback address): anywhere else
 * it would let a pipeline variable hide expired PATs, so it fails the run with a sentence saying so.
 */
export function taskNow(env: NodeJS.ProcessEnv = process.env): Date {
  const fake = env.PAT_LIFECYCLE_NOW;
  if (!fake) return new Date();
  if (!isEmulatorMode(env)) {
    throw new InputError(
      "PAT_LIFECYCLE_NOW",
      `PAT_LIFECYCLE_NOW is set, but it can only be used with the local emulator (all of ${ENDPOINT_OVERRIDES.join(", ")} pointing at a loopback address): ` +
        "remove it from the pipeline's variables, variable groups and queue-time values (or from your environment), as this run talks to the real services on the real clock.",
    );
  }
  const at = new Date(fake);
  if (Number.isNaN(at.getTime())) throw new InputError("PAT_LIFECYCLE_NOW", `PAT_LIFECYCLE_NOW is not an ISO date-time: '${fake}'.`);
  return at;
}

/** Fails at once (before any connection) when an endpoint override or the clock hook is set where it must not be. */
export function checkTestHooks(env: NodeJS.ProcessEnv = process.env): void {
  isEmulatorMode(env);
  taskNow(env);
}
