/** The bench's Key Vault: one vault, an app allowed to write it, and a Key Vault store per rotated PAT (unmodified Azure SDK clients). */
import { randomUUID } from "crypto";
import { ClientSecretCredential } from "@azure/identity";
import type { Emulator } from "../emulator/client";
import { keyVaultStore } from "../../src/key-vault/key-vault-store";
import type { SecretStore } from "../../src/rotation";

export async function keyVaultBenchStore(
  emulator: Emulator,
): Promise<{ store(secretName: string, oldToken: string): Promise<SecretStore> }> {
  const clientId = randomUUID();
  const clientSecret = randomUUID();
  await emulator.registerApp({ clientId, clientSecret });
  const { vaultUrl } = await emulator.addKeyVault("bench-kv");
  await emulator.grantKeyVault({ vaultUrl, principal: { clientId }, role: "Key Vault Secrets Officer" });
  const credential = new ClientSecretCredential(emulator.tenantId, clientId, clientSecret, {
    authorityHost: emulator.authorityHost,
    disableInstanceDiscovery: true,
  });
  return {
    async store(secretName, oldToken) {
      await emulator.putKeyVaultSecret({ vaultUrl, name: secretName, value: oldToken });
      return keyVaultStore({ vaultUrl, secretName, credential, identity: `the bench's app ${clientId}`, emulator: true });
    },
  };
}
