/** The error a call fails with, for tests that check its type and sentence; assert.rejects fails the test when the call succeeds. */
import * as assert from "assert";

export async function rejectionOf(p: Promise<unknown>): Promise<Error> {
  let rejection: unknown;
  await assert.rejects(p, (e) => {
    rejection = e;
    return true;
  });
  assert.ok(rejection instanceof Error, `rejected with a non-Error: ${String(rejection)}`);
  return rejection;
}
