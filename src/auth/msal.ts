/**
 * The ONE module that calls @azure/msal-node. A future msal major is expected to drop public
 * clients (AzureAD/microsoft-authentication-library-for-js#8836), so every msal type stays here and
 * the rest of the code sees plain functions returning EntraTokens or throwing EntraSignInError.
 */
import {
  AuthenticationResult,
  AuthError,
  ConfidentialClientApplication,
  Configuration,
  INetworkModule,
  LogLevel,
  NetworkRequestOptions,
  NetworkResponse,
  PublicClientApplication,
} from "@azure/msal-node";
import { AZURE_DEVOPS_DEFAULT_SCOPE } from "../api/model";
import { describeEntraFailure, EntraFailure, EntraSignInError } from "./entra-errors";

/** The app registration to sign in through, and where Entra is. */
export interface EntraApp {
  authorityHost: string;
  tenantId: string;
  clientId: string;
  /** Set for a confidential client; a public client has none. */
  clientSecret?: string;
  /** The fetch to reach Entra with (the agent's proxy); global fetch when absent. */
  fetch?: typeof fetch;
}

export interface EntraTokens {
  accessToken: string;
  expiresOn: Date;
  /** The refresh token Entra issued with this answer, read from msal's cache. */
  refreshToken?: string;
}

const scopes = [AZURE_DEVOPS_DEFAULT_SCOPE];

/** Redeems a refresh token; Entra answers with a new one, which msal only keeps in its cache. */
export async function redeemRefreshToken(app: EntraApp, refreshToken: string): Promise<EntraTokens> {
  return withEntra(app, (client) => client.acquireTokenByRefreshToken({ scopes, refreshToken, forceCache: true }));
}

/** Resource owner password credentials: deprecated by Microsoft, refused by Entra under MFA. */
export async function signInWithPassword(app: EntraApp, username: string, password: string): Promise<EntraTokens> {
  return withEntra(app, (client) => client.acquireTokenByUsernamePassword({ scopes, username, password }));
}

export interface InteractiveOptions {
  /** Opens the sign-in page (a browser, or a test driving the emulator). */
  openBrowser: (url: string) => Promise<void>;
  loginHint?: string;
  /** HTML the loopback page shows after sign-in. */
  successTemplate?: string;
  errorTemplate?: string;
  /** Gives up waiting for the browser: msal's loopback server is told the sign-in was cancelled, and closes. */
  signal?: AbortSignal;
}

/** Browser sign-in on a loopback redirect with PKCE (public client only). */
export async function signInInteractive(app: EntraApp, o: InteractiveOptions): Promise<EntraTokens> {
  return withEntra(app, (client) => {
    if (!(client instanceof PublicClientApplication)) throw new EntraSignInError("AuthInteractiveNeedsPublicClient");
    let authorizeUrl: string | undefined;
    const cancel = () => authorizeUrl && void cancelLoopbackSignIn(authorizeUrl);
    o.signal?.addEventListener("abort", cancel, { once: true });
    return client.acquireTokenInteractive({
      scopes,
      openBrowser: async (url) => {
        authorizeUrl = url;
        if (o.signal?.aborted) cancel();
        await o.openBrowser(url);
      },
      loginHint: o.loginHint,
      successTemplate: o.successTemplate,
      errorTemplate: o.errorTemplate,
    });
  });
}

export interface DeviceCode {
  userCode: string;
  verificationUri: string;
  /** Entra's own instruction sentence. */
  message: string;
}

/** Device code sign-in for machines without a browser (public client only). */
export async function signInWithDeviceCode(app: EntraApp, onCode: (code: DeviceCode) => void, signal?: AbortSignal): Promise<EntraTokens> {
  return withEntra(app, (client) => {
    if (!(client instanceof PublicClientApplication)) throw new EntraSignInError("AuthInteractiveNeedsPublicClient");
    const request = {
      scopes,
      deviceCodeCallback: (r: { userCode: string; verificationUri: string; message: string }) =>
        onCode({ userCode: r.userCode, verificationUri: r.verificationUri, message: r.message }),
      cancel: false,
    };
    // msal polls while request.cancel is false (it keeps this very object).
    signal?.addEventListener("abort", () => (request.cancel = true), { once: true });
    return client.acquireTokenByDeviceCode(request);
  });
}

/**
 * Ends msal's wait on its loopback redirect the way Entra would end a refused sign-in: an error
 * answer with the request's own state, posted to the redirect URI on this machine. msal then closes its server.
 */
async function cancelLoopbackSignIn(authorizeUrl: string): Promise<void> {
  const url = new URL(authorizeUrl);
  const redirect = url.searchParams.get("redirect_uri");
  const state = url.searchParams.get("state");
  if (!redirect || !state || !/^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?\/?$/.test(redirect)) return;
  const body = new URLSearchParams({ error: "access_denied", error_description: "The sign-in was given up.", state });
  await fetch(redirect, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body }).catch(() => undefined);
}

type Client = PublicClientApplication | ConfidentialClientApplication;

/** Entra's own hosts, for which msal has the cloud metadata built in. */
const MICROSOFT_AUTHORITY_HOSTS = new Set([
  "login.microsoftonline.com",
  "login.microsoftonline.us",
  "login.chinacloudapi.cn",
  "login.partner.microsoftonline.cn",
]);

/** Any other host (PAT_LIFECYCLE_AUTHORITY_HOST, the emulator) is trusted as is, skipping instance discovery. */
function knownAuthorities(authorityHost: string): string[] | undefined {
  const host = new URL(authorityHost).host;
  return MICROSOFT_AUTHORITY_HOSTS.has(host.toLowerCase()) ? undefined : [host];
}

async function withEntra(app: EntraApp, call: (client: Client) => Promise<AuthenticationResult | null>): Promise<EntraTokens> {
  const network = fetchNetworkModule(app.fetch ?? fetch);
  const config: Configuration = {
    auth: {
      clientId: app.clientId,
      clientSecret: app.clientSecret || undefined,
      authority: `${app.authorityHost}/${app.tenantId}`,
      knownAuthorities: knownAuthorities(app.authorityHost),
    },
    system: {
      networkClient: network.module,
      loggerOptions: { logLevel: LogLevel.Error, piiLoggingEnabled: false, loggerCallback: () => undefined },
    },
  };
  const client: Client = app.clientSecret ? new ConfidentialClientApplication(config) : new PublicClientApplication(config);
  let result: AuthenticationResult | null;
  try {
    result = await call(client);
  } catch (error) {
    if (error instanceof EntraSignInError) throw error;
    throw describeEntraFailure(toFailure(error, network.lastFailure(), network.lastRefusal()), app);
  }
  if (!result?.accessToken) throw new EntraSignInError("AuthEntraRefused", "no access token in the answer");
  return {
    accessToken: result.accessToken,
    expiresOn: result.expiresOn ?? new Date(Date.now() + 60 * 60 * 1000),
    refreshToken: cachedRefreshToken(client),
  };
}

/** msal never hands out the refresh token; its serialized cache holds the one Entra just issued. */
function cachedRefreshToken(client: Client): string | undefined {
  const cache = JSON.parse(client.getTokenCache().serialize()) as { RefreshToken?: Record<string, { secret?: string }> };
  const secrets = Object.values(cache.RefreshToken ?? {})
    .map((entry) => entry.secret)
    .filter((s): s is string => !!s);
  return secrets[secrets.length - 1];
}

function toFailure(error: unknown, networkFailure: string | undefined, refusal: EntraRefusal | undefined): EntraFailure {
  if (networkFailure !== undefined) return { unreachable: true, description: networkFailure };
  if (!(error instanceof AuthError)) return { description: error instanceof Error ? error.message : String(error) };
  const text = `${error.errorMessage ?? ""} ${error.message ?? ""}`;
  // errorNo is Entra's first error code; msal may hand it over as a number.
  const errorNo = (error as AuthError & { errorNo?: string | number }).errorNo;
  const aadsts = errorNo !== undefined && errorNo !== "" ? String(errorNo) : /AADSTS(\d+)/.exec(text)?.[1];
  if (!aadsts && refusal?.error) {
    // Some paths (discovery of an unknown tenant, device code polling) reach us from msal without
    // Entra's codes; the answer our network client kept still has them.
    return {
      oauthError: refusal.error,
      aadsts: refusal.error_codes?.[0]?.toString(),
      description: entraDescription(refusal.error_description ?? ""),
    };
  }
  const network = error.errorCode === "network_error" || error.errorCode === "endpoints_resolution_error";
  return {
    oauthError: error.errorCode,
    aadsts,
    description: entraDescription(error.errorMessage || error.message),
    unreachable: network && !aadsts,
  };
}

/** Entra's sentence out of msal's "Error(s): … - Timestamp: … - Description: AADSTSn: … Trace ID: …". */
function entraDescription(text: string): string {
  const described = /Description:\s*(.*)$/s.exec(text)?.[1] ?? text;
  return described
    .replace(/^AADSTS\d+:\s*/, "")
    .split(/\r?\n|\s+Trace ID:|\s+-\s+Correlation ID:/)[0]
    .trim();
}

/** Entra's JSON error answer. */
interface EntraRefusal {
  error?: string;
  error_description?: string;
  error_codes?: number[];
}

interface NetworkModule {
  module: INetworkModule;
  /** Why the last request got no answer at all. */
  lastFailure: () => string | undefined;
  /** The last error Entra answered with. */
  lastRefusal: () => EntraRefusal | undefined;
}

/** msal's network client over a given fetch (so the agent proxy applies), remembering what went wrong. */
function fetchNetworkModule(f: typeof fetch): NetworkModule {
  let failure: string | undefined;
  let refusal: EntraRefusal | undefined;
  async function send<T>(url: string, method: string, options?: NetworkRequestOptions, timeoutMs?: number): Promise<NetworkResponse<T>> {
    let response: Response;
    try {
      response = await f(url, {
        method,
        headers: options?.headers,
        body: method === "POST" ? (options?.body ?? "") : undefined,
        signal: timeoutMs ? AbortSignal.timeout(timeoutMs) : undefined,
      });
    } catch (error) {
      failure = describeNetworkError(error);
      throw error;
    }
    failure = undefined;
    const headers: Record<string, string> = {};
    response.headers.forEach((value, key) => (headers[key] = value));
    const text = await response.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      // An HTML page (a proxy or captive portal) instead of Entra's JSON.
      body = { error: "invalid_response", error_description: `HTTP ${response.status} from ${new URL(url).host} was not JSON` };
    }
    refusal = response.status >= 400 ? (body as EntraRefusal) : undefined;
    return { headers, body: body as T, status: response.status };
  }
  return {
    module: {
      sendGetRequestAsync: (url, options, timeout) => send(url, "GET", options, timeout),
      sendPostRequestAsync: (url, options) => send(url, "POST", options),
    },
    lastFailure: () => failure,
    lastRefusal: () => refusal,
  };
}

function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as Error & { cause?: unknown }).cause;
  return cause instanceof Error ? `${error.message} (${cause.message})` : error.message;
}
