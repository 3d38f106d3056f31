/**
 * GitHub as the emulator plays it: repositories with environments, each holding a libsodium key pair
 * (so sealed secrets can be opened and tests see the stored value), Actions secrets and variables, and
 * the tokens that may reach them. Call `await sodium.ready` (runEmulator does) before creating keys.
 */
import { randomInt } from "crypto";
import sodium from "libsodium-wrappers";
import type { EmulatorClock } from "../clock";
import type { GithubPermissionLevel, GithubPermissions, NewGithubRepository, NewGithubToken } from "./github-wire";

interface KeyPair {
  keyId: string;
  publicKey: Uint8Array;
  privateKey: Uint8Array;
}

export interface StoredGithubItem {
  /** As created; looked up case-insensitively (GitHub's secret and variable names are not case-sensitive). */
  name: string;
  /** A secret's value as the emulator opened it; a variable's value. */
  value: string;
  createdAt: string;
  updatedAt: string;
}

/** A repository, or one of its environments: what holds a key, secrets and variables. */
export interface GithubScope {
  name: string;
  key: KeyPair;
  secrets: Map<string, StoredGithubItem>;
  variables: Map<string, StoredGithubItem>;
}

export interface GithubRepository extends GithubScope {
  id: number;
  owner: string;
  private: boolean;
  environments: Map<string, GithubScope>;
}

export interface GithubToken {
  kind: NewGithubToken["kind"];
  /** Classic and OAuth tokens: scopes such as "repo". */
  scopes: string[];
  /** Fine-grained and GitHub App tokens: repository permissions. */
  permissions: GithubPermissions;
  /** owner/name (lower case) the token reaches; undefined: every repository. */
  repositories?: string[];
  revoked: boolean;
}

export class GithubWorld {
  readonly repositories = new Map<string, GithubRepository>();
  readonly tokens = new Map<string, GithubToken>();
  /** Requests counted this hour; `exhausted` plays a used-up primary rate limit until resetAtMs. */
  rateLimit = { used: 0, exhausted: false, resetAtMs: 0 };
  private nextRepositoryId = 100;

  constructor(readonly clock: EmulatorClock) {
    this.rateLimit.resetAtMs = clock.nowMs() + 3600_000;
  }

  /** Uses the primary rate limit up for `seconds` (null: restores it). */
  exhaustRateLimit(seconds: number | null): void {
    this.rateLimit =
      seconds === null
        ? { used: 0, exhausted: false, resetAtMs: this.clock.nowMs() + 3600_000 }
        : { used: 5000, exhausted: true, resetAtMs: this.clock.nowMs() + seconds * 1000 };
  }

  /** Counts a request against the hourly limit; false when the limit is used up. */
  countRequest(): boolean {
    if (this.clock.nowMs() >= this.rateLimit.resetAtMs) this.exhaustRateLimit(null);
    if (this.rateLimit.exhausted) return false;
    this.rateLimit.used++;
    return true;
  }

  addRepository(r: NewGithubRepository): { fullName: string } {
    const fullName = `${r.owner}/${r.name}`;
    const environments = new Map((r.environments ?? []).map((e) => [e.toLowerCase(), this.scope(e)]));
    this.repositories.set(fullName.toLowerCase(), {
      ...this.scope(r.name),
      id: this.nextRepositoryId++,
      owner: r.owner,
      private: r.private ?? true,
      environments,
    });
    return { fullName };
  }

  addToken(t: NewGithubToken): void {
    this.tokens.set(t.token, {
      kind: t.kind,
      scopes: t.scopes ?? [],
      permissions: t.permissions ?? {},
      repositories: t.repositories?.map((n) => n.toLowerCase()),
      revoked: false,
    });
  }

  revokeToken(token: string): void {
    const found = this.tokens.get(token);
    if (found) found.revoked = true;
  }

  repository(fullName: string): GithubRepository | undefined {
    return this.repositories.get(fullName.toLowerCase());
  }

  /** The repository or, with `environment`, that environment of it. */
  scopeOf(fullName: string, environment?: string): GithubScope | undefined {
    const repository = this.repository(fullName);
    return environment === undefined ? repository : repository?.environments.get(environment.toLowerCase());
  }

  /** Creates or replaces an item; GitHub's timestamps have whole seconds. */
  put(items: Map<string, StoredGithubItem>, name: string, value: string): "created" | "updated" {
    const now = this.timestamp();
    const existing = items.get(name.toUpperCase());
    items.set(name.toUpperCase(), {
      name: existing?.name ?? name.toUpperCase(),
      value,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    });
    return existing ? "updated" : "created";
  }

  /** Opens a sealed box made for the scope's public key; undefined when it was not. */
  open(scope: GithubScope, encryptedBase64: string): string | undefined {
    try {
      const sealed = sodium.from_base64(encryptedBase64, sodium.base64_variants.ORIGINAL);
      return sodium.to_string(sodium.crypto_box_seal_open(sealed, scope.key.publicKey, scope.key.privateKey));
    } catch {
      return undefined;
    }
  }

  timestamp(): string {
    return this.clock
      .now()
      .toISOString()
      .replace(/\.\d{3}Z$/, "Z");
  }

  private scope(name: string): GithubScope {
    const pair = sodium.crypto_box_keypair();
    // GitHub's key ids are long digit strings (docs example: "012345678912345678").
    const keyId = String(randomInt(10 ** 11, 10 ** 12)) + String(randomInt(10 ** 5, 10 ** 6));
    return { name, key: { keyId, publicKey: pair.publicKey, privateKey: pair.privateKey }, secrets: new Map(), variables: new Map() };
  }
}

/** The permission level a token has for `permission` (none, read, write). */
export function permissionLevel(token: GithubToken, permission: keyof GithubPermissions): GithubPermissionLevel | "none" {
  return token.permissions[permission] ?? "none";
}
