/** The one shape the expiry core evaluates, whether a PAT came from the tokens API or Token Admin. */
import type { GraphUser, PatToken, SessionToken } from "../api/model";

/** Who owns a PAT in organization mode. */
export interface PatOwner {
  descriptor: string;
  displayName: string;
  principalName: string;
}

/** A PAT's metadata, never its secret. Field names are the wire names. */
export interface PatRecord {
  authorizationId: string;
  displayName: string;
  scope: string;
  validFrom: string;
  validTo: string;
  /** `null`: a global PAT, valid in all the user's organizations. */
  targetAccounts: string[] | null;
  owner?: PatOwner;
}

/** From the tokens API (the caller's own PATs); `token` is dropped on purpose. */
export function recordFromPatToken(p: PatToken | SessionToken): PatRecord {
  return {
    authorizationId: p.authorizationId,
    displayName: p.displayName ?? "",
    scope: p.scope ?? "",
    validFrom: p.validFrom,
    validTo: p.validTo,
    targetAccounts: p.targetAccounts ?? null,
  };
}

/** From Token Admin (another user's PATs); `displayName` may be null there. */
export function recordFromSessionToken(t: SessionToken, owner: PatOwner): PatRecord {
  return { ...recordFromPatToken(t), owner };
}

export function ownerFromGraphUser(u: GraphUser): PatOwner {
  return { descriptor: u.descriptor, displayName: u.displayName, principalName: u.principalName };
}
