/**
 * Before each call the hub reads its own access token: expired, or missing the delegated permission the
 * operation needs (vso.pats to list, vso.pats_manage to change), it says so instead of calling.
 */
import { missingPermissions, NEED_NAMES, type PermissionNeed } from "../../auth/token-permissions";
import { PlainWordsError } from "./describe-error";
import { strings } from "./strings";

interface HubTokenClaims {
  scp?: string;
  appid?: string;
  azp?: string;
  exp?: number;
}

/** The claims of a JWT access token, read in the browser (no signature check: Azure DevOps verifies it). */
function readTokenClaims(token: string): HubTokenClaims {
  const payload = token.split(".")[1] ?? "";
  try {
    const json = atob(
      payload
        .replace(/-/g, "+")
        .replace(/_/g, "/")
        .padEnd(Math.ceil(payload.length / 4) * 4, "="),
    );
    const claims: unknown = JSON.parse(json);
    return typeof claims === "object" && claims !== null ? (claims as HubTokenClaims) : {};
  } catch {
    return {};
  }
}

/** When a token stops being good, in ms (NaN when it does not say). */
export function tokenExpiryMs(token: string): number {
  const exp = readTokenClaims(token).exp;
  return typeof exp === "number" ? exp * 1000 : NaN;
}

/** Throws the sentence a person can act on when `token` cannot do `need`; returns quietly otherwise. */
export function checkHubToken(token: string, need: PermissionNeed, nowMs: number): void {
  const claims = readTokenClaims(token);
  if (typeof claims.exp === "number" && claims.exp * 1000 <= nowMs) throw new PlainWordsError(strings.errorNotSignedIn);
  const missing = missingPermissions(claims.scp, need);
  if (missing.length) {
    throw new PlainWordsError(strings.permissionsMissing(NEED_NAMES[need], missing, claims.appid ?? claims.azp ?? "", claims.scp ?? ""));
  }
}

/**
 * A fetch for the hub: the browser reports an answer without CORS headers (Azure DevOps sends none on 401
 * and sign-in answers, microsoft/azure-devops-extension-api#100 and #68) as a network error. A credential-free
 * `no-cors` request to the same URL tells the two apart: it succeeds whenever the server answered at all,
 * and then the hidden answer is taken for the refusal it is reported to be (401).
 */
export function corsAwareFetch(base: typeof fetch = (input, init) => globalThis.fetch(input, init)): typeof fetch {
  return async (input, init) => {
    try {
      return await base(input, init);
    } catch (e) {
      if (init?.signal?.aborted) throw e;
      const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
      const answered = await base(url, { mode: "no-cors", credentials: "omit", cache: "no-store" }).then(
        () => true,
        () => false,
      );
      if (!answered) throw e;
      return new Response(null, { status: 401, statusText: "Answer hidden by the browser (no CORS headers)" });
    }
  };
}
