/** A token administrator of one organization (standing for a Project Collection Administrator), for organization-wide tests and benches. */
import type { Emulator, EmuUser } from "../emulator/client";

export function addTokenAdmin(
  emulator: Emulator,
  organization: string,
  who: { displayName: string; principalName: string },
): Promise<EmuUser> {
  return emulator.addUser({ ...who, organizations: [organization], tokenAdminOf: [organization] });
}
