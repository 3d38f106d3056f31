/**
 * Types shared by the emulator process and its test-side client (the control API's wire shapes).
 * Kept free of Node-only imports so both sides can use them.
 */
import type { PatToken, VariableGroup } from "../../src/api/model";

export interface EmuUser {
  /** Azure DevOps (VSS) identity id: what profile/connectionData return as the user's id. */
  id: string;
  /** Entra object id: the `oid` claim of the user's tokens. */
  oid: string;
  /** Graph subject descriptor, e.g. `aad.<base64>`; tokenadmin takes it. */
  descriptor: string;
  principalName: string;
  displayName: string;
}

export interface NewUser {
  displayName: string;
  principalName: string;
  password?: string;
  mfaRequired?: boolean;
  /** Organization names the user is a member of. */
  organizations?: string[];
  /** Organization names in which the user may use tokenadmin. */
  tokenAdminOf?: string[];
}

export interface NewPat {
  displayName: string;
  scope?: string;
  validTo: string;
  validFrom?: string;
  /** Organization names, or "global" for an all-organizations PAT. Default: the user's first org. */
  organizations?: string[] | "global";
  revoked?: boolean;
}

/** A PAT as the emulator holds it: the wire `PatToken` with its secret always set, plus state. */
export interface EmuPat extends PatToken {
  token: string;
  revoked: boolean;
  userId: string;
}

export interface AppRegistration {
  clientId: string;
  clientSecret?: string;
  /** "Allow public client flows": token requests without a secret are accepted. */
  publicClientFlows?: boolean;
  /** Admin consent for the app's Azure DevOps permissions. Default true. */
  consented?: boolean;
  /**
   * Delegated Azure DevOps permissions the registration was granted (the `scp` of its tokens for `.default`).
   * Default `RECOMMENDED_PERMISSIONS`; `["user_impersonation"]` is a legacy registration, `["vso.pats"]` a read-only one.
   */
  azureDevOpsPermissions?: string[];
  /** Redirect URIs; `http://localhost` matches any loopback port, as in Entra. */
  redirectUris?: string[];
  displayName?: string;
  /** A certificate credential (PEM of the certificate): client assertions signed with its key authenticate the app. */
  certificatePem?: string;
  /** Federated identity credentials: an assertion whose iss, sub and aud match one authenticates the app. */
  federatedCredentials?: FederatedCredential[];
}

interface FederatedCredential {
  issuer: string;
  subject: string;
  /** Default ["api://AzureADTokenExchange"], as the portal proposes. */
  audiences?: string[];
}

/** What overview.md asks an administrator to grant: the PAT pair plus what the organization scan reads. */
export const RECOMMENDED_PERMISSIONS = ["vso.pats", "vso.pats_manage", "vso.tokenadministration", "vso.graph"];

/** Where the real service is uncertain or has changed; each default is the documented or reported behaviour (README). */
export interface FidelitySettings {
  /** A token with only `user_impersonation` may call tokens/pats (before Sprint 257). Default false. */
  userImpersonationOpensPats?: boolean;
  /** A create needs `vso.pats` besides `vso.pats_manage` (reported, not in the spec). Default true. */
  patCreateNeedsReadScope?: boolean;
  /** Updates of an expired PAT: "refuse" every change (Sprint 271), "refuseExtend" only a new validTo, "allow". Default "refuse". */
  expiredPatUpdates?: "refuse" | "refuseExtend" | "allow";
  /** The latest validTo an update may set: "oneYearFromNow" (the create limit) or "validFromPlus366" (old emulator rule). */
  extendLimit?: "oneYearFromNow" | "validFromPlus366";
  /** CORS headers on 401 and sign-in answers too. Default false (microsoft/azure-devops-extension-api#100, #68). */
  corsOnErrors?: boolean;
  /** OPTIONS `_apis/{area}` and `_apis/ResourceAreas` answer location data. Default true. */
  locationDiscovery?: boolean;
}

export interface PolicySettings {
  maxLifespanDays?: number | null;
  blockFullScope?: boolean;
  blockGlobal?: boolean;
  clampLifespan?: boolean;
}

export interface EntraSettings {
  conditionalAccessBlockDeviceCode?: boolean;
  blockAll?: "53003" | null;
  /** How many polls of each new device code answer `slow_down` before the code is looked at (RFC 8628 §3.5). */
  deviceCodeSlowDowns?: number;
  /** The error a declined device code gets: Microsoft's docs say `authorization_declined`, RFC 8628 says `access_denied`. */
  deviceCodeDeclineError?: "authorization_declined" | "access_denied";
}

export interface FaultSpec {
  method?: string;
  /** Regular expression matched case-insensitively against the URL pathname. */
  path: string;
  /** How many matching requests the fault applies to; default: every one. */
  times?: number;
  /**
   * commitThenDrop: applied, then the answer is lost. commitLate: the connection dies at once (the
   * client gives up) and the request is applied `ms` later, as a throttled request Azure DevOps held.
   */
  kind: "latency" | "status" | "commitThenDrop" | "commitLate" | "drop";
  ms?: number;
  status?: number;
  retryAfterSec?: number;
}

/**
 * Requests cost one unit each and drain at `budget` per `windowMs`. "delay" (default, as Azure DevOps):
 * past the budget a request waits until the usage has drained back to it (200 with X-RateLimit-*), and
 * only one that would wait longer than `maxDelayMs` (30 s) is blocked (429 TF400733). "block": 429 at once.
 */
export interface RateLimitSpec {
  budget: number;
  windowMs: number;
  /** Retry-After of a blocked request; default: seconds until the usage is back under the budget. */
  retryAfterSec?: number;
  mode?: "delay" | "block";
  /** Longest delay before a request is blocked instead. Default 30 000 (Learn: "up to 30 seconds"). */
  maxDelayMs?: number;
}

export interface LoggedRequest {
  /** Which emulated service answered. */
  service: "vssps" | "devops" | "entra" | "keyvault" | "github";
  method: string;
  path: string;
  query: Record<string, string>;
  /** Status sent, or the status the handler produced before a drop (see `dropped`). */
  status: number;
  /** Request headers, lower-cased names; the Authorization value is reduced to its scheme. */
  headers: Record<string, string>;
  /** "2.0" when the client spoke HTTP/2 (browsers), "1.1" otherwise. */
  httpVersion: string;
  /** When the request arrived and when it was answered (ms since the epoch): what a latency or a delay added. */
  receivedAtMs: number;
  answeredAtMs: number;
  dropped?: boolean;
}

export interface NewVariableGroup {
  name: string;
  /** Linked to a Key Vault (type AzureKeyVault): the vault's name. */
  keyVault?: string;
  variables?: Record<string, { value: string; isSecret?: boolean }>;
}

export type EmuVariableGroup = VariableGroup & { secrets: Record<string, string> };

export interface NewServiceEndpoint {
  /** The projects it is shared with; the first one owns it. */
  projects: string[];
  name: string;
  type: string;
  url?: string;
  description?: string;
  scheme: string;
  parameters: Record<string, string>;
  data?: Record<string, string>;
}

/** A service connection as stored, secrets included (control API only). */
export type EmuServiceEndpoint = NewServiceEndpoint & { id: string; url: string; description: string; data: Record<string, string> };

export interface EmulatorOptions {
  seed?: boolean;
  now?: string;
  refreshTokenLifetimeDays?: number;
  latencyMs?: number;
}

/** What the emulator process reports once it listens. */
export interface EmulatorAddress {
  vsspsUrl: string;
  devopsUrl: string;
  authorityHost: string;
  /** GitHub's REST API (api.github.com). */
  githubUrl: string;
  caFile: string;
  tenantId: string;
}

export const DEFAULT_PUBLIC_CLIENT_ID = "pat-lifecycle-test-client";
