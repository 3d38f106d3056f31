/**
 * Delivers the new PAT into a GitHub Actions secret (repository or environment), sealed with GitHub's
 * public key, and keeps the store's record in the companion variable `<secret>_PAT_RECORD` (github-record.ts):
 * the record first (as pending), then the secret, then the record again (confirmed by the secret's updated_at).
 * Node-only (Octokit, libsodium): imported by the RotatePat task, never by the hub.
 */
import { ApiError, answerLost } from "../api/errors";
import { formatLeftovers } from "../rotation/recorded-leftovers";
import { StoreHeldByOtherError, type SecretStore, type StoreRecord } from "../rotation/secret-store";
import type { GithubActionsClient } from "./github-client";
import { where, type GithubCallContext } from "./github-errors";
import {
  confirmedRecord,
  formatGithubRecord,
  parseGithubRecord,
  recordVariableName,
  resolveHeld,
  type GithubRecord,
} from "./github-record";
import { sealForGithub } from "./sealed-box";

export interface GithubSecretStoreOptions {
  client: GithubActionsClient;
  context: GithubCallContext;
  secretName: string;
  sleep?: (ms: number) => Promise<void>;
}

interface GithubState {
  key: { keyId: string; key: string };
  secretUpdatedAt: string | undefined;
  variableExists: boolean;
  held: StoreRecord | undefined;
}

const WRITE_ATTEMPTS = 3;

/** The store's name in logs: "GitHub secret 'ADO_PAT' of the repository 'contoso/app'". */
export function githubStoreName(context: GithubCallContext, secretName: string): string {
  return `GitHub secret '${secretName}' of ${where(context)}`;
}

export function githubSecretStore(o: GithubSecretStoreOptions): SecretStore {
  const { client } = o;
  const name = githubStoreName(o.context, o.secretName);
  const variable = recordVariableName(o.secretName);
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));

  /** The public key first: it fails clearly for a missing repository or environment, or a token without access. */
  const read = async (): Promise<GithubState> => {
    const key = await client.publicKey();
    const secretUpdatedAt = await client.secretUpdatedAt(o.secretName);
    const found = await client.variable(variable);
    const record = found ? parseGithubRecord(found.value, variable) : undefined;
    return { key, secretUpdatedAt, variableExists: found !== undefined, held: resolveHeld(record, secretUpdatedAt) };
  };

  /** Writes the record; a lost answer is read back, and the write sent once more when it did not land. */
  const writeRecord = async (record: GithubRecord, exists: boolean): Promise<void> => {
    const value = formatGithubRecord(record);
    try {
      await client.writeVariable(variable, value, exists);
    } catch (error) {
      if (!answerLost(error)) throw error;
      const now = await client.variable(variable);
      if (now?.value !== value) await client.writeVariable(variable, value, now !== undefined);
    }
  };

  /** GitHub's updated_at has whole seconds: a write in the second of the last one could not be told from it. */
  const pastSecondOf = async (updatedAt: string | undefined): Promise<void> => {
    const serverTime = client.serverTime();
    if (updatedAt === undefined || serverTime === undefined) return;
    if (Math.floor(serverTime / 1000) <= Math.floor(Date.parse(updatedAt) / 1000)) await sleep(1000);
  };

  return {
    name,
    async store(secret, pat, write) {
      const entry = { authorizationId: pat.authorizationId, validTo: pat.validTo, leftovers: formatLeftovers(write.leftovers) };
      let lastProblem = "";
      for (let attempt = 1; attempt <= WRITE_ATTEMPTS; attempt++) {
        const state = await read();
        const held = state.held?.authorizationId;
        if (held && held !== write.from.authorizationId && held !== pat.authorizationId)
          throw new StoreHeldByOtherError(name, held, write.from.authorizationId);
        if (held !== pat.authorizationId) {
          const pending = { ...entry, secretUpdatedBefore: state.secretUpdatedAt ?? null };
          await writeRecord({ ...confirmedRecord(state.held, state.secretUpdatedAt), pending }, state.variableExists);
          await pastSecondOf(state.secretUpdatedAt);
          try {
            await client.putSecret(o.secretName, await sealForGithub(secret, state.key.key), state.key.keyId);
          } catch (error) {
            if (!answerLost(error)) throw error;
            lastProblem = error instanceof Error ? error.message : String(error);
          }
          // The value cannot be read back; its updated_at moving past the pending entry's confirms the write.
          const after = await client.secretUpdatedAt(o.secretName);
          if (after === undefined || after === state.secretUpdatedAt) {
            lastProblem ||= "the secret's updated_at did not change";
            continue;
          }
          state.secretUpdatedAt = after;
        }
        // The pending entry already names this PAT, so the record stays right even if this write fails.
        await writeRecord({ holds: { ...entry, secretUpdatedAt: state.secretUpdatedAt as string } }, true).catch(() => undefined);
        return;
      }
      throw new ApiError(
        `Could not confirm the write to the ${name} after ${WRITE_ATTEMPTS} attempts (${lastProblem}). ` +
          "Check the repository's Settings > Secrets and variables > Actions and run the task again.",
      );
    },
    async readRecord() {
      return (await read()).held;
    },
    async addLeftovers(leftovers) {
      const state = await read();
      const held = state.held ?? { authorizationId: "", leftovers: [] };
      await writeRecord(confirmedRecord(held, state.secretUpdatedAt, [...held.leftovers, ...leftovers]), state.variableExists);
    },
  };
}
