/** vssps `/{organization}/_apis/tokens/pats`: PAT Lifecycle list, get, create, update, revoke. */
import type { DisplayFilterOption, PatToken, SessionTokenError, SortByOption } from "../../../src/api/model";
import type { EmulatorContext, Route } from "../context";
import type { Exchange } from "../exchange";
import { DEFAULT_TOP, MAX_TOP, decodeContinuation, encodeContinuation, filterAndSort } from "../pat-listing";
import { createPat, isGuid, updatePat, type RuleResult } from "../pat-rules";
import type { Pat } from "../state";
import { ARGUMENT, ARGUMENT_NULL, INVALID_ACCESS, sendVssError } from "../vss-errors";
import { admit, methodNotAllowed, readJsonBody } from "./org-guard";

const VERSIONS = { min: 6.1, max: 7.2, released: 0 };

export const patRoutes: Route[] = [{ service: "vssps", method: "*", pattern: /^\/([^/]+)\/_apis\/tokens\/pats\/?$/i, handle: handlePats }];

async function handlePats(ex: Exchange, m: RegExpExecArray, ctx: EmulatorContext): Promise<void> {
  const admitted = admit(ex, ctx, m[1], VERSIONS);
  if (!admitted) return;
  const { caller, org } = admitted;
  if (caller.kind === "app") {
    sendVssError(ex, 403, INVALID_ACCESS, "Service principals are not allowed to perform this action.");
    return;
  }
  if (caller.kind !== "entraUser") {
    // PATs and job tokens are not Entra authentication: VerifyAllowedAuthenticationMechanism refuses them.
    sendVssError(ex, 403, INVALID_ACCESS, "The requested operation is not allowed.");
    return;
  }
  const user = caller.user;
  const state = ctx.state;
  const v72 = /^7\.2/.test(ex.query("api-version") ?? "");
  const respond = (result: RuleResult<Pat>) => ex.json(200, patTokenResult(result, v72));
  switch (ex.method) {
    case "GET": {
      const id = ex.query("authorizationId");
      if (id === undefined) return listPats(ex, ctx, user.id, org.id);
      if (!isGuid(id)) return respond({ ok: false, error: "invalidAuthorizationId" });
      const pat = state.pats.get(id.toLowerCase());
      if (!pat) return respond({ ok: false, error: "tokenNotFound" });
      if (pat.userId !== user.id) return respond({ ok: false, error: "accessDenied" });
      return respond({ ok: true, value: pat });
    }
    case "POST": {
      const body = await readJsonBody(ex, "patTokenCreateRequest");
      if (body === undefined) return;
      if (!isObject(body)) return sendVssError(ex, 400, ARGUMENT_NULL, "Value cannot be null.\r\nParameter name: patTokenCreateRequest");
      const result = createPat(state, user, org, body);
      // Only the create response carries the secret.
      if (result.ok)
        return ex.json(200, {
          patToken: wirePat(result.value, true),
          patTokenError: "none",
          ...(v72 ? { patTokenErrorMessage: null } : {}),
        });
      return respond(result);
    }
    case "PUT": {
      const body = await readJsonBody(ex, "patTokenUpdateRequest");
      if (body === undefined) return;
      if (!isObject(body)) return sendVssError(ex, 400, ARGUMENT_NULL, "Value cannot be null.\r\nParameter name: patTokenUpdateRequest");
      return respond(updatePat(state, user, org, body));
    }
    case "DELETE": {
      const id = ex.query("authorizationId");
      if (!id) return sendVssError(ex, 400, ARGUMENT_NULL, "Value cannot be null.\r\nParameter name: authorizationId");
      if (!isGuid(id)) return sendVssError(ex, 400, ARGUMENT, `The value '${id}' is not valid for authorizationId.`);
      const pat = state.pats.get(id.toLowerCase());
      if (!pat || pat.userId !== user.id) {
        return sendVssError(
          ex,
          404,
          {
            typeKey: "SessionTokenNotFoundException",
            typeName:
              "Microsoft.VisualStudio.Services.DelegatedAuthorization.SessionTokenNotFoundException, Microsoft.VisualStudio.Services.WebApi",
          },
          `The personal access token with authorization id ${id} was not found.`,
        );
      }
      pat.revoked = true;
      return ex.empty(204);
    }
    default:
      return methodNotAllowed(ex);
  }
}

function listPats(ex: Exchange, ctx: EmulatorContext, userId: string, orgId: string): void {
  const filter = readEnum<DisplayFilterOption>(ex, "displayFilterOption", ["active", "revoked", "expired", "all"], "active");
  const sortBy = readEnum<SortByOption>(ex, "sortByOption", ["displayName", "displayDate", "status"], "displayName");
  if (filter === undefined || sortBy === undefined) return;
  const ascendingRaw = ex.query("isSortAscending");
  if (ascendingRaw !== undefined && !/^(true|false)$/i.test(ascendingRaw)) {
    return sendVssError(ex, 400, ARGUMENT, `The value '${ascendingRaw}' is not valid for isSortAscending.`);
  }
  const topRaw = ex.query("$top");
  let top = DEFAULT_TOP;
  if (topRaw !== undefined) {
    if (!/^-?\d+$/.test(topRaw) || Number(topRaw) < 1)
      return sendVssError(ex, 400, ARGUMENT, `The value '${topRaw}' is not valid for $top. It must be between 1 and ${MAX_TOP}.`);
    top = Math.min(Number(topRaw), MAX_TOP);
  }
  let startRow = 1;
  const continuation = ex.query("continuationToken");
  if (continuation) {
    const row = decodeContinuation(continuation);
    if (row === undefined)
      return sendVssError(ex, 400, ARGUMENT, "The continuation token is not valid.\r\nParameter name: continuationToken");
    startRow = row;
  }
  const nowMs = ctx.state.clock.nowMs();
  const mine = [...ctx.state.pats.values()].filter(
    (p) => p.userId === userId && (p.targetAccounts === null || p.targetAccounts.includes(orgId)),
  );
  const rows = filterAndSort(mine, {
    filter,
    sortBy,
    ascending: ascendingRaw === undefined || ascendingRaw.toLowerCase() === "true",
    nowMs,
  });
  const page = rows.slice(startRow - 1, startRow - 1 + top);
  const nextRow = startRow + top;
  ex.json(200, {
    continuationToken: nextRow <= rows.length ? encodeContinuation(nextRow) : "",
    patTokens: page.map((p) => wirePat(p, false)),
  });
}

function readEnum<T extends string>(ex: Exchange, name: string, values: T[], fallback: T): T | undefined {
  const raw = ex.query(name);
  if (raw === undefined || raw === "") return fallback;
  const found = values.find((v) => v.toLowerCase() === raw.toLowerCase());
  if (!found) sendVssError(ex, 400, ARGUMENT, `The value '${raw}' is not valid for ${name}.`);
  return found;
}

/** Field order as in the official examples. */
export function wirePat(p: Pat, withSecret: boolean): PatToken {
  return {
    displayName: p.displayName,
    validTo: p.validTo,
    scope: p.scope,
    targetAccounts: p.targetAccounts ? [...p.targetAccounts] : null,
    validFrom: p.validFrom,
    authorizationId: p.authorizationId,
    token: withSecret ? p.token : null,
  };
}

function patTokenResult(result: RuleResult<Pat>, v72: boolean): Record<string, unknown> {
  if (result.ok) return { patToken: wirePat(result.value, false), patTokenError: "none", ...(v72 ? { patTokenErrorMessage: null } : {}) };
  return { patToken: null, patTokenError: result.error, ...(v72 ? { patTokenErrorMessage: errorMessage(result.error) } : {}) };
}

function errorMessage(error: SessionTokenError): string {
  return `The personal access token request failed: ${error}.`;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
