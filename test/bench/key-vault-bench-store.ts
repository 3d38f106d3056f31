/** The bench's Key Vault: one vault, an app allowed to write it, and a Key Vault store per rotated PAT (unmodified Azure SDK clients). */
import type { Emulator } from "../emulator/client";
import { keyVaultStore } from "../../src/key-vault/key-vault-store";
import type { SecretStore } from "../../src/rotation";
import { keyVaultWithWriter } from "../support/key-vault-writer";

export async function keyVaultBenchStore(
  emulator: Emulator,
): Promise<{ store(secretName: string, oldToken: string): Promise<SecretStore> }> {
  const { vaultUrl, clientId, credential } = await keyVaultWithWriter(emulator, "bench-kv");
  return {
    async store(secretName, oldToken) {
      await emulator.putKeyVaultSecret({ vaultUrl, name: secretName, value: oldToken });
      return keyVaultStore({ vaultUrl, secretName, credential, identity: `the bench's app ${clientId}`, emulator: true });
    },
  };
}
