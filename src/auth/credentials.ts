/** What a caller can sign in with: the delegated Entra user credentials PAT Lifecycle accepts. */
import { DAY_MS } from "../expiry/wire-time";

export type EntraCredentials =
  | { method: "refreshToken"; tenantId: string; clientId: string; clientSecret?: string; refreshToken: string }
  | { method: "accessToken"; accessToken: string }
  | { method: "usernamePassword"; tenantId: string; clientId: string; clientSecret?: string; username: string; password: string };

/** Entra refresh tokens stop working this many days after they were issued. */
const REFRESH_TOKEN_LIFETIME_DAYS = 90;

/** The last moment a refresh token issued at `issuedAt` can be redeemed. */
export function refreshTokenStopsWorking(issuedAt: Date): Date {
  return new Date(issuedAt.getTime() + REFRESH_TOKEN_LIFETIME_DAYS * DAY_MS);
}
