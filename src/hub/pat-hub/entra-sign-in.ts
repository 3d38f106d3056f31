/**
 * Microsoft Entra sign-in through the Azure DevOps host (Nested App Authentication): the host
 * holds the user's session and hands the hub access tokens; msal keeps them in memory only.
 */
import {
  BrowserCacheLocation,
  InteractionRequiredAuthError,
  createNestablePublicClientApplication,
  type IPublicClientApplication,
} from "@azure/msal-browser";
import * as SDK from "azure-devops-extension-sdk";
import { AZURE_DEVOPS_DEFAULT_SCOPE } from "../../api/model";

/**
 * `.default`: every delegated permission the registration was granted (vso.pats, vso.pats_manage), as the tasks
 * and the CLI ask. A read-only registration then still lists; each call checks the token's `scp` first.
 */
const SCOPES = [AZURE_DEVOPS_DEFAULT_SCOPE];

/** The host has no Nested App Authentication; `detail` is what the SDK said. */
export class NestedAuthUnavailableError extends Error {
  constructor(readonly detail: string) {
    super(detail);
    this.name = "NestedAuthUnavailableError";
  }
}

/** Silent sign-in is not possible: the user must confirm (or consent) in a popup the host opens. */
export class SignInRequiredError extends Error {
  constructor(readonly detail: string) {
    super(detail);
    this.name = "SignInRequiredError";
  }
}

/** Access tokens for Azure DevOps (delegated permissions vso.pats, vso.pats_manage) of the signed-in user. */
export interface EntraTokenSource {
  /** A valid access token; throws SignInRequiredError when only an interactive sign-in can get one. */
  accessToken(): Promise<string>;
  /** Interactive sign-in through the host's popup; call from a user gesture. */
  signInInteractively(): Promise<void>;
}

/** How long a host may take to answer the NAA ping before the page says NAA is unavailable. */
const NAA_PING_TIMEOUT_MS = 15_000;

/** Asks the host for its NAA bridge; throws NestedAuthUnavailableError when it has none. */
export async function enableNestedAuth(timeoutMs = NAA_PING_TIMEOUT_MS): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  // A host that never answers would otherwise leave the page signing in forever.
  const silence = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`The host did not answer the Nested App Authentication request within ${timeoutMs / 1000} s.`)),
      timeoutMs,
    );
  });
  try {
    await Promise.race([SDK.enableNestedAppAuth(), silence]);
  } catch (e) {
    throw new NestedAuthUnavailableError(e instanceof Error ? e.message : String(e));
  } finally {
    clearTimeout(timer);
  }
}

/** A token source for `clientId`; call enableNestedAuth first. */
export async function nestedTokenSource(clientId: string): Promise<EntraTokenSource> {
  const pca: IPublicClientApplication = await createNestablePublicClientApplication({
    auth: { clientId },
    // Tokens never touch localStorage or sessionStorage.
    cache: { cacheLocation: BrowserCacheLocation.MemoryStorage },
    system: { loggerOptions: { piiLoggingEnabled: false, loggerCallback: () => undefined } },
  });
  return {
    async accessToken() {
      try {
        return (await pca.acquireTokenSilent({ scopes: SCOPES })).accessToken;
      } catch (e) {
        if (e instanceof InteractionRequiredAuthError) throw new SignInRequiredError(e.message);
        throw e;
      }
    },
    async signInInteractively() {
      const result = await pca.acquireTokenPopup({ scopes: SCOPES });
      pca.setActiveAccount(result.account);
    },
  };
}
