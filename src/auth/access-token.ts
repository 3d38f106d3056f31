/**
 * Reads the claims of an Entra access token locally (no signature check: Azure DevOps verifies it)
 * and refuses, before any call, tokens the PAT Lifecycle API would turn away with a sign-in page.
 */
import { AZURE_DEVOPS_RESOURCE } from "../api/model";
import { EntraSignInError } from "./entra-errors";
import { missingPermissions, NEED_NAMES, type PermissionNeed } from "./token-permissions";

export interface AccessTokenClaims {
  aud?: string;
  exp?: number;
  tid?: string;
  oid?: string;
  upn?: string;
  unique_name?: string;
  preferred_username?: string;
  scp?: string;
  roles?: string[];
  idtyp?: string;
  iat?: number;
  /** The app registration the token was issued to (v1 `appid`, v2 `azp`). */
  appid?: string;
  azp?: string;
}

/** Audiences Entra puts in Azure DevOps tokens (v2 uses the app id, some v1 tokens the app id URI). */
const AZURE_DEVOPS_AUDIENCES = new Set([AZURE_DEVOPS_RESOURCE, `api://${AZURE_DEVOPS_RESOURCE}`, "https://app.vssps.visualstudio.com"]);

export function decodeAccessToken(token: string): AccessTokenClaims {
  const parts = token.trim().split(".");
  if (parts.length !== 3) throw new EntraSignInError("AuthAccessTokenMalformed");
  try {
    const claims: unknown = JSON.parse(Buffer.from(parts[1], "base64url").toString("utf8"));
    if (typeof claims !== "object" || claims === null) throw new Error("not an object");
    return claims as AccessTokenClaims;
  } catch {
    throw new EntraSignInError("AuthAccessTokenMalformed");
  }
}

export interface CheckedAccessToken {
  expiresOn: Date;
  user: { oid: string; upn: string; tenantId: string };
}

/** Throws the sentence for a token that is not a live, delegated Azure DevOps user token. */
export function checkAccessToken(token: string, now: Date): CheckedAccessToken {
  const claims = decodeAccessToken(token);
  const user = delegatedUser(claims);
  if (typeof claims.exp !== "number") throw new EntraSignInError("AuthAccessTokenMalformed");
  const expiresOn = new Date(claims.exp * 1000);
  if (expiresOn.getTime() <= now.getTime()) throw new EntraSignInError("AuthAccessTokenExpired", expiresOn.toISOString());
  return { expiresOn, user };
}

/** The user a token speaks for; throws when it is not a delegated Azure DevOps user token. */
export function delegatedUser(claims: AccessTokenClaims): CheckedAccessToken["user"] {
  if (!claims.aud || !AZURE_DEVOPS_AUDIENCES.has(claims.aud)) {
    throw new EntraSignInError("AuthAccessTokenWrongAudience", claims.aud ?? "no audience");
  }
  if (claims.idtyp === "app" || !claims.scp) throw new EntraSignInError("AuthAccessTokenAppOnly");
  if (!claims.oid || !claims.tid) throw new EntraSignInError("AuthNoUserInToken");
  return { oid: claims.oid, upn: claims.upn ?? claims.unique_name ?? claims.preferred_username ?? claims.oid, tenantId: claims.tid };
}

/**
 * Throws the sentence naming the missing delegated permissions and the app registration to add them to
 * when the token's `scp` does not cover `needs` (checked before the first Azure DevOps call).
 */
export function requirePermissions(token: string, needs: readonly PermissionNeed[]): void {
  const claims = decodeAccessToken(token);
  for (const need of needs) {
    const missing = missingPermissions(claims.scp, need);
    if (!missing.length) continue;
    const app = claims.appid ?? claims.azp ?? "(unknown client id)";
    const what = missing.length === 1 ? `permission ${missing[0]}` : `permissions ${missing.join(" and ")}`;
    throw new EntraSignInError(
      "AuthPermissionsMissing",
      NEED_NAMES[need],
      what,
      app,
      claims.scp || "none",
      missing.length === 1 ? "it" : "them",
      app,
    );
  }
}
