/**
 * Delivers the new PAT into an Azure Key Vault secret (@azure/keyvault-secrets): each write is a new version
 * with `expiresOn` = the PAT's validTo and tags naming the PAT, which are the store's record. Key Vault has no
 * conditional write, so the compare-and-set reads the current version first and confirms by reading back;
 * nothing is ever deleted or purged.
 */
import type { TokenCredential } from "@azure/identity";
import { SecretClient, type KeyVaultSecret } from "@azure/keyvault-secrets";
import { ApiError } from "../api/errors";
import { formatLeftovers, parseLeftovers } from "../rotation/recorded-leftovers";
import { StoreHeldByOtherError, type SecretStore, type StoreRecord } from "../rotation/secret-store";
import { keyVaultProblem, isLostAnswer, isSecretNotFound } from "./key-vault-errors";
import type { ClientOptions } from "./azure-credential";

export interface KeyVaultStoreOptions {
  /** `https://<vault>.vault.azure.net/` (or the emulator's loopback URL). */
  vaultUrl: string;
  secretName: string;
  credential: TokenCredential;
  /** Who signs in, for sentences (armIdentity). */
  identity: string;
  /** Emulator mode: the vault's loopback host cannot match the challenge's resource (vault.azure.net). */
  emulator: boolean;
  /** The agent's proxy and certificate settings for the vault's host. */
  clientOptions?: ClientOptions;
  /** Called with every secret value read from the vault (the PAT it held), so the task masks it at once. */
  onSecretRead?: (value: string) => void;
}

const CONTENT_TYPE = "Azure DevOps PAT";
/** Tag names (Key Vault: at most 15 tags, values up to 256 characters). */
const TAG = { authorizationId: "authorizationId", displayName: "displayName", validTo: "validTo", leftovers: "patLifecycle.leftovers" };
const TAG_VALUE_MAX = 256;
const WRITE_ATTEMPTS = 3;
const SECRET_NAME = /^[0-9a-zA-Z-]{1,127}$/;

/** Key Vault's rule for secret names (learn.microsoft.com/azure/key-vault/general/about-keys-secrets-certificates). */
export function isValidSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

export function keyVaultStore(o: KeyVaultStoreOptions): SecretStore {
  const vault = new URL(o.vaultUrl).host;
  const name = `Key Vault secret '${o.secretName}' in ${vault}`;
  const client = new SecretClient(o.vaultUrl, o.credential, { ...o.clientOptions, disableChallengeResourceVerification: o.emulator });
  const fail = (error: unknown, action: "read" | "write"): never => {
    throw new ApiError(keyVaultProblem(error, { vault, secretName: o.secretName, identity: o.identity, action }));
  };
  /** The current version (never printed: only its tags are used); undefined when the secret does not exist. */
  const current = async (): Promise<KeyVaultSecret | undefined> => {
    try {
      const secret = await client.getSecret(o.secretName);
      if (secret.value) o.onSecretRead?.(secret.value);
      return secret;
    } catch (error) {
      return isSecretNotFound(error) ? undefined : fail(error, "read");
    }
  };
  return {
    name,
    async store(secret, pat, write) {
      let lastProblem = "";
      for (let attempt = 1; attempt <= WRITE_ATTEMPTS; attempt++) {
        const held = recordOf(await current())?.authorizationId;
        if (held && held !== write.from.authorizationId && held !== pat.authorizationId)
          throw new StoreHeldByOtherError(name, held, write.from.authorizationId);
        try {
          await client.setSecret(o.secretName, secret, {
            expiresOn: new Date(pat.validTo),
            contentType: CONTENT_TYPE,
            tags: recordTags(pat, formatLeftovers(write.leftovers)),
          });
        } catch (error) {
          if (!isLostAnswer(error)) fail(error, "write");
          lastProblem = error instanceof Error ? error.message : String(error);
        }
        // The newest version decides: a concurrent run that wrote after this one holds the secret now.
        const after = recordOf(await current())?.authorizationId;
        if (after === pat.authorizationId) return;
        if (after && after !== write.from.authorizationId) throw new StoreHeldByOtherError(name, after, write.from.authorizationId);
        lastProblem ||= "the newest version of the secret does not name the new PAT";
      }
      throw new ApiError(
        `Could not confirm the write to the ${name} after ${WRITE_ATTEMPTS} attempts (${lastProblem}). ` +
          "Check the secret's versions in the Azure portal (the vault > Secrets) and run the task again.",
      );
    },
    async readRecord() {
      return recordOf(await current());
    },
  };
}

/** The tags of a new version: the PAT it holds and the leftovers, split over several tags when long. */
function recordTags(pat: { authorizationId: string; displayName: string; validTo: string }, leftovers: string): Record<string, string> {
  const tags: Record<string, string> = {
    [TAG.authorizationId]: pat.authorizationId,
    [TAG.displayName]: pat.displayName.slice(0, TAG_VALUE_MAX),
    [TAG.validTo]: pat.validTo,
  };
  let part = 1;
  let chunk = "";
  for (const word of leftovers.split(" ")) {
    if (chunk && chunk.length + 1 + word.length > TAG_VALUE_MAX) {
      tags[part === 1 ? TAG.leftovers : `${TAG.leftovers}.${part}`] = chunk;
      part += 1;
      chunk = "";
    }
    chunk = chunk ? `${chunk} ${word}` : word;
  }
  tags[part === 1 ? TAG.leftovers : `${TAG.leftovers}.${part}`] = chunk;
  return tags;
}

function recordOf(secret: KeyVaultSecret | undefined): StoreRecord | undefined {
  const tags = secret?.properties.tags ?? {};
  const id = tags[TAG.authorizationId]?.trim() ?? "";
  if (!id) return undefined;
  const leftoverTags = Object.keys(tags)
    .filter((k) => k === TAG.leftovers || k.startsWith(`${TAG.leftovers}.`))
    .sort((a, b) => Number(a.split(".")[2] ?? 1) - Number(b.split(".")[2] ?? 1));
  return {
    authorizationId: id.toLowerCase(),
    validTo: tags[TAG.validTo] || undefined,
    leftovers: parseLeftovers(leftoverTags.map((k) => tags[k]).join(" ")),
  };
}
