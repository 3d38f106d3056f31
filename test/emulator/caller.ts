/** Who is calling an Azure DevOps route: an Entra user, a PAT, an app-only token, a job token, or nobody. */
import type { Exchange } from "./exchange";
import { AZURE_DEVOPS_RESOURCE, JOB_TOKEN_ISSUER, type TokenMinter } from "./entra/token-minter";
import type { EmulatorState, JobIdentity, Organization, Pat, User } from "./state";

/** Global PATs stop authenticating on this date (Microsoft's retirement of all-organization PATs). */
const GLOBAL_PAT_USE_CUTOFF_MS = Date.parse("2026-12-01T00:00:00Z");

export type Caller =
  | { kind: "entraUser"; user: User; scopes: string[] }
  | { kind: "pat"; user: User; pat: Pat }
  | { kind: "app"; appId: string }
  | { kind: "job"; identity: JobIdentity }
  | { kind: "anonymous" };

/** Identifies the caller; `org` (when the route has one) decides whether a PAT is valid there. */
export function identifyCaller(ex: Exchange, state: EmulatorState, minter: TokenMinter, org?: Organization): Caller {
  const header = ex.header("authorization") ?? "";
  const space = header.indexOf(" ");
  const scheme = (space > 0 ? header.slice(0, space) : header).toLowerCase();
  const value = space > 0 ? header.slice(space + 1).trim() : "";
  if (scheme === "bearer" && value) return fromBearer(value, state, minter);
  if (scheme === "basic" && value) return fromBasic(value, state, org);
  return { kind: "anonymous" };
}

function fromBearer(token: string, state: EmulatorState, minter: TokenMinter): Caller {
  const claims = minter.verify(token);
  if (!claims) return { kind: "anonymous" };
  if (claims.iss === JOB_TOKEN_ISSUER) {
    const identity = state.jobIdentities.get(String(claims.nameid));
    return identity ? { kind: "job", identity } : { kind: "anonymous" };
  }
  if (claims.aud !== AZURE_DEVOPS_RESOURCE || claims.tid !== state.tenantId) return { kind: "anonymous" };
  if (claims.idtyp === "app" || typeof claims.scp !== "string") return { kind: "app", appId: String(claims.appid) };
  const user = state.findUserByOid(String(claims.oid));
  return user ? { kind: "entraUser", user, scopes: claims.scp.split(" ") } : { kind: "anonymous" };
}

function fromBasic(value: string, state: EmulatorState, org?: Organization): Caller {
  const decoded = Buffer.from(value, "base64").toString("utf8");
  const secret = decoded.slice(decoded.indexOf(":") + 1);
  const pat = state.findPatBySecret(secret);
  if (!pat || pat.revoked || pat.validToMs <= state.clock.nowMs()) return { kind: "anonymous" };
  if (pat.targetAccounts === null && state.clock.nowMs() >= GLOBAL_PAT_USE_CUTOFF_MS) return { kind: "anonymous" };
  if (org && pat.targetAccounts !== null && !pat.targetAccounts.includes(org.id)) return { kind: "anonymous" };
  const user = state.users.get(pat.userId);
  return user ? { kind: "pat", user, pat } : { kind: "anonymous" };
}

/** Whether a PAT's scopes cover `needed` (`vso.x` is covered by `vso.x_manage`, everything by app_token). */
export function patHasScope(pat: Pat, needed: string): boolean {
  const scopes = pat.scope.split(/\s+/);
  return scopes.includes("app_token") || scopes.some((s) => s === needed || s === `${needed}_manage` || s.startsWith(`${needed}_`));
}
