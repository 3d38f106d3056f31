/**
 * `pat-lifecycle login`: signs the person in, proves the token works against Azure DevOps by
 * listing one PAT, then hands over the refresh token (file 0600, or stdout when asked or when the file
 * cannot be written) and says exactly where to store it. The sign-in gives up after a stated time.
 */
import { endpointsFromEnv, parseOrganization } from "../api/endpoints";
import { HttpClient } from "../api/http";
import { bearer } from "../api/credential";
import { listPats } from "../api/pats";
import { requirePermissions } from "../auth/access-token";
import { refreshTokenStopsWorking } from "../auth/credentials";
import { signInPerson } from "../auth/person-sign-in";
import { CredentialsSaveError, restrictExposedFile, writeCredentialsFile } from "./credentials-file";
import { CliIo } from "./io";
import * as texts from "./texts";

export interface LoginParams {
  tenant: string;
  clientId: string;
  organization: string;
  deviceCode: boolean;
  loginHint?: string;
  /** Credentials file to write; ignored with printSecret. */
  out: string;
  printSecret: boolean;
  /** How long to wait for the person to finish signing in, in seconds. */
  signInTimeoutSeconds: number;
}

/** The default wait for the browser or device code sign-in. */
export const SIGN_IN_TIMEOUT_SECONDS = 300;

/** Resolves to false when the token was handed over on stdout because the file could not be written. */
export async function login(p: LoginParams, io: CliIo): Promise<boolean> {
  const endpoints = endpointsFromEnv(io.env);
  const organization = parseOrganization(p.organization, endpoints);
  const result = await withinDeadline(p.signInTimeoutSeconds, p.deviceCode, (signal) =>
    signInPerson({
      authorityHost: endpoints.authorityHost,
      tenantId: p.tenant,
      clientId: p.clientId,
      deviceCode: p.deviceCode,
      loginHint: p.loginHint,
      fetch: io.fetch,
      openBrowser: async (url) => {
        io.err(texts.browserPrompt(url));
        await io.openBrowser(url);
      },
      onDeviceCode: (code) => io.err(code.message),
      signal,
    }),
  );
  io.err(texts.signedIn(result.user.upn, result.user.tenantId));

  const http = new HttpClient({ credential: bearer(() => result.accessToken), fetch: io.fetch });
  let found: number;
  try {
    // The token's delegated permissions first: a legacy registration (user_impersonation) is named as such.
    requirePermissions(result.accessToken, ["readPats"]);
    found = (await listPats({ http, endpoints, organization }, { top: 1 })).patTokens.length;
  } catch (error) {
    throw new LoginCheckError(
      texts.verificationFailed(result.user.upn, organization, error instanceof Error ? error.message : String(error)),
    );
  }
  io.err(texts.verified(organization, found));

  const issuedAt = io.now();
  let file = p.printSecret ? undefined : p.out;
  if (file) {
    const exposed = restrictExposedFile(file);
    if (exposed) io.err(exposed);
    try {
      writeCredentialsFile(file, {
        tenantId: result.user.tenantId,
        clientId: p.clientId,
        refreshToken: result.refreshToken,
        issuedAt: issuedAt.toISOString(),
        user: result.user.upn,
        organization,
      });
    } catch (error) {
      if (!(error instanceof CredentialsSaveError)) throw error;
      handOverOnStdout(io, error, result.refreshToken);
      file = undefined;
    }
  } else {
    io.out(result.refreshToken);
  }
  io.err(
    texts.storeInstructions({
      tenantId: result.user.tenantId,
      clientId: p.clientId,
      file,
      issuedAt,
      stopsWorking: refreshTokenStopsWorking(issuedAt),
      organization,
    }),
  );
  return file !== undefined || p.printSecret;
}

/** A refresh token that could not be saved is never dropped: the reason, then the token on stdout. */
export function handOverOnStdout(io: CliIo, error: CredentialsSaveError, refreshToken: string): void {
  io.err(texts.handedOverInstead(error.message));
  io.out(refreshToken);
}

/** Runs the sign-in, giving up after `seconds` with a sentence that says so (the sign-in is cancelled, not left waiting). */
async function withinDeadline<T>(seconds: number, deviceCode: boolean, signIn: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new SignInTimeoutError(texts.signInTimedOut(seconds, deviceCode)));
    }, seconds * 1000);
  });
  const attempt = signIn(controller.signal);
  // Once given up, the cancelled attempt's own error is of no interest.
  attempt.catch(() => undefined);
  try {
    return await Promise.race([attempt, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

export class SignInTimeoutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SignInTimeoutError";
  }
}

export class LoginCheckError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LoginCheckError";
  }
}
