/** A describe block's seeded emulator: started in `before`, stopped in `after` once every collected output is scanned for every collected secret. */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { EmulatorOptions, NewUser } from "../emulator/wire-types";
import { assertNoSecrets } from "./secrets";
import { startSeededEmulator, type SeededEmulator } from "./seeded-emulator";

export interface EmulatorSuiteOptions extends EmulatorOptions {
  /** Adds to or replaces Ada's details (a password, admin rights). */
  ada?: Partial<NewUser>;
  /** Prefix of a temporary folder made in `before` and removed in `after` (`folder`). */
  folder?: string;
}

/** What the suite's tests share; `emu`, `ada` and `folder` are there once the suite's `before` ran. */
export interface EmulatorSuite extends SeededEmulator {
  /** Secret values the tests handed out or received: none may appear in `outputs`. */
  secrets: string[];
  /** Everything a person could read (CLI and task output, error messages), scanned in `after`. */
  outputs: string[];
  /** The temporary folder asked for with `folder`. */
  folder: string;
}

/**
 * Registers the mocha hooks of a suite over the emulator with contoso and Ada. Hooks the caller registers
 * afterwards run after these, so their `before` sees the started emulator.
 */
export function emulatorSuite(o: EmulatorSuiteOptions = {}): EmulatorSuite {
  const { folder, ...seeding } = o;
  const suite = { secrets: [], outputs: [] } as unknown as EmulatorSuite;
  before(async () => {
    Object.assign(suite, await startSeededEmulator(seeding));
    if (folder !== undefined) suite.folder = fs.mkdtempSync(path.join(os.tmpdir(), folder));
  });
  after(async () => {
    try {
      assertNoSecrets(suite.outputs, suite.secrets);
    } finally {
      await suite.emu?.stop();
      if (suite.folder) fs.rmSync(suite.folder, { recursive: true, force: true });
    }
  });
  return suite;
}
