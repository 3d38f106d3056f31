/** The RotatePat inputs, read and checked before sign-in so a wrong input fails fast and clearly. */
import { InputError } from "../../src/api/input-error";
import { readBoolean, readChoice, readInteger, readString } from "../../src/pipeline/inputs";
import { MAX_LIFETIME_DAYS, type PatSelector, type RotationParams } from "../../src/rotation";
import { validateScopes } from "../../src/scopes";
import { loc } from "./loc";

export interface RotateInputs {
  /** Empty: the organization of the job. */
  organization?: string;
  params: RotationParams;
  variableGroup?: { group: string; variableName: string };
}

export function readRotateInputs(): RotateInputs {
  const variableGroup = readString("variableGroup");
  const variableName = readString("variableName");
  if (variableGroup && !variableName) throw new InputError("variableName", loc("InputVariableNameRequired", variableGroup));
  const withinDays = readString("onlyIfExpiringWithinDays");
  return {
    organization: readString("organization"),
    params: {
      action: readChoice("action", ["rotate", "extend"] as const, { default: "rotate" }),
      select: readSelector(),
      lifetimeDays: readInteger("lifetimeDays", { min: 1, max: MAX_LIFETIME_DAYS, default: 30 }),
      onlyIfExpiringWithinDays:
        withinDays === undefined ? undefined : readInteger("onlyIfExpiringWithinDays", { min: 0, max: MAX_LIFETIME_DAYS }),
      scope: readScope(),
      keepGlobal: readBoolean("keepGlobal", { default: false }),
      verify: readBoolean("verify", { default: true }),
      revokeOld: readBoolean("revokeOld", { default: true }),
      dryRun: readBoolean("dryRun", { default: false }),
    },
    variableGroup: variableGroup && variableName ? { group: variableGroup, variableName } : undefined,
  };
}

function readSelector(): PatSelector {
  const authorizationId = readString("authorizationId");
  const displayName = readString("displayName");
  if (authorizationId && displayName) throw new InputError("authorizationId", loc("InputOneOfIdOrName", loc("InputBothGiven")));
  if (authorizationId) return { authorizationId };
  if (displayName) return { displayName };
  throw new InputError("authorizationId", loc("InputOneOfIdOrName", loc("InputNoneGiven")));
}

function readScope(): string | undefined {
  const scope = readString("scope");
  if (scope === undefined) return undefined;
  const check = validateScopes(scope);
  if (check.unknown.length > 0) throw new InputError("scope", loc("InputScopeUnknown", check.unknown.join(", ")));
  if (check.fullAccessCombined) throw new InputError("scope", loc("InputScopeFullAccessMixed", scope));
  return check.scopes.join(" ");
}
