/** The `keyVaultName` input as a vault URL: a vault name, or a URL on a Key Vault host (loopback only for the emulator). */
import { InputError, parseUrlInput } from "../api/input-error";
import { isLoopbackHost } from "../api/endpoints";
import { AZURE_CLOUDS, type AzureCloud } from "./azure-clouds";

// learn.microsoft.com/azure/key-vault/general/about-keys-secrets-certificates: 3-24 characters, letters, digits and
// dashes, starting with a letter, ending with a letter or digit, no two dashes in a row.
const VAULT_NAME = /^[a-z](?!.*--)[a-z0-9-]{1,22}[a-z0-9]$/i;

/**
 * `https://<name>.<suffix of the connection's cloud>` for a name; a URL must be `https://<name>.<a Key Vault
 * suffix>/` (any cloud), or, in emulator mode only, a loopback URL. Anything else is refused naming the input.
 */
export function vaultUrl(input: string, cloud: AzureCloud, o: { emulator: boolean }): string {
  const given = input.trim();
  const problem = (why: string) =>
    `The input 'keyVaultName' ('${given}') ${why}. Give the vault's name (for example contoso-pipelines) or its Vault URI ` +
    `from the vault's Overview page in the Azure portal (for example https://contoso-pipelines.${cloud.keyVaultSuffix}/).`;
  const fail = (why: string): never => {
    throw new InputError("keyVaultName", problem(why));
  };
  if (!given.includes("/") && !given.includes(":")) {
    return VAULT_NAME.test(given) ? `https://${given.toLowerCase()}.${cloud.keyVaultSuffix}/` : fail("is not a valid vault name");
  }
  const url = parseUrlInput("keyVaultName", given, problem("is neither a vault name nor a URL"));
  const host = url.hostname.toLowerCase();
  if (isLoopbackHost(host)) {
    if (!o.emulator) return fail("points at this machine, which only the emulator of the tests may do");
    return `${url.origin}/`;
  }
  if (url.protocol !== "https:") return fail("must be an https:// URL");
  const suffix = AZURE_CLOUDS.map((c) => c.keyVaultSuffix).find((s) => host.endsWith(`.${s}`));
  if (!suffix) return fail(`is not a Key Vault URL: its host must end in ${AZURE_CLOUDS.map((c) => `.${c.keyVaultSuffix}`).join(", ")}`);
  const name = host.slice(0, -suffix.length - 1);
  if (!VAULT_NAME.test(name)) return fail("does not start with a valid vault name");
  if (url.pathname.replace(/\/+$/, "") !== "" || url.search) return fail("has a path; give only the vault's URI, without /secrets/...");
  return `https://${host}/`;
}
