/**
 * `pat-lifecycle login`: signs the person in, proves the token works against Azure DevOps by
 * listing one PAT, then hands over the refresh token (file 0600, or stdout when asked) and says
 * exactly where to store it.
 */
import { endpointsFromEnv, parseOrganization } from "../api/endpoints";
import { HttpClient } from "../api/http";
import { bearer } from "../api/credential";
import { listPats } from "../api/pats";
import { refreshTokenStopsWorking } from "../auth/credentials";
import { signInPerson } from "../auth/person-sign-in";
import { writeCredentialsFile } from "./credentials-file";
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
}

export async function login(p: LoginParams, io: CliIo): Promise<void> {
  const endpoints = endpointsFromEnv(io.env);
  const organization = parseOrganization(p.organization, endpoints);
  const result = await signInPerson({
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
  });
  io.err(texts.signedIn(result.user.upn, result.user.tenantId));

  const http = new HttpClient({ credential: bearer(() => result.accessToken), fetch: io.fetch });
  let found: number;
  try {
    found = (await listPats({ http, endpoints, organization }, { top: 1 })).patTokens.length;
  } catch (error) {
    throw new LoginCheckError(texts.verificationFailed(result.user.upn, organization, error instanceof Error ? error.message : String(error)));
  }
  io.err(texts.verified(organization, found));

  const issuedAt = io.now();
  const file = p.printSecret ? undefined : p.out;
  if (file) {
    writeCredentialsFile(file, {
      tenantId: result.user.tenantId,
      clientId: p.clientId,
      refreshToken: result.refreshToken,
      issuedAt: issuedAt.toISOString(),
      user: result.user.upn,
      organization,
    });
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
}

export class LoginCheckError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LoginCheckError";
  }
}
