/**
 * Signs a person in on their own machine (the one-time bootstrap of `pat-lifecycle login`): in the
 * browser on a loopback redirect with PKCE, or with a device code where there is no browser.
 */
import { decodeAccessToken, delegatedUser } from "./access-token";
import { EntraSignInError } from "./entra-errors";
import { DeviceCode, EntraApp, signInInteractive, signInWithDeviceCode } from "./msal";

export interface PersonSignInParams {
  authorityHost: string;
  /** A tenant id or domain; "organizations" lets the person pick their work account's tenant. */
  tenantId: string;
  clientId: string;
  /** Device code flow instead of the browser. */
  deviceCode?: boolean;
  /** Shows the sign-in page (the system browser, or a test). */
  openBrowser: (url: string) => Promise<void>;
  /** Tells the person where to enter the device code. */
  onDeviceCode: (code: DeviceCode) => void;
  loginHint?: string;
  fetch?: typeof fetch;
  /** Aborting gives up the sign-in (the browser's loopback wait, or device code polling). */
  signal?: AbortSignal;
}

export interface PersonSignInResult {
  accessToken: string;
  expiresOn: Date;
  user: { oid: string; upn: string; tenantId: string };
  refreshToken: string;
}

export async function signInPerson(p: PersonSignInParams): Promise<PersonSignInResult> {
  const app: EntraApp = { authorityHost: p.authorityHost, tenantId: p.tenantId, clientId: p.clientId, fetch: p.fetch };
  const tokens = p.deviceCode
    ? await signInWithDeviceCode(app, p.onDeviceCode, p.signal)
    : await signInInteractive(app, {
        openBrowser: p.openBrowser,
        loginHint: p.loginHint,
        signal: p.signal,
        successTemplate: "<p>Signed in. You can close this window and return to pat-lifecycle.</p>",
        errorTemplate: "<p>Sign-in failed. Return to pat-lifecycle for details.</p>",
      });
  const user = delegatedUser(decodeAccessToken(tokens.accessToken));
  if (!tokens.refreshToken) throw new EntraSignInError("AuthLoginNoRefreshToken");
  return { accessToken: tokens.accessToken, expiresOn: tokens.expiresOn, user, refreshToken: tokens.refreshToken };
}
