/** The emulator as most tests start it: organization contoso with Ada Lovelace as a member, trusted by this process. */
import { startEmulator, type Emulator, type EmuUser } from "../emulator/client";
import type { EmulatorOptions, NewUser } from "../emulator/wire-types";

export interface SeededEmulator {
  emu: Emulator;
  ada: EmuUser;
}

/** Starts the emulator with contoso and Ada; `ada` adds to or replaces her details (a password, admin rights). */
export async function startSeededEmulator(o: EmulatorOptions & { ada?: Partial<NewUser> } = {}): Promise<SeededEmulator> {
  const { ada: details, ...options } = o;
  const emu = await startEmulator(options);
  emu.trustInThisProcess();
  await emu.addOrganization("contoso");
  const ada = await emu.addUser({ displayName: "Ada Lovelace", principalName: "ada@contoso.com", organizations: ["contoso"], ...details });
  return { emu, ada };
}

/** Undoes what a test may have set on a shared emulator: faults, the rate limit and the request log. */
export async function resetEmulator(emu: Emulator): Promise<void> {
  await emu.clearFaults();
  await emu.setRateLimit(null);
  await emu.clearRequests();
}
