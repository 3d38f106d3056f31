/** Finds the one PAT to rotate or extend, and the leftovers earlier (or concurrent) runs left under its name. */
import type { OrgContext } from "../api/context";
import { PatTokenApiError } from "../api/errors";
import type { PatToken } from "../api/model";
import { getPat, listAllPats } from "../api/pats";
import { leftoverKind, type Leftover } from "./leftover-names";
import type { PatSelector } from "./params";
import { summarize, type PatSummary } from "./pat-summary";
import type { RotationFailure } from "./result";
import type { StoreRecord } from "./secret-store";

/** A namesake younger than this may be another run's new PAT on its way to the store. */
const IN_FLIGHT_MS = 15 * 60 * 1000;

export type TargetSearch =
  | { found: true; target: PatSummary; by: "authorizationId" | "displayName" | "storeRecord"; leftovers: Leftover[]; activeIds: string[] }
  | { found: false; failure: RotationFailure };

export async function findTarget(
  org: OrgContext,
  select: PatSelector,
  recorded: StoreRecord | undefined,
  now: Date,
): Promise<TargetSearch> {
  // Expired PATs count too: extend must be able to say why it refuses one.
  const active = await listAllPats(org, { displayFilterOption: "active", top: 100 });
  const expired = await listAllPats(org, { displayFilterOption: "expired", top: 100 });
  const search =
    "authorizationId" in select
      ? await byId(org, select.authorizationId, active, expired)
      : byName(select.displayName, active, expired, recorded, now);
  if (!search.found) return search;
  const target = search.target;
  const recordedKinds = new Map(
    (recorded?.leftovers ?? []).flatMap((l) => ("authorizationId" in l ? [[l.authorizationId.toLowerCase(), l.kind] as const] : [])),
  );
  // A create whose outcome was unknown is recognised by the validTo it asked for (to the second).
  const pendingValidTos = (recorded?.leftovers ?? []).flatMap((l) => (l.kind === "pendingCreate" ? [Date.parse(l.validTo)] : []));
  const leftovers = active
    .filter((pat) => pat.authorizationId !== target.authorizationId)
    .flatMap((pat): Leftover[] => {
      const recordedKind = recordedKinds.get(pat.authorizationId.toLowerCase());
      if (recordedKind) return [{ kind: recordedKind, pat: summarize(pat), recorded: true }];
      if (pat.displayName === target.displayName && pendingValidTos.some((v) => Math.abs(Date.parse(pat.validTo) - v) <= 1000)) {
        return [{ kind: "orphan", pat: summarize(pat), recorded: true }];
      }
      if (pat.displayName === target.displayName) {
        const inFlight = now.getTime() - Date.parse(pat.validFrom) < IN_FLIGHT_MS;
        return [{ kind: "unrecorded", pat: summarize(pat), recorded: false, inFlight }];
      }
      const kind = leftoverKind(target.displayName, pat.displayName);
      return kind ? [{ kind, pat: summarize(pat), recorded: false }] : [];
    });
  return { ...search, leftovers, activeIds: active.map((p) => p.authorizationId) };
}

type Found = { found: true; target: PatSummary; by: "authorizationId" | "displayName" | "storeRecord" };

async function byId(
  org: OrgContext,
  authorizationId: string,
  active: PatToken[],
  expired: PatToken[],
): Promise<Found | { found: false; failure: RotationFailure }> {
  const id = authorizationId.trim().toLowerCase();
  const listed = [...active, ...expired].find((pat) => pat.authorizationId.toLowerCase() === id);
  if (listed) return { found: true, target: summarize(listed), by: "authorizationId" };
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

function byName(
  displayName: string,
  active: PatToken[],
  expired: PatToken[],
  recorded: StoreRecord | undefined,
  now: Date,
): Found | { found: false; failure: RotationFailure } {
  // An active PAT wins over expired namesakes; of several, the one a store records is current, or
  // else the only one that is not another run's minutes-old new PAT (the group keeps no record yet).
  for (const pool of [active, expired]) {
    const matches = pool.filter((pat) => pat.displayName === displayName);
    if (matches.length === 1) return { found: true, target: summarize(matches[0]), by: "displayName" };
    const held = matches.find((pat) => pat.authorizationId.toLowerCase() === recorded?.authorizationId.toLowerCase());
    if (held) return { found: true, target: summarize(held), by: "storeRecord" };
    const settled = matches.filter((pat) => now.getTime() - Date.parse(pat.validFrom) >= IN_FLIGHT_MS);
    if (matches.length > 1 && settled.length === 1) return { found: true, target: summarize(settled[0]), by: "displayName" };
    if (matches.length > 1) {
      return {
        found: false,
        failure: { reason: "ambiguous", lookedFor: { by: "displayName", value: displayName }, candidates: matches.map(summarize) },
      };
    }
  }
  return { found: false, failure: { reason: "notFound", lookedFor: { by: "displayName", value: displayName } } };
}
