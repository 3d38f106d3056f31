/** `/{tenant}/oauth2/v2.0/token`: refresh_token, client_credentials, password, device_code and authorization_code grants. */
import { createHash } from "crypto";
import type { EmulatorContext } from "../context";
import type { Exchange } from "../exchange";
import type { App, User } from "../state";
import { BLOCKED_BY_CONDITIONAL_ACCESS, CONSENT_REQUIRED, sendOAuthError, type OAuthErrorSpec } from "./oauth-error";
import { forApp, parseScopes, type RequestedScopes } from "./requested-scopes";
import { checkClientAssertion } from "./client-assertion";

const DAY_MS = 24 * 3600_000;
/** RFC 8628 name; Entra also takes the short "device_code" that msal sends. */
const DEVICE_CODE_GRANTS = new Set(["urn:ietf:params:oauth:grant-type:device_code", "device_code"]);

type GrantOutcome = { user: User; scopes: RequestedScopes; nonce?: string } | OAuthErrorSpec;

export async function handleTokenRequest(ex: Exchange, ctx: EmulatorContext): Promise<void> {
  const form = await ex.form();
  const now = ctx.state.clock.nowMs();
  const fail = (e: OAuthErrorSpec) => sendOAuthError(ex, e, now);
  const clientId = form.get("client_id") ?? basicClientId(ex);
  if (!clientId)
    return fail({ error: "invalid_request", code: 900144, message: "The request body must contain the following parameter: 'client_id'." });
  const app = ctx.state.apps.get(clientId);
  if (!app) {
    return fail({
      error: "unauthorized_client",
      code: 700016,
      message: `Application with identifier '${clientId}' was not found in the directory '${ctx.state.tenantId}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
    });
  }
  const grantType = form.get("grant_type") ?? "";
  const clientError = form.has("client_assertion")
    ? checkClientAssertion(ctx, app, form)
    : authenticateClient(app, form.get("client_secret") ?? basicClientSecret(ex), grantType === "client_credentials");
  if (clientError) return fail(clientError);
  const scopes = parseScopes(form.get("scope"));

  if (grantType === "client_credentials") {
    if (!scopes.usesDefault) {
      return fail({
        error: "invalid_scope",
        code: 1002012,
        message: `The provided value for scope ${form.get("scope") ?? ""} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
      });
    }
    const minted = ctx.minter.appAccessToken(app, { audience: scopes.resource });
    return ex.json(
      200,
      { token_type: "Bearer", expires_in: minted.expiresIn, ext_expires_in: minted.expiresIn, access_token: minted.token },
      { "cache-control": "no-store, no-cache", pragma: "no-cache" },
    );
  }

  let outcome: GrantOutcome;
  switch (DEVICE_CODE_GRANTS.has(grantType) ? "device_code" : grantType) {
    case "refresh_token":
      outcome = refreshTokenGrant(ctx, app, form, scopes, now);
      break;
    case "password":
      outcome = passwordGrant(ctx, form, scopes);
      break;
    case "device_code":
      outcome = deviceCodeGrant(ctx, app, form, now);
      break;
    case "authorization_code":
      outcome = authorizationCodeGrant(ctx, app, form, now);
      break;
    default:
      return fail({ error: "unsupported_grant_type", code: 70003, message: `The app requested an unsupported grant type '${grantType}'.` });
  }
  if ("error" in outcome) return fail(outcome);
  if (ctx.state.entra.blockAll === "53003") return fail(BLOCKED_BY_CONDITIONAL_ACCESS);
  if (!app.consented) return fail(CONSENT_REQUIRED(app.clientId, app.displayName));

  const granted = forApp(outcome.scopes, app.azureDevOpsPermissions);
  if (granted.notGranted.length) return fail(CONSENT_REQUIRED(app.clientId, app.displayName));
  const access = ctx.minter.userAccessToken(outcome.user, {
    audience: granted.resource,
    clientId: app.clientId,
    scopes: granted.permissions,
  });
  const body: Record<string, unknown> = {
    token_type: "Bearer",
    scope: granted.responseScope,
    expires_in: access.expiresIn,
    ext_expires_in: access.expiresIn,
    access_token: access.token,
  };
  // A refresh grant always rotates; other grants return a refresh token when offline_access was asked for.
  if (grantType === "refresh_token" || granted.offlineAccess || scopes.offlineAccess) {
    body.refresh_token = ctx.state.issueRefreshToken(outcome.user.id, app.clientId, granted.all);
  }
  if (granted.openid || scopes.openid) body.id_token = ctx.minter.idToken(outcome.user, app.clientId, outcome.nonce);
  if (form.get("client_info") === "1") {
    body.client_info = Buffer.from(JSON.stringify({ uid: outcome.user.oid, utid: ctx.state.tenantId })).toString("base64url");
  }
  ex.json(200, body, { "cache-control": "no-store, no-cache", pragma: "no-cache" });
}

function authenticateClient(app: App, secret: string | null | undefined, confidentialOnly: boolean): OAuthErrorSpec | undefined {
  if (secret) {
    if (!app.clientSecret) {
      return {
        status: 401,
        error: "invalid_client",
        code: 700025,
        message: "Client is public so neither 'client_assertion' nor 'client_secret' should be presented.",
      };
    }
    if (secret !== app.clientSecret) {
      return {
        status: 401,
        error: "invalid_client",
        code: 7000215,
        message: `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${app.clientId}'.`,
      };
    }
    return undefined;
  }
  if (confidentialOnly || !app.publicClientFlows) {
    return {
      status: 401,
      error: "invalid_client",
      code: 7000218,
      message: "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
    };
  }
  return undefined;
}

function refreshTokenGrant(ctx: EmulatorContext, app: App, form: URLSearchParams, scopes: RequestedScopes, now: number): GrantOutcome {
  const grant = ctx.state.refreshTokens.get(form.get("refresh_token") ?? "");
  if (!grant) return { error: "invalid_grant", code: 9002313, message: "Invalid request. Request is malformed or invalid." };
  if (grant.clientId !== app.clientId) {
    return { error: "invalid_grant", code: 70000, message: "Provided grant is invalid or malformed." };
  }
  const lifetimeDays = ctx.state.refreshTokenLifetimeDays;
  if (now - grant.issuedAtMs > lifetimeDays * DAY_MS) {
    return {
      error: "invalid_grant",
      code: 700082,
      message: `The refresh token has expired due to inactivity. The token was issued on ${new Date(grant.issuedAtMs).toISOString()} and was inactive for ${lifetimeDays}.00:00:00.`,
    };
  }
  const user = ctx.state.users.get(grant.userId);
  if (!user) return { error: "invalid_grant", code: 50173, message: "The provided grant has expired due to it being revoked." };
  return { user, scopes: scopes.all.length ? scopes : parseScopes(grant.scopes.join(" ")) };
}

function passwordGrant(ctx: EmulatorContext, form: URLSearchParams, scopes: RequestedScopes): GrantOutcome {
  const username = form.get("username") ?? "";
  const user = ctx.state.findUserByPrincipalName(username);
  if (!user) {
    return {
      error: "invalid_grant",
      code: 50034,
      message: `The user account {EUII Hidden} does not exist in the ${ctx.state.tenantId} directory. To sign into this application, the account must be added to the directory.`,
    };
  }
  if (!user.password || user.password !== form.get("password")) {
    return { error: "invalid_grant", code: 50126, message: "Error validating credentials due to invalid username or password." };
  }
  if (user.mfaRequired) {
    return {
      error: "invalid_grant",
      code: 50076,
      suberror: "basic_action",
      message: `Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '${scopes.resource}'.`,
    };
  }
  return { user, scopes };
}

function deviceCodeGrant(ctx: EmulatorContext, app: App, form: URLSearchParams, now: number): GrantOutcome {
  const code = form.get("device_code") ?? "";
  const grant = ctx.state.deviceCodes.get(code);
  if (!grant || grant.clientId !== app.clientId)
    return { error: "invalid_grant", code: 70000, message: "Provided grant is invalid or malformed." };
  if (ctx.state.entra.conditionalAccessBlockDeviceCode) return BLOCKED_BY_CONDITIONAL_ACCESS;
  if (grant.slowDownsLeft > 0) {
    grant.slowDownsLeft -= 1;
    return { error: "slow_down", code: 70016, message: "OAuth 2.0 device flow error. Polling too fast: add 5 seconds to the interval." };
  }
  if (grant.declined) {
    ctx.state.deviceCodes.delete(code);
    return { error: ctx.state.entra.deviceCodeDeclineError, code: 65004, message: "User declined to consent to access the app." };
  }
  if (now > grant.expiresAtMs) {
    ctx.state.deviceCodes.delete(code);
    return {
      error: "expired_token",
      code: 70020,
      message: "The provided value for the input parameter 'device_code' is not valid. This device code has expired.",
    };
  }
  if (!grant.approvedBy)
    return {
      error: "authorization_pending",
      code: 70016,
      message: "OAuth 2.0 device flow error. Authorization is pending. Continue polling.",
    };
  const user = ctx.state.users.get(grant.approvedBy);
  ctx.state.deviceCodes.delete(code);
  if (!user) return { error: "invalid_grant", code: 70000, message: "Provided grant is invalid or malformed." };
  return { user, scopes: parseScopes(grant.scopes.join(" ")) };
}

function authorizationCodeGrant(ctx: EmulatorContext, app: App, form: URLSearchParams, now: number): GrantOutcome {
  const code = ctx.state.authorizationCodes.get(form.get("code") ?? "");
  if (!code || code.clientId !== app.clientId)
    return { error: "invalid_grant", code: 70000, message: "Provided grant is invalid or malformed." };
  if (code.redeemed)
    return {
      error: "invalid_grant",
      code: 54005,
      message: "OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.",
    };
  if (now > code.expiresAtMs)
    return {
      error: "invalid_grant",
      code: 70008,
      message:
        "The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.",
    };
  if ((form.get("redirect_uri") ?? "") !== code.redirectUri) {
    return {
      error: "invalid_grant",
      code: 50011,
      message: `The redirect URI '${form.get("redirect_uri") ?? ""}' specified in the request does not match the redirect URI used to obtain the authorization code.`,
    };
  }
  if (code.codeChallenge) {
    const verifier = form.get("code_verifier") ?? "";
    const computed = code.codeChallengeMethod === "plain" ? verifier : createHash("sha256").update(verifier).digest("base64url");
    if (!verifier || computed !== code.codeChallenge) {
      return {
        error: "invalid_grant",
        code: 50148,
        message: "The code_verifier does not match the code_challenge supplied in the authorization request for PKCE.",
      };
    }
  }
  code.redeemed = true;
  const user = ctx.state.users.get(code.userId);
  if (!user) return { error: "invalid_grant", code: 70000, message: "Provided grant is invalid or malformed." };
  return { user, scopes: parseScopes(code.scopes.join(" ")), nonce: code.nonce };
}

function basicClientId(ex: Exchange): string | undefined {
  return basicParts(ex)?.[0];
}

function basicClientSecret(ex: Exchange): string | undefined {
  return basicParts(ex)?.[1];
}

/** client_secret_basic: `Authorization: Basic base64(urlencoded id:urlencoded secret)`. */
function basicParts(ex: Exchange): [string, string] | undefined {
  const m = /^Basic\s+(.+)$/i.exec(ex.header("authorization") ?? "");
  if (!m) return undefined;
  const text = Buffer.from(m[1], "base64").toString("utf8");
  const i = text.indexOf(":");
  return i < 0 ? undefined : [decodeURIComponent(text.slice(0, i)), decodeURIComponent(text.slice(i + 1))];
}
