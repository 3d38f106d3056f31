/**
 * From the host handshake to a working PAT service: NAA from the host, a client id (the user's own
 * setting, else the one the extension was built with), a silent token. Each way this can stop is a state the page explains.
 */
import * as SDK from "azure-devops-extension-sdk";
import { bearer } from "../../api/credential";
import { HttpClient } from "../../api/http";
import { chooseClientId, clientIdNotes, type ClientIdNotes } from "./client-id";
import {
  enableNestedAuth,
  NestedAuthUnavailableError,
  nestedTokenSource,
  SignInRequiredError,
  type EntraTokenSource,
} from "./entra-sign-in";
import { hubEndpoints } from "./hub-endpoints";
import { hubRotation } from "./hub-rotation";
import type { ClientIdSettings } from "./client-id-settings";
import { guardedPatService, patService, type PatService } from "./pat-service";
import { strings } from "./strings";
import { checkHubToken, corsAwareFetch, tokenExpiryMs } from "./token-permissions-guard";
import type { PermissionNeed } from "../../auth/token-permissions";
import { orgViewAccess, type OrgViewAccess } from "./org-view/org-view-access";

export type Connection =
  | { kind: "naaUnavailable"; detail: string }
  | { kind: "clientIdMissing"; notes: ClientIdNotes }
  | { kind: "signInRequired"; tokens: EntraTokenSource; service: PatService; notes: ClientIdNotes; orgView: () => OrgViewAccess }
  | { kind: "ready"; service: PatService; notes: ClientIdNotes; orgView: () => OrgViewAccess };

export async function connect(settings: ClientIdSettings): Promise<Connection> {
  try {
    await enableNestedAuth();
  } catch (e) {
    if (e instanceof NestedAuthUnavailableError) return { kind: "naaUnavailable", detail: e.detail };
    throw e;
  }
  const setting = await settings.clientId();
  // A stored value that is not a GUID is ignored (chooseClientId), and the page says so (notes).
  const notes = clientIdNotes(setting);
  const choice = chooseClientId(setting.clientId);
  if (!choice) {
    const legacy = await settings.hasLegacyOrganizationValue().catch(() => false);
    return { kind: "clientIdMissing", notes: legacy ? { ...notes, legacy: strings.clientIdLegacyIgnored } : notes };
  }
  const tokens = await nestedTokenSource(choice.clientId);
  // One token for the personal page and the organization view alike: 2,000 users must not mean 4,000 token requests.
  const accessToken = reuseToken(() => tokens.accessToken());
  const service = serviceFor(accessToken);
  const orgView = orgViewAccess({ accessToken });
  try {
    await accessToken();
  } catch (e) {
    if (e instanceof SignInRequiredError) return { kind: "signInRequired", tokens, service, notes, orgView };
    throw e;
  }
  return { kind: "ready", service, notes, orgView };
}

/** Two token requests per call, 50 calls to list 5,000 PATs: one token serves until five minutes before it expires. */
function reuseToken(get: () => Promise<string>): () => Promise<string> {
  let held: { token: string; renewAtMs: number } | undefined;
  return async () => {
    if (held && Date.now() < held.renewAtMs) return held.token;
    const token = await get();
    const expiry = tokenExpiryMs(token);
    held = Number.isNaN(expiry) ? undefined : { token, renewAtMs: expiry - 5 * 60_000 };
    return token;
  };
}

function serviceFor(accessToken: () => Promise<string>): PatService {
  const host = SDK.getHost();
  const org = {
    http: new HttpClient({ credential: bearer(accessToken), fetch: corsAwareFetch() }),
    endpoints: hubEndpoints(SDK.getConfiguration()),
    organization: host.name,
  };
  // Expiry and delegated permissions are checked from the token before each call: a refusal without CORS headers says nothing.
  const guard = async (need: PermissionNeed) => checkHubToken(await accessToken(), need, Date.now());
  return guardedPatService(patService(org, { id: host.id, name: host.name }, hubRotation({ org })), guard);
}
