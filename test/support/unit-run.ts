/** The unit run (`npm run test:unit`) has no emulator and no Chromium: the helpers that start them refuse. */
export const UNIT_RUN_VARIABLE = "PAT_LIFECYCLE_TEST_UNIT_RUN";

/** Throws when a file in the unit run reaches for something only the full run provides. */
export function refuseInUnitRun(what: string): void {
  if (process.env[UNIT_RUN_VARIABLE] === "1") {
    throw new Error(`npm run test:unit runs without ${what}; move this test file out of .mocharc.unit.json's spec list.`);
  }
}
