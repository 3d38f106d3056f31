/** The Azure Key Vault store for RotatePat: the Azure SDK clients with the connection's credential and the agent's settings, and its dry-run line. */
import { armCredential, armIdentity } from "../../src/key-vault/azure-credential";
import { keyVaultStore as vaultSecretStore } from "../../src/key-vault/key-vault-store";
import { azureClientOptions } from "../../src/pipeline/azure-client-options";
import { maskSecret } from "../../src/pipeline/secrets";
import type { SecretStore } from "../../src/rotation";
import type { KeyVaultInputs } from "./read-key-vault";
import { loc } from "./loc";

export function keyVaultStore(k: KeyVaultInputs, storeDetails: Map<string, string>): SecretStore {
  const identity = armIdentity(k.connection);
  const store = vaultSecretStore({
    ...k,
    credential: armCredential(k.connection, azureClientOptions(k.connection.authorityHost)),
    identity,
    emulator: k.connection.emulator,
    clientOptions: azureClientOptions(k.vaultUrl),
    onSecretRead: maskSecret,
  });
  storeDetails.set(store.name, loc("PlanStoreKeyVault", k.connection.signIn.scheme, identity));
  return store;
}
