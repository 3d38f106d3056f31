/**
 * The PAT service's business rules for create and update: validation, the one-year ceiling and the
 * tenant policies. Failures are `SessionTokenError` values, which the route returns inside HTTP 200.
 */
import type { SessionTokenError } from "../../src/api/model";
import { parseIsoDateTime } from "./wire-dates";
import type { EmulatorState, Organization, Pat, User } from "./state";

const DAY_MS = 24 * 3600_000;
const MAX_LIFETIME_MS = 366 * DAY_MS;
/** Microsoft blocked creating (and regenerating) global PATs from this date. */
const GLOBAL_PAT_CREATION_CUTOFF_MS = Date.parse("2026-03-15T00:00:00Z");
const SCOPE_PATTERN = /^(app_token|vso\.[a-z0-9_]+)$/;

export type RuleResult<T> = { ok: true; value: T } | { ok: false; error: SessionTokenError };

interface Body {
  [key: string]: unknown;
}

export function createPat(state: EmulatorState, user: User, org: Organization, body: Body): RuleResult<Pat> {
  const displayName = body.displayName;
  if (typeof displayName !== "string" || displayName.trim() === "") return fail("displayNameRequired");
  if (displayName.length > 256) return fail("invalidDisplayName");
  const scope = normaliseScope(body.scope);
  if (scope === undefined) return fail("invalidScope");
  const now = state.clock.nowMs();
  let validTo = parseIsoDateTime(body.validTo);
  if (validTo === undefined || validTo <= now) return fail("invalidValidTo");
  const allOrgs = readBoolean(body.allOrgs) ?? false;
  const global = checkGlobal(state, allOrgs, now);
  if (global) return fail(global);
  if (state.policy.blockFullScope && scope.split(" ").includes("app_token")) return fail("fullScopePatPolicyViolation");
  const lifespan = checkLifespan(state, now, validTo);
  if (!lifespan.ok) return lifespan;
  validTo = lifespan.value;
  if (validTo - now > MAX_LIFETIME_MS) return fail("invalidValidTo");
  return {
    ok: true,
    value: state.storePat({
      userId: user.id,
      displayName: displayName.trim(),
      scope,
      validFromMs: now,
      validToMs: validTo,
      targetAccounts: allOrgs ? null : [org.id],
      revoked: false,
    }),
  };
}

export function updatePat(state: EmulatorState, user: User, org: Organization, body: Body): RuleResult<Pat> {
  const id = body.authorizationId;
  if (typeof id !== "string" || !isGuid(id)) return fail("invalidAuthorizationId");
  const pat = state.pats.get(id.toLowerCase());
  if (!pat) return fail("tokenNotFound");
  if (pat.userId !== user.id) return fail("accessDenied");
  if (pat.revoked) return fail("invalidToken");
  const now = state.clock.nowMs();
  // Sprint 271 (2026-03-31): an expired PAT can no longer be modified or extended, in the UI or the API.
  if (pat.validToMs <= now && state.fidelity.expiredPatUpdates === "refuse") return fail("expiredPatCannotBeExtended");
  let displayName = pat.displayName;
  if (body.displayName !== undefined && body.displayName !== null) {
    if (typeof body.displayName !== "string" || body.displayName.trim() === "") return fail("displayNameRequired");
    if (body.displayName.length > 256) return fail("invalidDisplayName");
    displayName = body.displayName.trim();
  }
  let scope = pat.scope;
  if (body.scope !== undefined && body.scope !== null) {
    const s = normaliseScope(body.scope);
    if (s === undefined) return fail("invalidScope");
    scope = s;
  }
  let validTo = pat.validToMs;
  if (body.validTo !== undefined && body.validTo !== null) {
    const parsed = parseIsoDateTime(body.validTo);
    if (parsed === undefined || parsed <= now) return fail("invalidValidTo");
    if (pat.validToMs <= now && state.fidelity.expiredPatUpdates !== "allow") return fail("expiredPatCannotBeExtended");
    validTo = parsed;
  }
  let targets = pat.targetAccounts;
  const allOrgs = readBoolean(body.allOrgs);
  if (allOrgs === true && targets !== null) {
    const global = checkGlobal(state, true, now);
    if (global) return fail(global);
    targets = null;
  } else if (allOrgs === false) {
    targets = [org.id];
  }
  if (state.policy.blockFullScope && scope !== pat.scope && scope.split(" ").includes("app_token"))
    return fail("fullScopePatPolicyViolation");
  if (validTo !== pat.validToMs) {
    // 7.2: an over-long validTo is clamped to the token's creation date + the policy maximum.
    const lifespan = checkLifespan(state, pat.validFromMs, validTo);
    if (!lifespan.ok) return lifespan;
    validTo = lifespan.value;
    // The documented limit is the create's: at most a year from now (the UI extends "for the next year").
    // Nothing documents the old emulator rule of validFrom + 366 days; it stays as a switch.
    const limitFrom = state.fidelity.extendLimit === "validFromPlus366" ? pat.validFromMs : now;
    if (validTo - limitFrom > MAX_LIFETIME_MS) return fail("invalidValidTo");
  }
  pat.displayName = displayName;
  pat.scope = scope;
  pat.targetAccounts = targets;
  if (validTo !== pat.validToMs) state.setPatValidTo(pat, validTo);
  return { ok: true, value: pat };
}

/** Global PATs: refused by the tenant policy, and by Microsoft for everyone since 2026-03-15. */
function checkGlobal(state: EmulatorState, allOrgs: boolean, now: number): SessionTokenError | undefined {
  if (!allOrgs) return undefined;
  if (state.policy.blockGlobal) return "globalPatPolicyViolation";
  if (now >= GLOBAL_PAT_CREATION_CUTOFF_MS) return "globalPATCreationBlocked";
  return undefined;
}

function checkLifespan(state: EmulatorState, fromMs: number, validTo: number): RuleResult<number> {
  const max = state.policy.maxLifespanDays;
  if (max === null || validTo - fromMs <= max * DAY_MS) return { ok: true, value: validTo };
  if (state.policy.clampLifespan) return { ok: true, value: fromMs + max * DAY_MS };
  return fail("patLifespanPolicyViolation");
}

function normaliseScope(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const parts = value.split(/\s+/).filter(Boolean);
  if (!parts.length || !parts.every((p) => SCOPE_PATTERN.test(p))) return undefined;
  return parts.join(" ");
}

/** The official sample sends allOrgs as a string; the server's JSON binder accepts "true"/"false". */
function readBoolean(value: unknown): boolean | undefined {
  if (typeof value === "boolean") return value;
  if (typeof value === "string" && /^(true|false)$/i.test(value)) return value.toLowerCase() === "true";
  return undefined;
}

export function isGuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

function fail<T>(error: SessionTokenError): RuleResult<T> {
  return { ok: false, error };
}
