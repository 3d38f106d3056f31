/** The task inputs as the check's params, validated before any sign-in or call. */
import * as tl from "azure-pipelines-task-lib/task";
import { InputError } from "../../src/api/input-error";
import { parseOrganization } from "../../src/api/endpoints";
import { compileNameFilter } from "../../src/expiry/name-filter";
import { policyProblem, type ExpiryPolicy } from "../../src/expiry/policy";
import { parseShard, type Shard } from "../../src/expiry/shard";
import { readBoolean, readChoice, readInteger, readString } from "../../src/pipeline/inputs";
import { readSecretInput } from "../../src/pipeline/secrets";
import { loc } from "./loc";

export interface CheckInputs {
  organization: string;
  subject: "mine" | "organization";
  /** Organization mode without Entra sign-in. */
  adminPat: string | undefined;
  shard: Shard | null;
  /** Organization mode: audit log days to read (0: none). */
  auditDays: number;
  policy: ExpiryPolicy;
}

/** Enough for a PAT that lives ten years; anything larger is a typo. */
const MAX_DAYS = 3650;
/** The audit log keeps 90 days. */
const AUDIT_LOG_DAYS = 90;

export function readCheckInputs(): CheckInputs {
  const adminPat = readSecretInput("adminPat"); // masked before anything else is logged
  const subject = readChoice("subject", ["mine", "organization"] as const, { default: "mine" });
  const warnWithinDays = readInteger("warnWithinDays", { min: 0, max: MAX_DAYS, default: 14 });
  const failWithinDays = readInteger("failWithinDays", { min: 0, max: MAX_DAYS, default: 3 });
  const problem = policyProblem({ warnWithinDays, failWithinDays });
  if (problem) throw new InputError(problem.input, loc("FailBeyondWarn", problem.failWithinDays, problem.warnWithinDays));
  const maxLifetimeText = readString("maxLifetimeDays");
  const maxLifetimeDays = maxLifetimeText === undefined ? null : readInteger("maxLifetimeDays", { min: 1, max: MAX_DAYS });

  const shardText = readString("shard");
  const shard = shardText === undefined ? null : parseShard(shardText);
  if (shardText !== undefined && shard === null) throw new InputError("shard", loc("ShardMalformed", shardText));
  if (shard && subject !== "organization") throw new InputError("shard", loc("ShardNeedsOrganization"));
  if (adminPat && subject !== "organization") throw new InputError("adminPat", loc("AdminPatNeedsOrganization"));

  return {
    organization: readOrganization(),
    subject,
    adminPat,
    shard,
    auditDays: subject === "organization" ? readInteger("auditDays", { min: 0, max: AUDIT_LOG_DAYS, default: 30 }) : 0,
    policy: {
      warnWithinDays,
      failWithinDays,
      includeExpired: readBoolean("includeExpired", { default: false }),
      flagGlobal: readBoolean("flagGlobal", { default: true }),
      flagFullScope: readBoolean("flagFullScope", { default: true }),
      maxLifetimeDays,
      nameFilter: compileNameFilter(readString("nameFilter")),
    },
  };
}

/** The `organization` input, else the organization this pipeline runs in. */
function readOrganization(): string {
  const input = readString("organization");
  if (input !== undefined) return parseOrganization(input);
  const collectionUri = tl.getVariable("System.CollectionUri")?.trim();
  if (!collectionUri) throw new InputError("organization", loc("OrganizationMissing"));
  return parseOrganization(collectionUri);
}
