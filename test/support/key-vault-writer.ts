/** A Key Vault of the emulator and an app allowed to write it (Key Vault Secrets Officer), signed in in this process. */
import { randomUUID } from "crypto";
import { ClientSecretCredential, type TokenCredential } from "@azure/identity";
import type { Emulator } from "../emulator/client";

export interface KeyVaultWriter {
  vaultUrl: string;
  clientId: string;
  credential: TokenCredential;
}

/** The emulator must be trusted in this process (startSeededEmulator does it). */
export async function keyVaultWithWriter(emulator: Emulator, name: string): Promise<KeyVaultWriter> {
  const clientId = randomUUID();
  const clientSecret = randomUUID();
  await emulator.registerApp({ clientId, clientSecret });
  const { vaultUrl } = await emulator.addKeyVault(name);
  await emulator.grantKeyVault({ vaultUrl, principal: { clientId }, role: "Key Vault Secrets Officer" });
  const credential = new ClientSecretCredential(emulator.tenantId, clientId, clientSecret, {
    authorityHost: emulator.authorityHost,
    disableInstanceDiscovery: true,
  });
  return { vaultUrl, clientId, credential };
}
