/**
 * Where a new PAT secret is delivered. The pipeline's secret output variable, a variable group,
 * and later Key Vault or a service connection each implement this one method.
 */
import type { PatSummary } from "./pat-summary";

export interface SecretStore {
  /** Names the destination in logs and results, e.g. "variable group 'ci-secrets' (ADO_PAT)". */
  readonly name: string;
  /** Saves the secret; throws (with a sentence a person can act on) when it could not. */
  store(secret: string, pat: PatSummary): Promise<void>;
}
