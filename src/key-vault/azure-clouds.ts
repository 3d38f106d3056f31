/** The Azure clouds an Azure Resource Manager connection names: their Key Vault DNS suffix and Microsoft Entra host. */
export interface AzureCloud {
  /** The connection's `environment` data value. */
  name: string;
  /** Vaults are `https://<vault>.<keyVaultSuffix>`. */
  keyVaultSuffix: string;
  /** Where Microsoft Entra ID signs in for this cloud. */
  authorityHost: string;
}

// learn.microsoft.com/azure/key-vault/general/about-keys-secrets-certificates ("DNS suffixes for object identifiers")
// and learn.microsoft.com/entra/identity-platform/authentication-national-cloud. Azure Germany (vault.microsoftazure.de)
// closed in October 2021, so it is not listed.
export const AZURE_CLOUDS: readonly AzureCloud[] = [
  { name: "AzureCloud", keyVaultSuffix: "vault.azure.net", authorityHost: "https://login.microsoftonline.com" },
  { name: "AzureChinaCloud", keyVaultSuffix: "vault.azure.cn", authorityHost: "https://login.chinacloudapi.cn" },
  { name: "AzureUSGovernment", keyVaultSuffix: "vault.usgovcloudapi.net", authorityHost: "https://login.microsoftonline.us" },
];

/** The cloud of a connection's `environment` (AzureCloud when empty); undefined for one this task does not know (Azure Stack). */
export function azureCloud(environment: string | undefined): AzureCloud | undefined {
  const name = (environment ?? "").trim() || "AzureCloud";
  return AZURE_CLOUDS.find((c) => c.name.toLowerCase() === name.toLowerCase());
}
