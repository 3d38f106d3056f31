/** The task's clock: real time, or a fixed instant from PAT_LIFECYCLE_NOW (tests, demos). */

/** The ONE place reading PAT_LIFECYCLE_NOW (an ISO date-time); real time when it is unset. */
export function taskNow(env: NodeJS.ProcessEnv = process.env): Date {
  const fake = env.PAT_LIFECYCLE_NOW;
  if (!fake) return new Date();
  const at = new Date(fake);
  if (Number.isNaN(at.getTime())) throw new Error(`PAT_LIFECYCLE_NOW is not an ISO date-time: '${fake}'.`);
  return at;
}
