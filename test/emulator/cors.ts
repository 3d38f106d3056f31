/**
 * CORS as Azure DevOps Services answers it on its REST APIs (vssps and dev.azure.com): any origin may
 * call with a credential in the Authorization header (bearer or PAT, never cookies), so the answer
 * echoes the caller's Origin and carries no Access-Control-Allow-Credentials. Entra is not covered:
 * its token endpoint allows CORS only for SPA-registered clients, and the hub reaches it through NAA.
 */
import type { Exchange } from "./exchange";

/** Request headers a browser may send after the preflight (the Fetch spec compares lower case). */
const ALLOWED_REQUEST_HEADERS = [
  "authorization",
  "content-type",
  "accept",
  "x-tfs-fedauthredirect",
  "x-tfs-session",
  "x-vss-reauthenticationaction",
];

/** Response headers script may read cross-origin beyond the CORS-safelisted ones (paging, throttling, auth). */
const EXPOSED_RESPONSE_HEADERS = [
  "x-ms-continuationtoken",
  "retry-after",
  "x-ratelimit-resource",
  "x-ratelimit-delay",
  "x-ratelimit-limit",
  "x-ratelimit-remaining",
  "x-ratelimit-reset",
  "x-tfs-fedauthredirect",
  "activityid",
  "x-vss-e2eid",
  "date",
];

const ALLOWED_METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS";
const PREFLIGHT_MAX_AGE_SEC = 3600;

/** The browser's permission check: OPTIONS with Origin and Access-Control-Request-Method, sent without credentials. */
export function isPreflight(ex: Exchange): boolean {
  return ex.method === "OPTIONS" && ex.header("origin") !== undefined && ex.header("access-control-request-method") !== undefined;
}

/** Headers every answer to a cross-origin request carries, error answers included; none without Origin. */
export function corsResponseHeaders(ex: Exchange): Record<string, string> {
  const origin = ex.header("origin");
  if (origin === undefined) return {};
  return {
    "access-control-allow-origin": origin,
    "access-control-expose-headers": EXPOSED_RESPONSE_HEADERS.join(", "),
    vary: "Origin",
  };
}

/** 204 granting the methods and headers above; unauthenticated, like the service (browsers send no credential here). */
export function answerPreflight(ex: Exchange): void {
  ex.empty(204, {
    "access-control-allow-origin": ex.header("origin") ?? "",
    "access-control-allow-methods": ALLOWED_METHODS,
    "access-control-allow-headers": ALLOWED_REQUEST_HEADERS.join(", "),
    "access-control-max-age": PREFLIGHT_MAX_AGE_SEC,
    vary: "Origin, Access-Control-Request-Method, Access-Control-Request-Headers",
  });
}
