/**
 * The Key Vault secrets data plane (learn.microsoft.com/rest/api/keyvault/secrets): set (a new version every time),
 * get the current or a given version, list versions. Bearer challenge first, then the token's audience and tenant,
 * then the caller's permission by the vault's model (Azure RBAC roles or access policies). Never deletes.
 */
import type { EmulatorContext, Route } from "../context";
import type { Exchange } from "../exchange";
import { VAULT_RESOURCE, sendChallenge, sendKeyVaultError } from "../key-vault/key-vault-errors";
import { newSecretVersion, type SecretPermission, type SecretVersion, type StoredVault } from "../key-vault/vaults";

const NAME = "([0-9a-zA-Z-]{1,127})";
/** Data-plane versions the SDKs send: 7.x and the date-based ones since 2025. */
const API_VERSION = /^(7\.[0-6](-preview)?|20\d\d-\d\d-\d\d(-preview)?)$/;

export const keyVaultRoutes: Route[] = [
  {
    service: "keyvault",
    method: "PUT",
    pattern: new RegExp(`^/secrets/${NAME}/?$`),
    handle: (ex, m, ctx) => guarded(ex, ctx, "set", (v) => setSecret(ex, ctx, v, m[1])),
  },
  {
    service: "keyvault",
    method: "GET",
    pattern: new RegExp(`^/secrets/${NAME}/versions/?$`),
    handle: (ex, m, ctx) => guarded(ex, ctx, "list", (v) => listVersions(ex, v, m[1])),
  },
  {
    service: "keyvault",
    method: "GET",
    pattern: new RegExp(`^/secrets/${NAME}(?:/([0-9a-f]{32}))?/?$`),
    handle: (ex, m, ctx) => guarded(ex, ctx, "get", (v) => getSecret(ex, v, m[1], m[2])),
  },
];

/** Challenge, token, api-version and permission checks in the order the service applies them. */
async function guarded(
  ex: Exchange,
  ctx: EmulatorContext,
  needs: SecretPermission,
  next: (vault: StoredVault) => void | Promise<void>,
): Promise<void> {
  const vault = ctx.state.keyVaults.get(ex.origin);
  if (!vault) return ex.destroy(); // a listener without a vault: as if nothing answered
  const tenantId = ctx.state.tenantId;
  const bearer = /^Bearer\s+(.+)$/i.exec(ex.header("authorization") ?? "")?.[1];
  if (!bearer) return sendChallenge(ex, tenantId);
  const claims = ctx.minter.verify(bearer);
  if (!claims)
    return sendChallenge(ex, tenantId, {
      code: "Unauthorized",
      message: "AKV10022: Invalid token: the signature or lifetime is not valid.",
    });
  if (String(claims.aud).replace(/\/$/, "") !== VAULT_RESOURCE) {
    return sendChallenge(ex, tenantId, {
      code: "Unauthorized",
      message: `AKV10022: Invalid audience. Expected ${VAULT_RESOURCE}, found: ${String(claims.aud)}.`,
    });
  }
  if (claims.tid !== tenantId) {
    return sendChallenge(ex, tenantId, {
      code: "Unauthorized",
      message: `AKV10032: Invalid issuer. Expected one of https://sts.windows.net/${tenantId}/, found ${String(claims.iss)}.`,
    });
  }
  const apiVersion = ex.query("api-version") ?? "";
  if (!API_VERSION.test(apiVersion)) {
    return sendKeyVaultError(
      ex,
      400,
      "BadParameter",
      `The specified version (${apiVersion || "none"}) is not recognized. Consider using the latest supported version.`,
    );
  }
  const oid = String(claims.oid ?? "");
  if (!vault.grants.get(oid)?.has(needs)) return forbidden(ex, vault, needs, claims);
  await next(vault);
}

/**
 * The two 403 bodies people meet: Azure RBAC (innererror ForbiddenByRbac, learn.microsoft.com/azure/key-vault/general/rbac-guide
 * troubleshooting) and access policies (innererror AccessDenied, as quoted in MicrosoftDocs/azure-docs#57072 and
 * Azure/azure-libraries-for-net#1067).
 */
function forbidden(ex: Exchange, vault: StoredVault, needs: SecretPermission, claims: Record<string, unknown>): void {
  const caller = `appid=${String(claims.appid ?? "")};oid=${String(claims.oid ?? "")};iss=${String(claims.iss ?? "")}`;
  if (vault.permissionModel === "rbac") {
    const action = { get: "getSecret", list: "readMetadata", set: "setSecret" }[needs];
    return sendKeyVaultError(
      ex,
      403,
      "Forbidden",
      "Caller is not authorized to perform action on resource.\r\nIf role assignments, deny assignments or role definitions were changed recently, please observe propagation time.\r\n" +
        `Caller: ${caller}\r\nAction: 'Microsoft.KeyVault/vaults/secrets/${action}/action'\r\nResource: '/subscriptions/00000000-0000-0000-0000-000000000000/resourcegroups/emulator/providers/microsoft.keyvault/vaults/${vault.name}/secrets/...'\r\n` +
        `Assignment: (not found)\r\nDenyAssignmentId: null\r\nDecisionReason: null \r\nVault: ${vault.name};location=westeurope\r\n`,
      "ForbiddenByRbac",
    );
  }
  sendKeyVaultError(
    ex,
    403,
    "Forbidden",
    `The user, group or application '${caller}' does not have secrets ${needs} permission on key vault '${vault.name};location=westeurope'. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125287`,
    "AccessDenied",
  );
}

async function setSecret(ex: Exchange, ctx: EmulatorContext, vault: StoredVault, name: string): Promise<void> {
  let body: { value?: unknown; contentType?: unknown; tags?: unknown; attributes?: { enabled?: boolean; exp?: number; nbf?: number } };
  try {
    body = JSON.parse(await ex.bodyText()) as typeof body;
  } catch {
    return sendKeyVaultError(ex, 400, "BadParameter", "The request body is not valid JSON.");
  }
  if (typeof body.value !== "string") return sendKeyVaultError(ex, 400, "BadParameter", "Property value is required.");
  const tags = (body.tags ?? undefined) as Record<string, string> | undefined;
  // Tags: at most 15, names up to 512 and values up to 256 characters (learn.microsoft.com/azure/key-vault/general/about-keys-secrets-certificates).
  if (tags && (Object.keys(tags).length > 15 || Object.entries(tags).some(([k, v]) => k.length > 512 || String(v).length > 256))) {
    return sendKeyVaultError(ex, 400, "BadParameter", "Tags are limited to 15, with names up to 512 and values up to 256 characters.");
  }
  const now = Math.floor(ctx.state.clock.nowMs() / 1000);
  const version: SecretVersion = {
    version: newSecretVersion(),
    value: body.value,
    contentType: typeof body.contentType === "string" ? body.contentType : undefined,
    tags,
    enabled: body.attributes?.enabled !== false,
    exp: body.attributes?.exp,
    nbf: body.attributes?.nbf,
    created: now,
    updated: now,
  };
  const entry = vault.secrets.get(name.toLowerCase()) ?? { name, versions: [] };
  entry.versions.push(version);
  vault.secrets.set(name.toLowerCase(), entry);
  ex.json(200, bundle(vault, entry.name, version, true));
}

function getSecret(ex: Exchange, vault: StoredVault, name: string, version: string | undefined): void {
  const entry = vault.secrets.get(name.toLowerCase());
  const found = version ? entry?.versions.find((v) => v.version === version) : entry?.versions.at(-1);
  if (!entry || !found) {
    return sendKeyVaultError(
      ex,
      404,
      "SecretNotFound",
      `A secret with (name/id) ${name}${version ? `/${version}` : ""} was not found in this key vault. If you recently deleted this secret you may be able to recover it using the correct recovery command. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125182`,
    );
  }
  if (!found.enabled)
    return sendKeyVaultError(ex, 403, "Forbidden", "Operation get is not allowed on a disabled secret.", "SecretDisabled");
  ex.json(200, bundle(vault, entry.name, found, true));
}

function listVersions(ex: Exchange, vault: StoredVault, name: string): void {
  const entry = vault.secrets.get(name.toLowerCase());
  ex.json(200, { value: (entry?.versions ?? []).map((v) => bundle(vault, entry?.name ?? name, v, false)), nextLink: null });
}

/** A SecretBundle (or, without the value, a SecretItem) as the service writes it. */
function bundle(vault: StoredVault, name: string, v: SecretVersion, withValue: boolean): Record<string, unknown> {
  const id = `${vault.url}secrets/${name}/${v.version}`;
  return {
    ...(withValue ? { value: v.value, id } : { id }),
    ...(v.contentType !== undefined ? { contentType: v.contentType } : {}),
    attributes: {
      enabled: v.enabled,
      ...(v.nbf !== undefined ? { nbf: v.nbf } : {}),
      ...(v.exp !== undefined ? { exp: v.exp } : {}),
      created: v.created,
      updated: v.updated,
      recoveryLevel: "Recoverable+Purgeable",
      recoverableDays: 90,
    },
    ...(v.tags ? { tags: v.tags } : {}),
  };
}
