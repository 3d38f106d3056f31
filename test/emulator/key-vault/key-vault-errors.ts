/** Key Vault's error answers: `{ error: { code, message, innererror? } }`, and the 401 challenge that starts every sign-in. */
import type { Exchange } from "../exchange";

/** The resource of the public cloud's vaults, as the challenge names it and tokens carry it in `aud`. */
export const VAULT_RESOURCE = "https://vault.azure.net";

export function sendKeyVaultError(ex: Exchange, status: number, code: string, message: string, inner?: string, headers = {}): void {
  ex.json(status, { error: { code, message, ...(inner ? { innererror: { code: inner } } : {}) } }, headers);
}

/**
 * 401 with the bearer challenge (learn.microsoft.com/azure/key-vault/general/authentication-requests-and-responses):
 * the authority names the vault's tenant on the real login host, whatever host the emulated Entra runs on, since
 * the SDK takes only the tenant from it.
 */
export function sendChallenge(ex: Exchange, tenantId: string, error?: { code: string; message: string }): void {
  const challenge = `Bearer authorization="https://login.microsoftonline.com/${tenantId}", resource="${VAULT_RESOURCE}"`;
  if (!error)
    return ex.json(
      401,
      { error: { code: "Unauthorized", message: "AKV10000: Request is missing a Bearer or PoP token." } },
      { "www-authenticate": challenge },
    );
  sendKeyVaultError(ex, 401, error.code, error.message, undefined, { "www-authenticate": challenge });
}
