/** The RotatePat inputs, read and checked before sign-in so a wrong input fails fast and clearly. */
import { InputError } from "../../src/api/input-error";
import { readBoolean, readChoice, readInteger, readString } from "../../src/pipeline/inputs";
import { MAX_LIFETIME_DAYS, type PatSelector, type RotationParams } from "../../src/rotation";
import { validateScopes } from "../../src/scopes";
import { loc } from "./loc";
import { readKeyVaultInputs, type KeyVaultInputs } from "./read-key-vault";
import { readGithubInputs, type GithubSecretInputs } from "./read-github-inputs";

export interface RotateInputs {
  /** Empty: the organization of the job. */
  organization?: string;
  params: RotationParams;
  variableGroup?: { group: string; variableName: string };
  /** Names or ids, in the order given. */
  serviceConnections: string[];
  keyVault?: KeyVaultInputs;
  /** The GitHub Actions secret, when githubConnection is set. */
  github?: GithubSecretInputs;
}

export function readRotateInputs(): RotateInputs {
  const variableGroup = readString("variableGroup");
  const variableName = readString("variableName");
  if (variableGroup && !variableName) throw new InputError("variableName", loc("InputVariableNameRequired", variableGroup));
  if (variableName && !variableGroup) throw new InputError("variableGroup", loc("InputVariableGroupRequired", variableName));
  const withinDays = readString("onlyIfExpiringWithinDays");
  const params: RotationParams = {
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
  };
  // Contradictions fail here, before sign-in and before any change, naming both inputs.
  if (params.onlyIfExpiringWithinDays !== undefined && params.onlyIfExpiringWithinDays >= params.lifetimeDays) {
    throw new InputError(
      "onlyIfExpiringWithinDays",
      loc("InputWithinDaysNotBelowLifetime", params.onlyIfExpiringWithinDays, params.lifetimeDays),
    );
  }
  if (params.action === "extend" && variableGroup) throw new InputError("variableGroup", loc("InputExtendWithStore", variableGroup));
  const serviceConnections = [
    ...new Set(
      (readString("serviceConnection") ?? "")
        .split(/[\n,]/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
  if (params.action === "extend" && serviceConnections.length > 0) {
    throw new InputError("serviceConnection", loc("InputExtendWithServiceConnection", serviceConnections.join(", ")));
  }
  const keyVault = readKeyVaultInputs();
  if (params.action === "extend" && keyVault) throw new InputError("keyVaultName", loc("InputExtendWithKeyVault", keyVault.secretName));
  return {
    serviceConnections,
    github: readGithubInputs(params.action),
    ...(keyVault ? { keyVault } : {}),
    organization: readString("organization"),
    params,
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
