/** PAT Lifecycle Management API (`{vssps}/{org}/_apis/tokens/pats`, api-version 7.1-preview.1). */
import { vsspsApiBase, type OrgContext } from "./context";
import { createPatSafely } from "./pat-create";
import { ApiError, PatTokenApiError } from "./errors";
import { InputError } from "./input-error";
import type { ApiResponse } from "./http";
import {
  PATS_API_VERSION,
  type PagedPatTokens,
  type PatListOptions,
  type PatToken,
  type PatTokenCreateRequest,
  type PatTokenResult,
  type PatTokenUpdateRequest,
} from "./model";

/** The one URL all five operations share. */
function patsUrl(ctx: OrgContext): string {
  return `${vsspsApiBase(ctx)}tokens/pats`;
}

/** One page of the caller's PATs, with the response (its Date header dates the answer). */
async function requestPatPage(ctx: OrgContext, o: PatListOptions = {}): Promise<ApiResponse<PagedPatTokens>> {
  if (o.top !== undefined && (!Number.isInteger(o.top) || o.top < 1 || o.top > 100)) {
    throw new InputError("top", `The page size must be a whole number from 1 to 100 (the service's limit), not ${o.top}.`);
  }
  const res = await ctx.http.request<PagedPatTokens | undefined>({
    method: "GET",
    url: patsUrl(ctx),
    apiVersion: PATS_API_VERSION,
    query: {
      displayFilterOption: o.displayFilterOption,
      sortByOption: o.sortByOption,
      isSortAscending: o.isSortAscending,
      continuationToken: o.continuationToken || undefined,
      $top: o.top,
    },
    action: "list PATs",
  });
  if (!res.body || !Array.isArray(res.body.patTokens)) {
    throw new ApiError("Azure DevOps answered the PAT list without a patTokens array.", { status: res.status, url: patsUrl(ctx) });
  }
  return { ...res, body: { patTokens: res.body.patTokens, continuationToken: res.body.continuationToken ?? "" } };
}

/** One page of the caller's PATs (filter, sort, `$top`, continuation token). */
export async function listPats(ctx: OrgContext, o: PatListOptions = {}): Promise<PagedPatTokens> {
  return (await requestPatPage(ctx, o)).body;
}

/** Every page in turn, sending the same options each time, until the continuation token is "". */
export async function* iteratePatPages(ctx: OrgContext, o: PatListOptions = {}): AsyncGenerator<PatToken[]> {
  const seen = new Set<string>();
  let continuationToken = o.continuationToken ?? "";
  do {
    const page = await listPats(ctx, { ...o, continuationToken });
    yield page.patTokens;
    continuationToken = page.continuationToken;
    if (seen.has(continuationToken)) {
      throw new ApiError(
        `Azure DevOps repeated the continuation token '${continuationToken}' while listing PATs; stopped to avoid a loop.`,
      );
    }
    seen.add(continuationToken);
  } while (continuationToken !== "");
}

/** All of the caller's PATs matching the options, across pages. */
export async function listAllPats(ctx: OrgContext, o: PatListOptions = {}): Promise<PatToken[]> {
  const all: PatToken[] = [];
  for await (const page of iteratePatPages(ctx, o)) all.push(...page);
  return all;
}

/** One PAT by `authorizationId`; PatTokenApiError (e.g. tokenNotFound) when the service refuses. */
export async function getPat(ctx: OrgContext, authorizationId: string): Promise<PatToken> {
  const res = await ctx.http.request<PatTokenResult>({
    method: "GET",
    url: patsUrl(ctx),
    apiVersion: PATS_API_VERSION,
    query: { authorizationId: requireId(authorizationId) },
    action: `get the PAT ${authorizationId}`,
  });
  return unwrapPatTokenResult(res.body, `get the PAT ${authorizationId}`, patsUrl(ctx));
}

/**
 * Creates a PAT; the result carries `token` (the secret). Never resent blindly: after an ambiguous
 * failure it looks the PAT up and throws CreateOutcomeUnknownError{found} when the create happened.
 */
export async function createPat(ctx: OrgContext, req: PatTokenCreateRequest): Promise<PatToken> {
  const action = `create the PAT '${req.displayName}'`;
  const send = async () => {
    const res = await ctx.http.request<PatTokenResult>({
      method: "POST",
      url: patsUrl(ctx),
      apiVersion: PATS_API_VERSION,
      body: req,
      idempotent: false,
      action,
    });
    return unwrapPatTokenResult(res.body, action, patsUrl(ctx));
  };
  return createPatSafely(req, { send, listPage: (o) => requestPatPage(ctx, o) });
}

/** Changes name, scope, expiry or organizations of a valid PAT (PUT; omitted fields are kept). */
export async function updatePat(ctx: OrgContext, req: PatTokenUpdateRequest): Promise<PatToken> {
  requireId(req.authorizationId);
  const action = `update the PAT ${req.authorizationId}`;
  const res = await ctx.http.request<PatTokenResult>({
    method: "PUT",
    url: patsUrl(ctx),
    apiVersion: PATS_API_VERSION,
    body: req,
    action,
  });
  return unwrapPatTokenResult(res.body, action, patsUrl(ctx));
}

/** Revokes a PAT; the service answers 204 (the spec says 200), both are success. */
export async function revokePat(ctx: OrgContext, authorizationId: string): Promise<void> {
  const action = `revoke the PAT ${authorizationId}`;
  const res = await ctx.http.request<Partial<PatTokenResult> | undefined>({
    method: "DELETE",
    url: patsUrl(ctx),
    apiVersion: PATS_API_VERSION,
    query: { authorizationId: requireId(authorizationId) },
    action,
  });
  if (res.status !== 200 && res.status !== 204) {
    throw new ApiError(`Azure DevOps answered HTTP ${res.status} to ${action}; expected 200 or 204.`, {
      status: res.status,
      url: patsUrl(ctx),
    });
  }
  const code = res.body?.patTokenError;
  if (code && code !== "none")
    throw new PatTokenApiError(code, action, { url: patsUrl(ctx), serviceMessage: res.body?.patTokenErrorMessage });
}

/** The PAT of a PatTokenResult, or the typed error its `patTokenError` names. */
function unwrapPatTokenResult(result: PatTokenResult | undefined, action: string, url: string): PatToken {
  if (!result || typeof result.patTokenError !== "string") {
    throw new ApiError(`Azure DevOps answered ${action} without a patTokenError field.`, { url });
  }
  if (result.patTokenError !== "none") {
    throw new PatTokenApiError(result.patTokenError, action, { url, serviceMessage: result.patTokenErrorMessage });
  }
  if (!result.patToken) throw new ApiError(`Azure DevOps answered ${action} without a patToken.`, { url });
  return result.patToken;
}

function requireId(authorizationId: string): string {
  if (!authorizationId || !authorizationId.trim()) {
    throw new InputError("authorizationId", "An authorizationId (the PAT's GUID) is required.");
  }
  return authorizationId.trim();
}
