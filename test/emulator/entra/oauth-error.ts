/** Entra's OAuth error body: `error`, an `error_description` starting with the AADSTS code, `error_codes`, ids. */
import { randomUUID } from "crypto";
import type { Exchange } from "../exchange";

export interface OAuthErrorSpec {
  status?: number;
  error: string;
  code: number;
  message: string;
  suberror?: string;
}

export function sendOAuthError(ex: Exchange, e: OAuthErrorSpec, nowMs: number): void {
  ex.json(e.status ?? 400, oauthErrorBody(e, nowMs), { "cache-control": "no-store, no-cache", pragma: "no-cache" });
}

function oauthErrorBody(e: OAuthErrorSpec, nowMs: number): Record<string, unknown> {
  const traceId = randomUUID();
  const correlationId = randomUUID();
  const timestamp = new Date(nowMs)
    .toISOString()
    .replace("T", " ")
    .replace(/\.\d+Z$/, "Z");
  return {
    error: e.error,
    error_description: `AADSTS${e.code}: ${e.message}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`,
    error_codes: [e.code],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `https://login.microsoftonline.com/error?code=${e.code}`,
    ...(e.suberror ? { suberror: e.suberror } : {}),
  };
}

export const CONSENT_REQUIRED = (clientId: string, appName: string): OAuthErrorSpec => ({
  error: "invalid_grant",
  code: 65001,
  suberror: "consent_required",
  message: `The user or administrator has not consented to use the application with ID '${clientId}' named '${appName}'. Send an interactive authorization request for this user and resource.`,
});

export const BLOCKED_BY_CONDITIONAL_ACCESS: OAuthErrorSpec = {
  error: "invalid_grant",
  code: 53003,
  message: "Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.",
};
