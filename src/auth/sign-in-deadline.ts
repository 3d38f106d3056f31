/** Gives up a person's sign-in (browser or device code) after a deadline: the attempt is cancelled, not left waiting. */

/** Runs `signIn`, rejecting with `timedOut()` after `ms`; the signal tells the attempt to stop. */
export async function withinDeadline<T>(ms: number, timedOut: () => Error, signIn: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(timedOut());
    }, ms);
  });
  const attempt = signIn(controller.signal);
  // Once given up, the cancelled attempt's own error is of no interest.
  attempt.catch(() => undefined);
  try {
    return await Promise.race([attempt, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
