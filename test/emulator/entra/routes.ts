/** The emulated login.microsoftonline.com: discovery documents, keys, and the OAuth endpoints. */
import type { EmulatorContext, Route } from "../context";
import type { Exchange } from "../exchange";
import { sendOAuthError } from "./oauth-error";
import { handleAuthorize, handleDeviceAuthPage, handleDeviceCodeRequest } from "./interactive";
import { handleTokenRequest } from "./token-endpoint";

const TENANT = "([^/]+)";

export const entraRoutes: Route[] = [
  { service: "entra", method: "GET", pattern: /^\/common\/discovery\/instance\/?$/i, handle: instanceDiscovery },
  {
    service: "entra",
    method: "GET",
    pattern: /^\/common\/oauth2\/deviceauth\/?$/i,
    handle: (ex, _m, ctx) => handleDeviceAuthPage(ex, ctx),
  },
  {
    service: "entra",
    method: "GET",
    pattern: new RegExp(`^/${TENANT}/v2\\.0/\\.well-known/openid-configuration$`, "i"),
    handle: openIdConfiguration,
  },
  {
    service: "entra",
    method: "GET",
    pattern: new RegExp(`^/${TENANT}/discovery/v2\\.0/keys$`, "i"),
    handle: (ex, m, ctx) => withTenant(ex, m, ctx, () => ex.json(200, ctx.key.jwks)),
  },
  {
    service: "entra",
    method: "POST",
    pattern: new RegExp(`^/${TENANT}/oauth2/v2\\.0/token$`, "i"),
    handle: (ex, m, ctx) => withTenant(ex, m, ctx, () => handleTokenRequest(ex, ctx)),
  },
  {
    service: "entra",
    method: "POST",
    pattern: new RegExp(`^/${TENANT}/oauth2/v2\\.0/devicecode$`, "i"),
    handle: (ex, m, ctx) => withTenant(ex, m, ctx, () => handleDeviceCodeRequest(ex, ctx)),
  },
  {
    service: "entra",
    method: "GET",
    pattern: new RegExp(`^/${TENANT}/oauth2/v2\\.0/authorize$`, "i"),
    handle: (ex, m, ctx) => withTenant(ex, m, ctx, () => handleAuthorize(ex, ctx)),
  },
];

/** The tenant segment may be the tenant id or one of the multi-tenant aliases. */
function knownTenant(ctx: EmulatorContext, tenant: string): boolean {
  return ["common", "organizations", ctx.state.tenantId].includes(tenant.toLowerCase());
}

async function withTenant(ex: Exchange, m: RegExpExecArray, ctx: EmulatorContext, next: () => void | Promise<void>): Promise<void> {
  if (!knownTenant(ctx, m[1])) {
    return sendOAuthError(
      ex,
      {
        error: "invalid_request",
        code: 90002,
        message: `Tenant '${m[1]}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
      },
      ctx.state.clock.nowMs(),
    );
  }
  await next();
}

function openIdConfiguration(ex: Exchange, m: RegExpExecArray, ctx: EmulatorContext): Promise<void> {
  return withTenant(ex, m, ctx, () => {
    const host = ctx.address.authorityHost;
    const t = m[1];
    // Multi-tenant documents carry the "{tenantid}" placeholder in the issuer, as Entra's do.
    const issuerTenant = t.toLowerCase() === ctx.state.tenantId ? ctx.state.tenantId : "{tenantid}";
    ex.json(200, {
      token_endpoint: `${host}/${t}/oauth2/v2.0/token`,
      token_endpoint_auth_methods_supported: ["client_secret_post", "private_key_jwt", "client_secret_basic"],
      jwks_uri: `${host}/${t}/discovery/v2.0/keys`,
      response_modes_supported: ["query", "fragment", "form_post"],
      subject_types_supported: ["pairwise"],
      id_token_signing_alg_values_supported: ["RS256"],
      response_types_supported: ["code", "id_token", "code id_token", "id_token token"],
      scopes_supported: ["openid", "profile", "email", "offline_access"],
      issuer: `${host}/${issuerTenant}/v2.0`,
      request_uri_parameter_supported: false,
      userinfo_endpoint: "https://graph.microsoft.com/oidc/userinfo",
      authorization_endpoint: `${host}/${t}/oauth2/v2.0/authorize`,
      device_authorization_endpoint: `${host}/${t}/oauth2/v2.0/devicecode`,
      http_logout_supported: true,
      frontchannel_logout_supported: true,
      end_session_endpoint: `${host}/${t}/oauth2/v2.0/logout`,
      claims_supported: [
        "sub",
        "iss",
        "cloud_instance_name",
        "cloud_instance_host_name",
        "cloud_graph_host_name",
        "msgraph_host",
        "aud",
        "exp",
        "iat",
        "auth_time",
        "acr",
        "nonce",
        "preferred_username",
        "name",
        "tid",
        "ver",
        "at_hash",
        "c_hash",
        "email",
      ],
      kerberos_endpoint: `${host}/${t}/kerberos`,
      tenant_region_scope: "EU",
      cloud_instance_name: "microsoftonline.com",
      cloud_graph_host_name: "graph.windows.net",
      msgraph_host: "graph.microsoft.com",
      rbac_url: "https://pas.windows.net",
    });
  });
}

/** Answers msal's instance discovery so clients that do not list the emulator in knownAuthorities still work. */
function instanceDiscovery(ex: Exchange, _m: RegExpExecArray, ctx: EmulatorContext): void {
  const hostAndPort = new URL(ctx.address.authorityHost).host;
  let tenant = "common";
  const endpoint = ex.query("authorization_endpoint");
  if (endpoint) {
    try {
      tenant = new URL(endpoint).pathname.split("/").filter(Boolean)[0] ?? "common";
    } catch {
      // keep "common"
    }
  }
  ex.json(200, {
    tenant_discovery_endpoint: `${ctx.address.authorityHost}/${tenant}/v2.0/.well-known/openid-configuration`,
    "api-version": "1.1",
    metadata: [{ preferred_network: hostAndPort, preferred_cache: hostAndPort, aliases: [hostAndPort] }],
  });
}
