/** Everything the CLI says to a person (sign-in error sentences come from src/messages/shared-messages). */
import { DAY_MS } from "../expiry/wire-time";

export const USAGE = `pat-lifecycle: sign in once as yourself so PAT Lifecycle pipeline tasks can sign in without you.

Usage:
  pat-lifecycle login --client-id <app id> --organization <org> [--tenant <tenant>]
                      [--device-code] [--login-hint <upn>] [--out <file> | --print-secret]
                      [--sign-in-timeout <seconds>]
  pat-lifecycle whoami [--credentials <file>]
  pat-lifecycle whoami --tenant <tenant> --client-id <app id>   (refresh token in PAT_LIFECYCLE_REFRESH_TOKEN)

login    Signs you in with your browser (or --device-code), checks the result by listing one of
         your PATs in <org>, saves the refresh token to <file> (default ~/.pat-lifecycle/credentials.json,
         mode 0600) and prints what to store in the service connection or variable group.
         --print-secret prints the refresh token alone on stdout instead of writing a file; so does
         login when the file cannot be written, after saying why. The sign-in gives up after
         --sign-in-timeout seconds (default 300).
whoami   Shows who the stored credentials sign in as and when the refresh token was issued, and
         saves the new refresh token Entra issues back to the credentials file.

The app registration (--client-id) must be a public client with "Allow public client flows" on,
the redirect URI http://localhost, and the delegated Azure DevOps permissions vso.pats (read PATs) and
vso.pats_manage (create, extend, revoke), with admin consent; for the organization-wide check also
vso.tokenadministration and vso.graph. (user_impersonation no longer opens the PAT API.)
Environment: PAT_LIFECYCLE_CLIENT_ID, PAT_LIFECYCLE_TENANT_ID instead of the flags.`;

export function usageError(problem: string): string {
  return `${problem}\nRun \`pat-lifecycle --help\` for usage.`;
}

export function browserPrompt(url: string): string {
  return `Opening your browser to sign in. If it does not open, visit:\n  ${url}`;
}

export function signInTimedOut(seconds: number, deviceCode: boolean): string {
  const what = deviceCode ? "the device code to be approved" : "the sign-in in the browser to come back";
  return (
    `Gave up after waiting ${seconds} seconds for ${what}. Run \`pat-lifecycle login\` again` +
    (deviceCode
      ? ", and approve the code in time."
      : ", finish signing in within that time (--sign-in-timeout <seconds> to wait longer), or use --device-code.")
  );
}

export function handedOverInstead(whyNotSaved: string): string {
  return `${whyNotSaved} So that the new refresh token is not lost, it is printed on stdout instead.`;
}

export const STORE_ROTATED_TOKEN =
  "It is a secret: put it in your credentials file (or wherever the old one was) now, then clear your terminal.";

export function signedIn(upn: string, tenantId: string): string {
  return `Signed in as ${upn} (tenant ${tenantId}).`;
}

export function verified(organization: string, patCount: number): string {
  return `Checked: listing your PATs in organization '${organization}' works (${patCount === 0 ? "you have none yet" : "found at least one"}).`;
}

export function verificationFailed(upn: string, organization: string, reason: string): string {
  return `Signed in as ${upn}, but listing your PATs in organization '${organization}' failed, so the refresh token was not saved: ${reason}`;
}

export interface StoreInstructions {
  tenantId: string;
  clientId: string;
  /** Where the refresh token is: a file path, or undefined when it went to stdout. */
  file?: string;
  issuedAt: Date;
  stopsWorking: Date;
  organization: string;
}

export function storeInstructions(i: StoreInstructions): string {
  const secret = i.file ? `the "refreshToken" field of ${i.file}` : "the refresh token printed on stdout";
  const lines = [
    i.file
      ? `Saved the refresh token to ${i.file} (readable by you only).`
      : "The refresh token is on stdout; it is a secret: store it, then clear your terminal.",
    `It was issued ${day(i.issuedAt)} and stops working on ${day(i.stopsWorking)} unless a pipeline saves the new one it gets on every run.`,
    "",
    "Store these values, in ONE of two places:",
    "",
    "A) A service connection: Project settings > Service connections > New > Microsoft Entra user for PAT Lifecycle",
    `     Tenant ID      ${i.tenantId}`,
    `     Client ID      ${i.clientId}`,
    "     Client secret  (leave empty)",
    `     Refresh token  ${secret}`,
    "   Tasks: authenticationMethod: connection, entraConnection: <the connection's name>.",
    "",
    "B) A variable group (Pipelines > Library > + Variable group), for example 'pat-lifecycle':",
    `     PatLifecycleTenantId      ${i.tenantId}`,
    `     PatLifecycleClientId      ${i.clientId}`,
    `     PatLifecycleRefreshToken  ${secret}  (click the lock: secret)`,
    "   Tasks: authenticationMethod: refreshToken, tenantId: $(PatLifecycleTenantId), clientId: $(PatLifecycleClientId),",
    "          refreshToken: $(PatLifecycleRefreshToken), refreshTokenVariableGroup: pat-lifecycle",
    "   So the tasks can save each new refresh token there, give the build service the Administrator role on the",
    `   group: Library > pat-lifecycle > Security > add '<project> Build Service (${i.organization})' as Administrator.`,
    "",
    i.file ? `Then delete ${i.file}, or keep it for \`pat-lifecycle whoami\`.` : "",
  ];
  return lines.join("\n").trimEnd();
}

export interface WhoamiReport {
  upn: string;
  clientId: string;
  /** The access token's `scp`. */
  permissions: string;
  /** Per need, the permissions the token lacks (empty: it may go on). */
  missing: Array<{ need: string; missing: string[] }>;
  oid: string;
  tenantId: string;
  issuedAt?: Date;
  stopsWorking?: Date;
  now: Date;
  savedTo?: string;
}

export function whoamiReport(r: WhoamiReport): string {
  const lines = [`Signs in as ${r.upn} (object id ${r.oid}, tenant ${r.tenantId}).`];
  if (r.issuedAt && r.stopsWorking) {
    const age = Math.floor((r.now.getTime() - r.issuedAt.getTime()) / DAY_MS);
    lines.push(
      `The stored refresh token was issued ${r.issuedAt.toISOString()} (${age} days ago); it stops working on ${day(r.stopsWorking)}.`,
    );
  } else {
    lines.push("When the refresh token was issued is not known (it did not come from a credentials file).");
  }
  lines.push(`Delegated Azure DevOps permissions in its access token: ${r.permissions || "none"}.`);
  for (const m of r.missing) {
    lines.push(m.missing.length ? `  ${m.need}: missing ${m.missing.join(" and ")}` : `  ${m.need}: ok`);
  }
  const absent = [...new Set(r.missing.flatMap((m) => m.missing))];
  if (absent.length) {
    lines.push(
      `To add ${absent.join(", ")}: Entra admin center > App registrations > ${r.clientId} > API permissions > Add a permission > ` +
        "Azure DevOps > Delegated permissions, then grant admin consent for the tenant (or run `pat-lifecycle login` again to consent).",
    );
  }
  if (r.savedTo) lines.push(`Saved the new refresh token Microsoft Entra just issued to ${r.savedTo}.`);
  return lines.join("\n");
}

function day(d: Date): string {
  return d.toISOString().slice(0, 10);
}
