/** Control operations for the emulated Key Vaults: create one (its own listener), grant access, read a secret's versions. */
import type { EmulatorContext } from "../context";
import type { EmulatorState } from "../state";
import { oidcIssuer } from "../routes/oidc-token";
import { SECRET_ROLES, newSecretVersion, newVault, type SecretPermission, type SecretVersion, type StoredVault } from "./vaults";

/** Who is granted: an app registration's service principal, or the emulator's one managed identity. */
type VaultPrincipal = { clientId: string } | { managedIdentity: true };

export interface VaultGrant {
  vaultUrl: string;
  principal: VaultPrincipal;
  /** A built-in role (RBAC vaults), e.g. "Key Vault Secrets Officer". */
  role?: string;
  /** Secret permissions of an access policy (access-policy vaults). */
  permissions?: SecretPermission[];
}

export async function addKeyVault(
  ctx: EmulatorContext,
  name: string,
  permissionModel: StoredVault["permissionModel"] = "rbac",
): Promise<{ vaultUrl: string }> {
  const origin = await ctx.listen("keyvault");
  ctx.state.keyVaults.set(origin, newVault(name, `${origin}/`, permissionModel));
  return { vaultUrl: `${origin}/` };
}

export function grantKeyVault(state: EmulatorState, g: VaultGrant): void {
  const vault = requireVault(state, g.vaultUrl);
  const oid =
    "managedIdentity" in g.principal ? state.managedIdentity.principalId : state.apps.get(g.principal.clientId)?.servicePrincipalId;
  if (!oid) throw new Error(`no app registration ${JSON.stringify(g.principal)}`);
  const byRole = g.role ? SECRET_ROLES[g.role] : undefined;
  if (g.role && !byRole) throw new Error(`unknown role ${g.role}; known: ${Object.keys(SECRET_ROLES).join(", ")}`);
  if (g.role && vault.permissionModel !== "rbac") throw new Error(`${vault.name} uses access policies: grant permissions, not a role`);
  if (g.permissions && vault.permissionModel !== "accessPolicy") throw new Error(`${vault.name} uses Azure RBAC: grant a role`);
  vault.grants.set(oid, new Set([...(vault.grants.get(oid) ?? []), ...(byRole ?? g.permissions ?? [])]));
}

/** A version written as someone else would (a secret the consumers read before this task ran). */
export function putKeyVaultSecret(
  state: EmulatorState,
  o: { vaultUrl: string; name: string; value: string; tags?: Record<string, string> },
): void {
  const vault = requireVault(state, o.vaultUrl);
  const now = Math.floor(state.clock.nowMs() / 1000);
  const entry = vault.secrets.get(o.name.toLowerCase()) ?? { name: o.name, versions: [] };
  entry.versions.push({ version: newSecretVersion(), value: o.value, tags: o.tags, enabled: true, created: now, updated: now });
  vault.secrets.set(o.name.toLowerCase(), entry);
}

/** Every version of a secret, oldest first, values included (what a test checks the vault holds). */
export function keyVaultSecret(state: EmulatorState, vaultUrl: string, name: string): SecretVersion[] {
  return requireVault(state, vaultUrl).secrets.get(name.toLowerCase())?.versions ?? [];
}

/** The issuer of the organization's pipeline OIDC tokens, for a federated credential on an app. */
export function pipelineOidcIssuer(state: EmulatorState, org: string): string {
  return oidcIssuer(state.requireOrganization(org).id);
}

function requireVault(state: EmulatorState, vaultUrl: string): StoredVault {
  const vault = state.keyVaults.get(new URL(vaultUrl).origin);
  if (!vault) throw new Error(`no key vault at ${vaultUrl}`);
  return vault;
}
