/** A person's realistic set of PATs in every state: for the screenshot and the playground. */
import type { Emulator, EmuPat } from "../emulator/client";
import { DAY_MS } from "../support/days";

interface Sample {
  displayName: string;
  scope: string;
  /** Days from now; negative = already expired. */
  expiresIn: number;
  createdAgo: number;
  global?: boolean;
  revoked?: boolean;
}

export const SAMPLE_PATS: readonly Sample[] = [
  { displayName: "Release pipeline - artifacts feed", scope: "vso.packaging_write", expiresIn: 3, createdAgo: 87 },
  { displayName: "GitHub Actions mirror sync", scope: "vso.code_write", expiresIn: 26, createdAgo: 64 },
  { displayName: "Terraform state backend", scope: "vso.project vso.variablegroups_manage", expiresIn: 142, createdAgo: 40, global: true },
  { displayName: "Local dev - Azure CLI", scope: "app_token", expiresIn: 6, createdAgo: 24 },
  { displayName: "Work item export (Power BI)", scope: "vso.work vso.analytics", expiresIn: 58, createdAgo: 120 },
  { displayName: "Nightly test agent", scope: "vso.build_execute vso.test_write", expiresIn: -5, createdAgo: 95 },
  { displayName: "Old NuGet publish key", scope: "vso.packaging_manage", expiresIn: 20, createdAgo: 200, revoked: true },
  { displayName: "Wiki bot", scope: "vso.wiki_write", expiresIn: 310, createdAgo: 12 },
];

/** Adds the samples for `userId`; returns them with their secrets (for secret scans). */
export async function addSamplePats(emulator: Emulator, userId: string, organization: string, now = Date.now()): Promise<EmuPat[]> {
  const day = (n: number) => new Date(now + n * DAY_MS).toISOString();
  const added: EmuPat[] = [];
  for (const s of SAMPLE_PATS) {
    added.push(
      await emulator.addPat(userId, {
        displayName: s.displayName,
        scope: s.scope,
        validTo: day(s.expiresIn),
        validFrom: day(-s.createdAgo),
        organizations: s.global ? "global" : [organization],
        revoked: s.revoked ?? false,
      }),
    );
  }
  return added;
}
