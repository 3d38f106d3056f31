/** What the owner should do about one finding, in one sentence. */
import { GLOBAL_PAT_CUTOFF } from "../api/model";
import type { PatFinding } from "../expiry/classify";

export function remedyText(f: PatFinding): string {
  const cutoff = GLOBAL_PAT_CUTOFF.slice(0, 10);
  if (f.status === "expired") {
    return "It has expired and can no longer be extended: create a new PAT with the scopes its consumers need, put it where they read it, and revoke nothing else.";
  }
  if (f.breaksAtGlobalCutoff)
    return `Global PATs stop working on ${cutoff}: replace it with a PAT for this organization only (RotatePat or the PAT Lifecycle hub), before then.`;
  const parts: string[] = [];
  if (f.status === "failing" || f.status === "warning")
    parts.push(`Rotate or extend it (RotatePat task or the PAT Lifecycle hub) before ${f.breaksAt.slice(0, 10)}.`);
  if (f.flags.includes("global") && !f.breaksAtGlobalCutoff)
    parts.push(`Replace it with a PAT for this organization only: global PATs stop working on ${cutoff}.`);
  if (f.flags.includes("fullScope")) parts.push("Replace it with a PAT limited to the scopes its consumers need (it has full access).");
  if (f.flags.includes("longLifetime")) parts.push("Rotate it to a PAT whose lifetime is within the organization's policy.");
  return parts.join(" ") || "Review it.";
}
