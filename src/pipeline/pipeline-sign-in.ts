/**
 * The core of the sign-in task: a device code sign-in a person completes while watching the run,
 * the new credentials stored where the other tasks read them, then proven by listing one PAT.
 */
import type { Endpoints } from "../api/endpoints";
import { HttpClient } from "../api/http";
import { bearer } from "../api/credential";
import { listPats } from "../api/pats";
import { refreshTokenStopsWorking } from "../auth/credentials";
import { signInPerson } from "../auth/person-sign-in";
import type { DeviceCode } from "../auth/msal";
import { withinDeadline } from "../auth/sign-in-deadline";

/** What a sign-in yields that the pipelines need: all of it goes to secret variables. */
export interface StoredSignIn {
  refreshToken: string;
  tenantId: string;
  clientId: string;
}

interface PipelineSignInParams {
  endpoints: Endpoints;
  /** A tenant id or domain; "organizations" lets the person sign in to their work account's tenant. */
  tenantId: string;
  clientId: string;
  /** The organization the proof lists a PAT in. */
  organization: string;
  timeoutMinutes: number;
  fetch: typeof fetch;
  now: () => Date;
  /** Shows the code and where to enter it. */
  onDeviceCode: (code: DeviceCode) => void;
  /** Masks a secret; called for each token before anything else happens with it. */
  onSecret: (secret: string) => void;
  /** Says who signed in (after the tokens are masked). */
  onSignedIn: (user: SignedInUser) => void;
  /** The error for a sign-in nobody completed in time. */
  timedOut: (minutes: number) => Error;
  /** Keeps the new credentials (variable group or service connection). */
  store: (signIn: StoredSignIn) => Promise<void>;
  /** The error for a sign-in that worked but cannot list PATs (the credentials are stored by then). */
  proofFailed: (upn: string, organization: string, reason: string) => Error;
}

type SignedInUser = { oid: string; upn: string; tenantId: string };

interface PipelineSignInResult {
  user: SignedInUser;
  /** PATs the proof listed (0 or 1). */
  patsListed: number;
  /** When the stored refresh token lapses if no task uses it. */
  lapsesOn: Date;
}

export async function signInFromPipeline(p: PipelineSignInParams): Promise<PipelineSignInResult> {
  const signedIn = await withinDeadline(
    p.timeoutMinutes * 60_000,
    () => p.timedOut(p.timeoutMinutes),
    (signal) =>
      signInPerson({
        authorityHost: p.endpoints.authorityHost,
        tenantId: p.tenantId,
        clientId: p.clientId,
        deviceCode: true,
        openBrowser: () => Promise.reject(new Error("a pipeline has no browser")),
        onDeviceCode: p.onDeviceCode,
        fetch: p.fetch,
        signal,
      }),
  );
  p.onSecret(signedIn.accessToken);
  p.onSecret(signedIn.refreshToken);
  p.onSignedIn(signedIn.user);
  const issuedAt = p.now();
  await p.store({ refreshToken: signedIn.refreshToken, tenantId: signedIn.user.tenantId, clientId: p.clientId });

  const http = new HttpClient({ credential: bearer(() => signedIn.accessToken), fetch: p.fetch });
  let patsListed: number;
  try {
    patsListed = (await listPats({ http, endpoints: p.endpoints, organization: p.organization }, { top: 1 })).patTokens.length;
  } catch (error) {
    throw p.proofFailed(signedIn.user.upn, p.organization, error instanceof Error ? error.message : String(error));
  }
  return { user: signedIn.user, patsListed, lapsesOn: refreshTokenStopsWorking(issuedAt) };
}
