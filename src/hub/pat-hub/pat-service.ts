/** What the hub does to PATs, through the same API module (and rotation core) as the tasks and the CLI. */
import type { OrgContext } from "../../api/context";
import { createPat, listPats, revokePat, updatePat } from "../../api/pats";
import type { PagedPatTokens, PatListOptions, PatToken, PatTokenCreateRequest, PatTokenUpdateRequest } from "../../api/model";

export interface HubOrganization {
  /** Host id: what a PAT's `targetAccounts` holds for this organization. */
  id: string;
  name: string;
}

export interface RotationOutcome {
  replacement: PatToken;
  /** The new secret: shown once, never stored by the hub. */
  secret: string;
  /** Sentences worth showing next to the secret (clamped lifetime, old PAT kept, …). */
  notes: string[];
}

export interface PatService {
  organization: HubOrganization;
  listPage(options: PatListOptions): Promise<PagedPatTokens>;
  extend(pat: PatToken, validTo: string): Promise<PatToken>;
  /** A new name, scopes or expiration date for the same PAT (same secret). */
  update(request: PatTokenUpdateRequest): Promise<PatToken>;
  revoke(pat: PatToken): Promise<void>;
  rotate(pat: PatToken, lifetimeDays: number): Promise<RotationOutcome>;
  create(request: PatTokenCreateRequest): Promise<PatToken>;
}

export function patService(org: OrgContext, organization: HubOrganization, rotate: PatService["rotate"]): PatService {
  return {
    organization,
    listPage: (options) => listPats(org, options),
    extend: (pat, validTo) => updatePat(org, { authorizationId: pat.authorizationId, validTo }),
    update: (request) => updatePat(org, request),
    revoke: (pat) => revokePat(org, pat.authorizationId),
    rotate,
    create: (request) => createPat(org, request),
  };
}

/** The same service with `guard(need)` awaited before each call: listing needs read access, the rest manage. */
export function guardedPatService(service: PatService, guard: (need: "readPats" | "managePats") => Promise<void>): PatService {
  return {
    organization: service.organization,
    listPage: async (options) => (await guard("readPats"), service.listPage(options)),
    extend: async (pat, validTo) => (await guard("managePats"), service.extend(pat, validTo)),
    update: async (request) => (await guard("managePats"), service.update(request)),
    revoke: async (pat) => (await guard("managePats"), service.revoke(pat)),
    rotate: async (pat, lifetimeDays) => (await guard("managePats"), service.rotate(pat, lifetimeDays)),
    create: async (request) => (await guard("managePats"), service.create(request)),
  };
}
