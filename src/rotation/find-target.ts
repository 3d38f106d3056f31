/** Finds the one PAT to rotate or extend, and the leftovers earlier runs left under its name. */
import type { OrgContext } from "../api/context";
import { PatTokenApiError } from "../api/errors";
import type { PatToken } from "../api/model";
import { getPat, listAllPats } from "../api/pats";
import { leftoverKind, type Leftover } from "./leftover-names";
import type { PatSelector } from "./params";
import { summarize, type PatSummary } from "./pat-summary";
import type { RotationFailure } from "./result";

export type TargetSearch =
  | { found: true; target: PatSummary; by: "authorizationId" | "displayName"; leftovers: Leftover[] }
  | { found: false; failure: RotationFailure };

export async function findTarget(org: OrgContext, select: PatSelector): Promise<TargetSearch> {
  // Expired PATs count too: extend must be able to say why it refuses one.
  const active = await listAllPats(org, { displayFilterOption: "active", top: 100 });
  const expired = await listAllPats(org, { displayFilterOption: "expired", top: 100 });
  const search =
    "authorizationId" in select ? await byId(org, select.authorizationId, active, expired) : byName(select.displayName, active, expired);
  if (!search.found) return search;
  const leftovers = active
    .filter((pat) => pat.authorizationId !== search.target.authorizationId)
    .flatMap((pat): Leftover[] => {
      const kind = leftoverKind(search.target.displayName, pat.displayName);
      return kind ? [{ kind, pat: summarize(pat) }] : [];
    });
  return { ...search, leftovers };
}

async function byId(org: OrgContext, authorizationId: string, active: PatToken[], expired: PatToken[]): Promise<TargetSearch> {
  const id = authorizationId.trim().toLowerCase();
  const listed = [...active, ...expired].find((pat) => pat.authorizationId.toLowerCase() === id);
  if (listed) return { found: true, target: summarize(listed), by: "authorizationId", leftovers: [] };
  // Not active and not expired: either revoked (get still answers) or unknown.
  try {
    await getPat(org, id);
    return { found: false, failure: { reason: "revoked", lookedFor: { by: "authorizationId", value: authorizationId } } };
  } catch (error) {
    if (
      error instanceof PatTokenApiError &&
      (error.code === "tokenNotFound" || error.code === "invalidAuthorizationId" || error.code === "authorizationNotFound")
    ) {
      return { found: false, failure: { reason: "notFound", lookedFor: { by: "authorizationId", value: authorizationId } } };
    }
    throw error;
  }
}

function byName(displayName: string, active: PatToken[], expired: PatToken[]): TargetSearch {
  // An active PAT wins over expired namesakes; several of the same standing are ambiguous.
  for (const pool of [active, expired]) {
    const matches = pool.filter((pat) => pat.displayName === displayName);
    if (matches.length === 1) return { found: true, target: summarize(matches[0]), by: "displayName", leftovers: [] };
    if (matches.length > 1) {
      return {
        found: false,
        failure: { reason: "ambiguous", lookedFor: { by: "displayName", value: displayName }, candidates: matches.map(summarize) },
      };
    }
  }
  return { found: false, failure: { reason: "notFound", lookedFor: { by: "displayName", value: displayName } } };
}
