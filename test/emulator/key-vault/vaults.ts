/** The emulated Key Vaults: each a loopback origin with its secrets (every version kept) and who may do what. */
import { randomBytes } from "crypto";

/** Secret operations a caller may be allowed (data-plane actions of the built-in roles and access-policy permissions). */
export type SecretPermission = "get" | "list" | "set";

/**
 * Built-in roles (learn.microsoft.com/azure/key-vault/general/rbac-guide, "Azure built-in roles for Key Vault data plane
 * operations"): Secrets Officer may do any action on secrets; Secrets User reads secret contents; Reader reads metadata only.
 */
export const SECRET_ROLES: Record<string, SecretPermission[]> = {
  "Key Vault Administrator": ["get", "list", "set"],
  "Key Vault Secrets Officer": ["get", "list", "set"],
  "Key Vault Secrets User": ["get", "list"],
  "Key Vault Reader": ["list"],
};

export interface SecretVersion {
  version: string;
  value: string;
  contentType?: string;
  tags?: Record<string, string>;
  enabled: boolean;
  /** Seconds since the epoch, as the wire carries them. */
  exp?: number;
  nbf?: number;
  created: number;
  updated: number;
}

export interface StoredVault {
  name: string;
  /** `https://127.0.0.1:<port>/`: the vault's URI. */
  url: string;
  /** "rbac" (enableRbacAuthorization, the default for new vaults since API 2026-02-01) or "accessPolicy". */
  permissionModel: "rbac" | "accessPolicy";
  /** By principal object id (the token's `oid`): what it may do. */
  grants: Map<string, Set<SecretPermission>>;
  /** By lower-cased name (Key Vault names are case-insensitive), oldest version first. */
  secrets: Map<string, { name: string; versions: SecretVersion[] }>;
}

export function newVault(name: string, url: string, permissionModel: StoredVault["permissionModel"]): StoredVault {
  return { name, url, permissionModel, grants: new Map(), secrets: new Map() };
}

/** 32 lower-case hex digits, like the version ids Key Vault gives. */
export function newSecretVersion(): string {
  return randomBytes(16).toString("hex");
}
