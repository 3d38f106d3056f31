/**
 * The managed identity endpoint of an Azure App Service-style host, which msal-node uses when IDENTITY_ENDPOINT and
 * IDENTITY_HEADER are set: GET `?api-version=2019-08-01&resource=...[&client_id=...]` with `X-IDENTITY-HEADER`
 * (learn.microsoft.com/azure/app-service/overview-managed-identity, "REST endpoint reference"). The agent's IMDS
 * (169.254.169.254) cannot be played on loopback, so tests use this source.
 */
import type { EmulatorContext, Route } from "../context";
import type { Exchange } from "../exchange";

export const managedIdentityRoutes: Route[] = [
  { service: "entra", method: "GET", pattern: /^\/msi\/token\/?$/i, handle: (ex, _m, ctx) => issue(ex, ctx) },
];

function issue(ex: Exchange, ctx: EmulatorContext): void {
  const mi = ctx.state.managedIdentity;
  if (ex.header("x-identity-header") !== mi.header)
    return ex.json(401, { statusCode: 401, message: "Unauthorized: the X-IDENTITY-HEADER is missing or wrong." });
  if (ex.query("api-version") !== "2019-08-01") return ex.json(400, { statusCode: 400, message: "api-version 2019-08-01 is required." });
  const resource = ex.query("resource") ?? "";
  if (!resource) return ex.json(400, { statusCode: 400, message: "resource is required." });
  const clientId = ex.query("client_id");
  if (clientId && clientId !== mi.clientId) {
    return ex.json(400, {
      statusCode: 400,
      message: `No User Assigned or Delegated Managed Identity found for specified ClientId/ResourceId/PrincipalId.`,
    });
  }
  const minted = ctx.minter.appAccessToken(
    { clientId: mi.clientId, servicePrincipalId: mi.principalId },
    { audience: resource.replace(/\/$/, "") },
  );
  const expiresOn = Math.floor(ctx.state.clock.nowMs() / 1000) + minted.expiresIn;
  ex.json(200, { access_token: minted.token, expires_on: String(expiresOn), resource, token_type: "Bearer", client_id: mi.clientId });
}
