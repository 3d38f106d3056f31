/**
 * Client authentication by `client_assertion` (a jwt-bearer assertion), the two ways Entra takes it:
 * a certificate credential (the app signs `iss = sub = client id`, `aud` = the token endpoint; the header names the
 * certificate by `x5t` or `x5t#S256`; learn.microsoft.com/entra/identity-platform/certificate-credentials) and a
 * federated identity credential (an external token whose issuer, subject and audience match a record on the app;
 * learn.microsoft.com/entra/workload-id/workload-identity-federation). Error codes as Entra documents them
 * (learn.microsoft.com/entra/identity-platform/reference-error-codes: 700024, 700027, 700211, 700212, 700213).
 */
import { X509Certificate, createHash } from "crypto";
import * as jwt from "jsonwebtoken";
import type { EmulatorContext } from "../context";
import type { App } from "../state";
import type { OAuthErrorSpec } from "./oauth-error";

const JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

export function checkClientAssertion(ctx: EmulatorContext, app: App, form: URLSearchParams): OAuthErrorSpec | undefined {
  const invalid = (code: number, message: string): OAuthErrorSpec => ({ status: 401, error: "invalid_client", code, message });
  if (form.get("client_assertion_type") !== JWT_BEARER) {
    return { error: "invalid_request", code: 50027, message: `client_assertion_type must be ${JWT_BEARER}.` };
  }
  const assertion = form.get("client_assertion") ?? "";
  const decoded = jwt.decode(assertion, { complete: true });
  if (!decoded || typeof decoded.payload !== "object") return invalid(50027, "JWT token is invalid or malformed.");
  const claims = decoded.payload;
  const now = Math.floor(ctx.state.clock.nowMs() / 1000);
  if (typeof claims.exp !== "number" || claims.exp < now - 300) {
    return invalid(700024, "Client assertion is not within its valid time range.");
  }
  if (claims.iss === app.clientId && claims.sub === app.clientId) return checkCertificateAssertion(ctx, app, assertion, decoded.header);
  return checkFederatedAssertion(ctx, app, assertion, claims);
}

function checkCertificateAssertion(ctx: EmulatorContext, app: App, assertion: string, header: jwt.JwtHeader): OAuthErrorSpec | undefined {
  const invalid = (code: number, message: string): OAuthErrorSpec => ({ status: 401, error: "invalid_client", code, message });
  const named = (header as unknown as Record<string, unknown>)["x5t#S256"] ?? header.x5t;
  if (!app.certificatePem)
    return invalid(
      700027,
      `The certificate with identifier used to sign the client assertion is not registered on application. [Reason - The key was not found., Thumbprint of key used by client: '${String(named)}'.]`,
    );
  const der = new X509Certificate(app.certificatePem).raw;
  const thumbprints = [createHash("sha1").update(der).digest("base64url"), createHash("sha256").update(der).digest("base64url")];
  if (typeof named !== "string" || !thumbprints.includes(named)) {
    return invalid(
      700027,
      `The certificate with identifier used to sign the client assertion is not registered on application. [Reason - The key was not found., Thumbprint of key used by client: '${String(named)}'.]`,
    );
  }
  try {
    // The lifetime was checked above on the emulator's clock; the client stamps nbf with its own (real) one.
    const claims = jwt.verify(assertion, app.certificatePem, {
      algorithms: ["RS256", "PS256"],
      ignoreNotBefore: true,
      ignoreExpiration: true,
    }) as jwt.JwtPayload;
    const audience = String(claims.aud ?? "");
    if (!audience.startsWith(ctx.address.authorityHost) || !/\/oauth2\/v2\.0\/token$/.test(audience)) {
      return invalid(700016, `The client assertion's audience '${audience}' is not this token endpoint.`);
    }
  } catch {
    return invalid(700027, "Client assertion failed signature validation.");
  }
  return undefined;
}

function checkFederatedAssertion(ctx: EmulatorContext, app: App, assertion: string, claims: jwt.JwtPayload): OAuthErrorSpec | undefined {
  const invalid = (code: number, message: string): OAuthErrorSpec => ({ status: 400, error: "invalid_request", code, message });
  const byIssuer = app.federatedCredentials.filter((f) => f.issuer === claims.iss);
  if (byIssuer.length === 0) {
    return invalid(
      700211,
      `No matching federated identity record found for presented assertion issuer '${String(claims.iss)}'. Please check your federated identity credential Subject, Audience and Issuer against the presented assertion.`,
    );
  }
  const bySubject = byIssuer.filter((f) => f.subject === claims.sub);
  if (bySubject.length === 0) {
    return invalid(
      700213,
      `No matching federated identity record found for presented assertion subject '${String(claims.sub)}'. Please note that the matching is done using a case-sensitive comparison. Check your federated identity credential Subject, Audience and Issuer against the presented assertion.`,
    );
  }
  const audiences = Array.isArray(claims.aud) ? claims.aud : [String(claims.aud)];
  if (!bySubject.some((f) => (f.audiences ?? ["api://AzureADTokenExchange"]).some((a) => audiences.includes(a)))) {
    return invalid(700212, `No matching federated identity record found for presented assertion audience '${audiences.join(", ")}'.`);
  }
  // The issuer's keys: every emulated issuer signs with the emulator's key (Entra would fetch the issuer's JWKS).
  if (!ctx.minter.verify(assertion))
    return {
      status: 401,
      error: "invalid_client",
      code: 700024,
      message: "Client assertion is not within its valid time range, or its signature is invalid.",
    };
  return undefined;
}
