/**
 * vssps `/{organization}/_apis/tokenadmin/...` for organization administrators: a user's PATs by
 * subject descriptor (GUID continuation token, null at the end), revocations, revocation rules.
 * Callers who are not token administrators of the organization get 401.
 */
import { randomUUID } from "crypto";
import type { SessionToken } from "../../../src/api/model";
import { patHasScope, type Caller } from "../caller";
import { anyMethod, type EmulatorContext, type Route } from "../context";
import type { Exchange } from "../exchange";
import { isGuid } from "../pat-rules";
import type { Organization, Pat } from "../state";
import { ARGUMENT, UNAUTHORIZED_REQUEST, sendVssError } from "../vss-errors";
import { withoutZone } from "../wire-dates";
import { methodNotAllowed, readJsonBody, whenAdmitted } from "./org-guard";

const VERSIONS = { min: 5.0, max: 7.2, released: 7.1 };
const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 1000;
const EMPTY_GUID = "00000000-0000-0000-0000-000000000000";

export const tokenAdminRoutes: Route[] = [
  anyMethod("vssps", /^\/([^/]+)\/_apis\/tokenadmin\/personalaccesstokens\/([^/]+)\/?$/i, (ex, m, ctx) =>
    guarded(ex, ctx, m[1], (org) => listUserPats(ex, ctx, org, m[2])),
  ),
  anyMethod("vssps", /^\/([^/]+)\/_apis\/tokenadmin\/revocations\/?$/i, (ex, m, ctx) =>
    guarded(ex, ctx, m[1], (org) => revoke(ex, ctx, org)),
  ),
  anyMethod("vssps", /^\/([^/]+)\/_apis\/tokenadmin\/revocationrules\/?$/i, (ex, m, ctx) =>
    guarded(ex, ctx, m[1], () => revocationRule(ex)),
  ),
];

/** Token Admin answers only token administrators, with a 401 and its own words for anyone else. */
function guarded(ex: Exchange, ctx: EmulatorContext, orgName: string, next: (org: Organization) => void | Promise<void>): Promise<void> {
  return whenAdmitted(ex, ctx, orgName, VERSIONS, async ({ caller, org }) => {
    if (!isTokenAdmin(caller, org))
      return sendVssError(
        ex,
        401,
        UNAUTHORIZED_REQUEST,
        "The caller does not have permission to administrate tokens in this organization.",
      );
    await next(org);
  });
}

function isTokenAdmin(caller: Exclude<Caller, { kind: "anonymous" }>, org: Organization): boolean {
  if (caller.kind === "pat") return caller.user.tokenAdminOf.includes(org.id) && patHasScope(caller.pat, "vso.tokenadministration");
  if (caller.kind === "entraUser") return caller.user.tokenAdminOf.includes(org.id);
  return false;
}

function listUserPats(ex: Exchange, ctx: EmulatorContext, org: Organization, descriptor: string): void {
  if (ex.method !== "GET") return methodNotAllowed(ex);
  if (!/^(aad|msa|vss|svc)\.[A-Za-z0-9+/=_-]+$/.test(descriptor)) {
    return sendVssError(ex, 400, ARGUMENT, `The subject descriptor '${descriptor}' is not valid.`);
  }
  const user = ctx.state.findUserByDescriptor(descriptor);
  if (!user || !user.organizations.includes(org.id)) {
    return sendVssError(
      ex,
      404,
      {
        typeKey: "IdentityNotFoundException",
        typeName: "Microsoft.VisualStudio.Services.Identity.IdentityNotFoundException, Microsoft.VisualStudio.Services.WebApi",
      },
      `No user with descriptor '${descriptor}' was found in this organization.`,
    );
  }
  const sizeRaw = ex.query("pageSize");
  let pageSize = DEFAULT_PAGE_SIZE;
  if (sizeRaw !== undefined) {
    if (!/^\d+$/.test(sizeRaw) || Number(sizeRaw) < 1 || Number(sizeRaw) > MAX_PAGE_SIZE) {
      return sendVssError(ex, 400, ARGUMENT, `pageSize must be between 1 and ${MAX_PAGE_SIZE}.`);
    }
    pageSize = Number(sizeRaw);
  }
  const isPublic = (ex.query("isPublic") ?? "false").toLowerCase() === "true";
  const key = `${org.id}|${descriptor}|${isPublic}`;
  let offset = 0;
  const token = ex.query("continuationToken");
  if (token) {
    const cursor = isGuid(token) ? ctx.state.tokenAdminCursors.get(token.toLowerCase()) : undefined;
    if (!cursor || cursor.key !== key) return sendVssError(ex, 400, ARGUMENT, `The continuation token '${token}' is not valid.`);
    offset = cursor.offset;
  }
  // isPublic=true lists SSH keys, which the emulator has none of.
  const pats = isPublic
    ? []
    : [...ctx.state.pats.values()]
        .filter((p) => p.userId === user.id && !p.revoked && (p.targetAccounts === null || p.targetAccounts.includes(org.id)))
        .sort((a, b) => a.validFromMs - b.validFromMs || (a.authorizationId < b.authorizationId ? -1 : 1));
  const page = pats.slice(offset, offset + pageSize);
  let continuationToken: string | null = null;
  if (offset + pageSize < pats.length) {
    continuationToken = randomUUID();
    ctx.state.tokenAdminCursors.set(continuationToken, { key, offset: offset + pageSize });
  }
  const nowMs = ctx.state.clock.nowMs();
  ex.json(200, { value: page.map((p) => sessionToken(p, user.id, nowMs)), continuationToken });
}

function sessionToken(p: Pat, userId: string, nowMs: number): SessionToken {
  return {
    clientId: EMPTY_GUID,
    accessId: EMPTY_GUID,
    authorizationId: p.authorizationId,
    hostAuthorizationId: EMPTY_GUID,
    userId,
    validFrom: withoutZone(p.validFrom),
    validTo: withoutZone(p.validTo),
    displayName: p.displayName,
    scope: p.scope,
    targetAccounts: p.targetAccounts ? [...p.targetAccounts] : null,
    token: null,
    alternateToken: null,
    isValid: !p.revoked && p.validToMs > nowMs,
    isPublic: false,
    publicData: null,
    source: null,
    claims: null,
  };
}

async function revoke(ex: Exchange, ctx: EmulatorContext, org: Organization): Promise<void> {
  if (ex.method !== "POST") return methodNotAllowed(ex);
  const body = await readJsonBody(ex, "revocations");
  if (body === undefined) return;
  if (!Array.isArray(body)) return sendVssError(ex, 400, ARGUMENT, "The request body must be an array of { authorizationId }.");
  const ids: string[] = [];
  for (const item of body as unknown[]) {
    const id = (item as { authorizationId?: unknown } | null)?.authorizationId;
    if (typeof id !== "string" || !isGuid(id)) return sendVssError(ex, 400, ARGUMENT, "Each revocation must have an authorizationId.");
    ids.push(id.toLowerCase());
  }
  for (const id of ids) {
    const pat = ctx.state.pats.get(id);
    if (pat && (pat.targetAccounts === null || pat.targetAccounts.includes(org.id))) pat.revoked = true;
  }
  ex.empty(204);
}

async function revocationRule(ex: Exchange): Promise<void> {
  if (ex.method !== "POST") return methodNotAllowed(ex);
  const body = await readJsonBody(ex, "revocationRule");
  if (body === undefined) return;
  const scopes = (body as { scopes?: unknown }).scopes;
  if (typeof scopes !== "string" || !scopes.trim())
    return sendVssError(ex, 400, ARGUMENT, "A revocation rule must name at least one scope.");
  // Rules apply to self-describing tokens (JWTs); the emulator's PATs are compact, so nothing changes.
  ex.empty(201);
}
