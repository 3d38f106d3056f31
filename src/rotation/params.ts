/** What a rotation is asked to do, and what it is given to do it with. */
import type { OrgContext } from "../api/context";
import type { RotationStep } from "./result";
import type { SecretStore } from "./secret-store";
import type { PatVerifier } from "./verifier";

/** The service refuses a validTo more than a year away. */
export const MAX_LIFETIME_DAYS = 365;

export type PatSelector = { authorizationId: string } | { displayName: string };

export interface RotationParams {
  action: "rotate" | "extend";
  select: PatSelector;
  /** New validTo = now + lifetimeDays (1..365). */
  lifetimeDays: number;
  /** Leave the PAT alone unless it expires within this many days. */
  onlyIfExpiringWithinDays?: number;
  /** Scope of the new (or extended) PAT instead of the current one; already validated. */
  scope?: string;
  /** Recreate a global PAT as global instead of for this organization only. */
  keepGlobal: boolean;
  verify: boolean;
  revokeOld: boolean;
  dryRun: boolean;
}

export interface RotationDeps {
  /** The signed-in user's PAT API. */
  org: OrgContext;
  now: () => Date;
  /** Where the new secret goes, in order; put stores that cannot fail last. */
  stores: SecretStore[];
  /** Required when params.verify. */
  verifier?: PatVerifier;
  /** Called with the new secret the moment it exists, before anything else (log masking). */
  onSecret?: (secret: string) => void;
  /** Waits between looks for a create whose answer was lost (default setTimeout). */
  sleep?: (ms: number) => Promise<void>;
  /** Called with each step as it happens, so a log shows progress live. */
  onStep?: (step: RotationStep) => void;
}
