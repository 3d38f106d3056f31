/**
 * An access token that stays valid for long runs (an organization scan can outlast the one-hour
 * token): shortly before it expires, the latest refresh token (or the password) signs in again.
 * The refresh token saved at the start stays valid for 90 days, so these later ones need no saving.
 */
import { EntraCredentials } from "./credentials";
import { signIn, SignInOptions, SignInResult } from "./sign-in";

/** Renew this long before expiry, so a request never leaves with a token about to lapse. */
const RENEW_BEFORE_MS = 5 * 60 * 1000;

export interface RenewingTokenOptions extends SignInOptions {
  /** Told every new secret (access and refresh tokens) before it is used, so a task can mask it. */
  onNewSecret?: (secret: string) => void;
  /** The clock the token's expiry is compared with (Entra's expiry is in real time). */
  clock?: () => number;
}

/** A token getter for HttpClient's bearer(): the first sign-in's token, renewed when it nears expiry. */
export function renewingAccessToken(c: EntraCredentials, first: SignInResult, o: RenewingTokenOptions): () => Promise<string> {
  const clock = o.clock ?? Date.now;
  let current = { token: first.accessToken, expiresOn: first.expiresOn };
  let credentials = c.method === "refreshToken" && first.rotatedRefreshToken ? { ...c, refreshToken: first.rotatedRefreshToken } : c;
  let renewal: Promise<void> | undefined;

  const renew = async () => {
    const next = await signIn(credentials, o);
    o.onNewSecret?.(next.accessToken);
    if (next.rotatedRefreshToken) o.onNewSecret?.(next.rotatedRefreshToken);
    current = { token: next.accessToken, expiresOn: next.expiresOn };
    if (credentials.method === "refreshToken" && next.rotatedRefreshToken)
      credentials = { ...credentials, refreshToken: next.rotatedRefreshToken };
  };

  return async () => {
    // A ready-made access token cannot be renewed; it is used until Azure DevOps refuses it.
    if (credentials.method === "accessToken" || current.expiresOn.getTime() - clock() > RENEW_BEFORE_MS) return current.token;
    renewal ??= renew().finally(() => (renewal = undefined));
    await renewal;
    return current.token;
  };
}
