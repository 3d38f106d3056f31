/**
 * Signs in to Microsoft Entra as a user, unattended, with one of the credential methods, and
 * returns an Azure DevOps access token plus the refresh token Entra rotated in (to be saved).
 */
import { checkAccessToken, decodeAccessToken, delegatedUser } from "./access-token";
import { EntraCredentials } from "./credentials";
import { message } from "../messages/shared-messages";
import { EntraApp, EntraTokens, redeemRefreshToken, signInWithPassword } from "./msal";

export interface SignInResult {
  accessToken: string;
  expiresOn: Date;
  user: { oid: string; upn: string; tenantId: string };
  /** The new refresh token Entra issued; the caller must save it for the next run. */
  rotatedRefreshToken?: string;
  warnings: string[];
}

export interface SignInOptions {
  authorityHost: string;
  now?: () => Date;
  /** How to reach Entra (the agent's proxy); global fetch when absent. */
  fetch?: typeof fetch;
}

export async function signIn(c: EntraCredentials, o: SignInOptions): Promise<SignInResult> {
  const now = o.now ?? (() => new Date());
  if (c.method === "accessToken") {
    const checked = checkAccessToken(c.accessToken, now());
    return { accessToken: c.accessToken.trim(), expiresOn: checked.expiresOn, user: checked.user, warnings: [] };
  }
  const app: EntraApp = {
    authorityHost: o.authorityHost,
    tenantId: c.tenantId,
    clientId: c.clientId,
    clientSecret: c.clientSecret,
    fetch: o.fetch,
  };
  if (c.method === "refreshToken") {
    const tokens = await redeemRefreshToken(app, c.refreshToken.trim());
    const rotated = tokens.refreshToken && tokens.refreshToken !== c.refreshToken.trim() ? tokens.refreshToken : undefined;
    return result(tokens, rotated, rotated ? [] : [message("AuthNoRefreshToken")]);
  }
  const warnings = [message("AuthUsernamePasswordDeprecated")];
  const tokens = await signInWithPassword(app, c.username, c.password);
  return result(tokens, tokens.refreshToken, warnings);
}

/** A token Entra just issued: its expiry comes from Entra, but it must still be a delegated user token. */
function result(tokens: EntraTokens, rotatedRefreshToken: string | undefined, warnings: string[]): SignInResult {
  const user = delegatedUser(decodeAccessToken(tokens.accessToken));
  return { accessToken: tokens.accessToken, expiresOn: tokens.expiresOn, user, rotatedRefreshToken, warnings };
}
