/** Everything the emulated services know: organizations, users, PATs, apps, grants, policies. */
import { randomBytes, randomUUID } from "crypto";
import { EmulatorClock } from "./clock";
import { GithubWorld } from "./github/github-state";
import { sqlDateTime } from "./wire-dates";
import type { StoredVault } from "./key-vault/vaults";
import type { AppRegistration, EntraSettings, FidelitySettings, NewPat, NewUser, PolicySettings } from "./wire-types";
import { DEFAULT_PUBLIC_CLIENT_ID, RECOMMENDED_PERMISSIONS } from "./wire-types";

/** The first of `items` whose `nameOf` is `name` but for case: the services match organization and sign-in names so. */
function findIgnoringCase<T>(items: Iterable<T>, name: string, nameOf: (item: T) => string): T | undefined {
  const lower = name.toLowerCase();
  for (const item of items) if (nameOf(item).toLowerCase() === lower) return item;
  return undefined;
}

export interface Organization {
  id: string;
  name: string;
}

export interface User {
  id: string;
  oid: string;
  descriptor: string;
  principalName: string;
  displayName: string;
  password?: string;
  mfaRequired: boolean;
  /** Organization ids. */
  organizations: string[];
  tokenAdminOf: string[];
}

export interface Pat {
  authorizationId: string;
  userId: string;
  displayName: string;
  scope: string;
  validFromMs: number;
  validFrom: string;
  validToMs: number;
  validTo: string;
  /** Organization ids; null = global. */
  targetAccounts: string[] | null;
  token: string;
  revoked: boolean;
}

export interface App extends Required<Omit<AppRegistration, "clientSecret" | "certificatePem">> {
  clientSecret?: string;
  certificatePem?: string;
  /** Object id of the app's service principal: the `oid` of its app-only tokens. */
  servicePrincipalId: string;
}

export interface RefreshTokenGrant {
  userId: string;
  clientId: string;
  issuedAtMs: number;
  scopes: string[];
}

export interface AuthorizationCode {
  userId: string;
  clientId: string;
  redirectUri: string;
  codeChallenge?: string;
  codeChallengeMethod?: string;
  scopes: string[];
  nonce?: string;
  redeemed: boolean;
  expiresAtMs: number;
}

export interface DeviceCodeGrant {
  deviceCode: string;
  userCode: string;
  clientId: string;
  scopes: string[];
  expiresAtMs: number;
  approvedBy?: string;
  /** The person chose "No, cancel" on the device code page. */
  declined?: boolean;
  /** Polls still to be answered `slow_down`. */
  slowDownsLeft: number;
}

export interface StoredVariable {
  value: string;
  isSecret: boolean;
  isReadOnly?: boolean;
}

export interface StoredVariableGroup {
  id: number;
  orgId: string;
  projects: string[];
  name: string;
  description: string;
  variables: Record<string, StoredVariable>;
  /** Linked to this Key Vault (type AzureKeyVault). */
  keyVault?: string;
  createdOnMs: number;
  modifiedOnMs: number;
}

/**
 * A System.AccessToken stand-in: a build service identity. With a project (job authorization scope
 * "current project", the default for new projects) it is "<Project> Build Service (<org>)" and sees
 * only that project; without one it is "Project Collection Build Service (<org>)" (scope: organization).
 */
export interface JobIdentity {
  id: string;
  orgId: string;
  displayName: string;
  /** Holds the Administrator role on the variable groups it can see (else Reader). */
  variableGroupAdmin: boolean;
  /** The only project it may reach; undefined for the organization-wide identity. */
  project?: string;
  /** Holds the Administrator role on the service connections it can see (else User). */
  serviceEndpointAdmin: boolean;
}

/** A service connection (serviceendpoint API); confidential parameters are never sent back. */
export interface StoredServiceEndpoint {
  id: string;
  orgId: string;
  /** The projects it is shared with, the first one its own. */
  projects: string[];
  name: string;
  type: string;
  url: string;
  description: string;
  scheme: string;
  parameters: Record<string, string>;
  data: Record<string, string>;
  modifiedOnMs: number;
}

/** Variable-group fidelity switches (test/emulator/README.md gives each one's source). */
export interface VariableGroupRules {
  /** A PUT without variableGroupProjectReferences is refused (MicrosoftDocs/vsts-rest-api-specs#531). Default true. */
  requireProjectReferences: boolean;
  /** Accept a PUT on the project-level URL, which Learn does not document for 7.1. Default false. */
  acceptProjectLevelPut: boolean;
}

/** What a refresh token made by the control API (or the playground) was granted for. */
const DEFAULT_REFRESH_TOKEN_SCOPES = ["499b84ac-1321-427f-aa17-267ca6975798/.default", "openid", "profile", "offline_access"];

/** The documented or reported behaviour of the real service (see README's table). */
const DEFAULT_FIDELITY: Required<FidelitySettings> = {
  userImpersonationOpensPats: false,
  patCreateNeedsReadScope: true,
  expiredPatUpdates: "refuse",
  extendLimit: "oneYearFromNow",
  corsOnErrors: false,
  locationDiscovery: true,
};

export interface StoredWorkItem {
  id: number;
  orgId: string;
  rev: number;
  /** Field reference name -> value; System.AssignedTo holds the user's id. */
  fields: Record<string, unknown>;
  history: string[];
}

export interface StoredAuditEvent {
  id: string;
  orgId: string;
  actionId: string;
  timestampMs: number;
  actorUPN: string;
  actorDisplayName: string;
  data: Record<string, unknown>;
  details: string;
}

export interface RecordedWebhookPost {
  kind: "teams" | "slack";
  path: string;
  contentType: string;
  /** Whether the request carried an Authorization header (it must not). */
  authorization: boolean;
  body: unknown;
}

export class EmulatorState {
  readonly clock: EmulatorClock;
  /** GitHub (api.github.com) on its own listener: repositories, Actions secrets and variables, tokens. */
  readonly github: GithubWorld;
  readonly tenantId = randomUUID();
  refreshTokenLifetimeDays: number;
  readonly organizations = new Map<string, Organization>();
  readonly users = new Map<string, User>();
  readonly pats = new Map<string, Pat>();
  readonly apps = new Map<string, App>();
  readonly refreshTokens = new Map<string, RefreshTokenGrant>();
  readonly authorizationCodes = new Map<string, AuthorizationCode>();
  readonly deviceCodes = new Map<string, DeviceCodeGrant>();
  readonly variableGroups = new Map<number, StoredVariableGroup>();
  /** Work items by id (ids are organization-wide in the service; one counter serves every organization here). */
  readonly workItems = new Map<number, StoredWorkItem>();
  nextWorkItemId = 1;
  /** Audit log entries, in the order they were added. */
  readonly auditEvents: StoredAuditEvent[] = [];
  /** audit continuation token -> the listing it continues. */
  readonly auditCursors = new Map<string, { key: string; offset: number }>();
  /** Entries per audit page at most, whatever batchSize asks (the service may answer fewer). */
  auditPageSize = 50;
  /** Every POST to the webhook recorder, in order. */
  readonly webhookPosts: RecordedWebhookPost[] = [];
  readonly jobIdentities = new Map<string, JobIdentity>();
  readonly serviceEndpoints = new Map<string, StoredServiceEndpoint>();
  /** Key Vaults by origin (`https://127.0.0.1:<port>`): each vault is a listener of its own, as each has its own host. */
  readonly keyVaults = new Map<string, StoredVault>();
  /** The one managed identity of the agent's machine (the emulator plays its token endpoint). */
  readonly managedIdentity = { principalId: randomUUID(), clientId: randomUUID(), header: randomBytes(16).toString("hex") };
  /** tokenadmin continuation GUID -> next offset for a (org, descriptor) listing. */
  readonly tokenAdminCursors = new Map<string, { key: string; offset: number }>();
  policy: Required<PolicySettings> = { maxLifespanDays: null, blockFullScope: false, blockGlobal: false, clampLifespan: false };
  entra: Required<EntraSettings> = {
    conditionalAccessBlockDeviceCode: false,
    blockAll: null,
    deviceCodeSlowDowns: 0,
    deviceCodeDeclineError: "authorization_declined",
  };
  fidelity: Required<FidelitySettings> = { ...DEFAULT_FIDELITY };
  graphPageSize = 100;
  variableGroupRules: VariableGroupRules = { requireProjectReferences: true, acceptProjectLevelPut: false };
  private nextVariableGroupId = 1;
  private readonly projectIds = new Map<string, string>();

  constructor(o: { now?: string; refreshTokenLifetimeDays?: number }) {
    this.clock = new EmulatorClock(o.now);
    this.github = new GithubWorld(this.clock);
    this.refreshTokenLifetimeDays = o.refreshTokenLifetimeDays ?? 90;
    this.registerApp({
      clientId: DEFAULT_PUBLIC_CLIENT_ID,
      publicClientFlows: true,
      consented: true,
      redirectUris: ["http://localhost"],
      displayName: "PAT Lifecycle test client",
    });
  }

  addOrganization(name: string): Organization {
    if (!/^[A-Za-z0-9][A-Za-z0-9-]{0,48}[A-Za-z0-9]?$/.test(name)) throw new Error(`invalid organization name: ${name}`);
    const existing = this.findOrganization(name);
    if (existing) return existing;
    const org = { id: randomUUID(), name };
    this.organizations.set(org.id, org);
    return org;
  }

  findOrganization(name: string): Organization | undefined {
    return findIgnoringCase(this.organizations.values(), name, (org) => org.name);
  }

  requireOrganization(name: string): Organization {
    const org = this.findOrganization(name);
    if (!org) throw new Error(`unknown organization: ${name}`);
    return org;
  }

  addUser(u: NewUser): User {
    if (this.findUserByPrincipalName(u.principalName)) throw new Error(`user exists: ${u.principalName}`);
    const oid = randomUUID();
    const user: User = {
      id: randomUUID(),
      oid,
      descriptor: `aad.${Buffer.from(randomUUID()).toString("base64").replace(/=+$/, "")}`,
      principalName: u.principalName,
      displayName: u.displayName,
      password: u.password,
      mfaRequired: u.mfaRequired ?? false,
      organizations: (u.organizations ?? []).map((n) => this.requireOrganization(n).id),
      tokenAdminOf: (u.tokenAdminOf ?? []).map((n) => this.requireOrganization(n).id),
    };
    this.users.set(user.id, user);
    return user;
  }

  findUserByPrincipalName(name: string): User | undefined {
    return findIgnoringCase(this.users.values(), name, (user) => user.principalName);
  }

  findUserByOid(oid: string): User | undefined {
    for (const user of this.users.values()) if (user.oid === oid) return user;
    return undefined;
  }

  findUserByDescriptor(descriptor: string): User | undefined {
    for (const user of this.users.values()) if (user.descriptor === descriptor) return user;
    return undefined;
  }

  requireUser(id: string): User {
    const user = this.users.get(id);
    if (!user) throw new Error(`unknown user id: ${id}`);
    return user;
  }

  /** Stores a PAT directly (seeding and tests); the API path goes through pat-rules. */
  addPat(userId: string, p: NewPat): Pat {
    const user = this.requireUser(userId);
    const validFromMs = p.validFrom ? Date.parse(p.validFrom) : this.clock.nowMs();
    const validToMs = Date.parse(p.validTo);
    if (Number.isNaN(validFromMs) || Number.isNaN(validToMs)) throw new Error("addPat: validFrom/validTo must be ISO dates");
    let targets: string[] | null;
    if (p.organizations === "global") targets = null;
    else if (p.organizations) targets = p.organizations.map((n) => this.requireOrganization(n).id);
    else if (user.organizations.length) targets = [user.organizations[0]];
    else throw new Error("addPat: the user belongs to no organization; pass organizations");
    return this.storePat({
      userId,
      displayName: p.displayName,
      scope: p.scope ?? "app_token",
      validFromMs,
      validToMs,
      targetAccounts: targets,
      revoked: p.revoked ?? false,
    });
  }

  storePat(p: {
    userId: string;
    displayName: string;
    scope: string;
    validFromMs: number;
    validToMs: number;
    targetAccounts: string[] | null;
    revoked: boolean;
  }): Pat {
    const from = sqlDateTime(p.validFromMs);
    const to = sqlDateTime(p.validToMs);
    const pat: Pat = {
      authorizationId: randomUUID(),
      userId: p.userId,
      displayName: p.displayName,
      scope: p.scope,
      validFromMs: from.ms,
      validFrom: from.wire,
      validToMs: to.ms,
      validTo: to.wire,
      targetAccounts: p.targetAccounts,
      token: newPatSecret(),
      revoked: p.revoked,
    };
    this.pats.set(pat.authorizationId, pat);
    return pat;
  }

  setPatValidTo(pat: Pat, ms: number): void {
    const to = sqlDateTime(ms);
    pat.validToMs = to.ms;
    pat.validTo = to.wire;
  }

  findPatBySecret(secret: string): Pat | undefined {
    for (const pat of this.pats.values()) if (pat.token === secret) return pat;
    return undefined;
  }

  registerApp(a: AppRegistration): App {
    const app: App = {
      clientId: a.clientId,
      clientSecret: a.clientSecret,
      certificatePem: a.certificatePem,
      federatedCredentials: a.federatedCredentials ?? [],
      publicClientFlows: a.publicClientFlows ?? !a.clientSecret,
      consented: a.consented ?? true,
      redirectUris: a.redirectUris ?? ["http://localhost"],
      displayName: a.displayName ?? a.clientId,
      azureDevOpsPermissions: a.azureDevOpsPermissions ?? RECOMMENDED_PERMISSIONS,
      servicePrincipalId: this.apps.get(a.clientId)?.servicePrincipalId ?? randomUUID(),
    };
    this.apps.set(app.clientId, app);
    return app;
  }

  issueRefreshToken(
    userId: string,
    clientId: string,
    scopes: string[] = DEFAULT_REFRESH_TOKEN_SCOPES,
    issuedAtMs = this.clock.nowMs(),
  ): string {
    this.requireUser(userId);
    // Real refresh tokens are long opaque strings; the prefix only helps a human reading logs.
    const token = `1.emu.${randomBytes(48).toString("base64url")}`;
    this.refreshTokens.set(token, { userId, clientId, issuedAtMs, scopes });
    return token;
  }

  addVariableGroup(
    orgId: string,
    project: string,
    name: string,
    variables: Record<string, StoredVariable>,
    keyVault?: string,
  ): StoredVariableGroup {
    const now = this.clock.nowMs();
    const group: StoredVariableGroup = {
      id: this.nextVariableGroupId++,
      orgId,
      projects: [project],
      name,
      description: "",
      variables,
      ...(keyVault ? { keyVault } : {}),
      createdOnMs: now,
      modifiedOnMs: now,
    };
    this.variableGroups.set(group.id, group);
    return group;
  }

  /** Projects exist as names; this gives each a stable id. */
  projectId(orgId: string, project: string): string {
    const key = `${orgId}/${project.toLowerCase()}`;
    let id = this.projectIds.get(key);
    if (!id) {
      id = randomUUID();
      this.projectIds.set(key, id);
    }
    return id;
  }

  issueJobIdentity(orgId: string, roles: { variableGroupAdmin: boolean; serviceEndpointAdmin?: boolean }, project?: string): JobIdentity {
    const org = [...this.organizations.values()].find((o) => o.id === orgId);
    const identity: JobIdentity = {
      id: randomUUID(),
      orgId,
      variableGroupAdmin: roles.variableGroupAdmin,
      serviceEndpointAdmin: roles.serviceEndpointAdmin === true,
      ...(project ? { project } : {}),
      displayName: `${project ?? "Project Collection"} Build Service (${org?.name ?? orgId})`,
    };
    this.jobIdentities.set(identity.id, identity);
    return identity;
  }
}

/** 52 characters of lowercase base32, like the PATs in the official examples. */
function newPatSecret(): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz234567";
  const bytes = randomBytes(52);
  let out = "";
  for (const b of bytes) out += alphabet[b & 31];
  return out;
}
