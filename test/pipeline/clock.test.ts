/** The fixed clock (PAT_LIFECYCLE_NOW) is a test hook of emulator mode only. */
import * as assert from "assert";
import { InputError } from "../../src/api/input-error";
import { checkTestHooks, taskNow } from "../../src/pipeline/clock";

const EMULATOR = {
  PAT_LIFECYCLE_VSSPS_URL: "https://127.0.0.1:1",
  PAT_LIFECYCLE_DEVOPS_URL: "https://127.0.0.1:2",
  PAT_LIFECYCLE_AUTHORITY_HOST: "https://localhost:3",
};
const REFUSED =
  "PAT_LIFECYCLE_NOW is set, but it can only be used with the local emulator (all of PAT_LIFECYCLE_VSSPS_URL, PAT_LIFECYCLE_DEVOPS_URL, PAT_LIFECYCLE_AUTHORITY_HOST pointing at a loopback address): " +
  "remove it from the pipeline's variables, variable groups and queue-time values (or from your environment), as this run talks to the real services on the real clock.";

describe("pipeline/clock", () => {
  it("is real time when PAT_LIFECYCLE_NOW is unset", () => {
    const before = Date.now();
    const now = taskNow({}).getTime();
    assert.ok(now >= before && now <= Date.now());
  });

  it("honours PAT_LIFECYCLE_NOW against the emulator", () => {
    assert.strictEqual(taskNow({ ...EMULATOR, PAT_LIFECYCLE_NOW: "2026-01-01T00:00:00Z" }).toISOString(), "2026-01-01T00:00:00.000Z");
  });

  const refusedWith: Array<[string, NodeJS.ProcessEnv]> = [
    ["no endpoint override", {}],
    [
      "only some endpoints on the emulator",
      { PAT_LIFECYCLE_VSSPS_URL: EMULATOR.PAT_LIFECYCLE_VSSPS_URL, PAT_LIFECYCLE_DEVOPS_URL: EMULATOR.PAT_LIFECYCLE_DEVOPS_URL },
    ],
  ];
  for (const [what, env] of refusedWith) {
    it(`refuses PAT_LIFECYCLE_NOW with ${what}, in a sentence`, () => {
      for (const check of [
        () => taskNow({ ...env, PAT_LIFECYCLE_NOW: "2026-01-01T00:00:00Z" }),
        () => checkTestHooks({ ...env, PAT_LIFECYCLE_NOW: "2026-01-01T00:00:00Z" }),
      ]) {
        assert.throws(check, (e: unknown) => e instanceof InputError && e.input === "PAT_LIFECYCLE_NOW" && e.message === REFUSED);
      }
    });
  }

  it("refuses an endpoint override off this machine even without the clock", () => {
    assert.throws(
      () => checkTestHooks({ PAT_LIFECYCLE_VSSPS_URL: "https://vssps.example" }),
      /PAT_LIFECYCLE_VSSPS_URL is set to 'vssps.example', but it can only point at the local emulator/,
    );
    assert.doesNotThrow(() => checkTestHooks({}));
  });
});
