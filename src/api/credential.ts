/** Credentials as functions returning the full Authorization header value, asked once per attempt. */

/** What kind of secret a credential carries, so auth failures can say what to check. */
export type CredentialKind = "entraUser" | "pat" | "jobToken";

/** Returns the full Authorization header value; `kind` (optional) refines error messages. */
export type Credential = (() => Promise<string>) & { kind?: CredentialKind };

/** `Bearer <token>`; the token getter runs before every attempt so refreshed tokens are used. */
export function bearer(getToken: () => Promise<string> | string, kind: CredentialKind = "entraUser"): Credential {
  const credential: Credential = async () => `Bearer ${await getToken()}`;
  credential.kind = kind;
  return credential;
}

/** `Basic base64(:pat)`, the form Azure DevOps expects for a personal access token. */
export function basicPat(pat: string): Credential {
  const header = `Basic ${base64(`:${pat}`)}`;
  const credential: Credential = async () => header;
  credential.kind = "pat";
  return credential;
}

/** UTF-8 safe base64 with browser globals only (btoa works on Latin-1 strings). */
function base64(text: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** No credential at all: for a webhook, which must never receive a Microsoft token. */
export function noCredential(): Credential {
  return async () => "";
}
