/** POST `/_emulator/<op>`: the test-side control API (state set-up, clock, faults, request log). */
import { randomUUID } from "crypto";
import type { EmulatorContext } from "../context";
import type { Exchange } from "../exchange";
import type { DeviceCodeGrant, EmulatorState, Pat, User } from "../state";
import type {
  AppRegistration,
  EmuPat,
  EmuUser,
  EmuVariableGroup,
  EntraSettings,
  FaultSpec,
  FidelitySettings,
  NewPat,
  NewServiceEndpoint,
  NewUser,
  NewVariableGroup,
  PolicySettings,
  RateLimitSpec,
} from "../wire-types";
import { addServiceEndpoint, storedServiceEndpoint } from "./service-endpoints";
import {
  addKeyVault,
  grantKeyVault,
  keyVaultSecret,
  pipelineOidcIssuer,
  putKeyVaultSecret,
  type VaultGrant,
} from "../key-vault/vault-control";
import { wirePat } from "./pats";
import { wireVariableGroup } from "./variable-groups";
import { githubOps } from "../github/github-ops";

type Op = (args: Record<string, unknown>, ctx: EmulatorContext) => unknown;

const DAY_MS = 24 * 3600_000;

const ops: Record<string, Op> = {
  setNow: (a, { state }) => state.clock.set((a.iso as string | null) ?? null),
  addOrganization: (a, { state }) => state.addOrganization(String(a.name)),
  addUser: (a, { state }) => emuUser(state.addUser(a as unknown as NewUser)),
  addPat: (a, { state }) => emuPat(state.addPat(String(a.userId), a.pat as NewPat)),
  addPats: (a, { state }) => (a.pats as NewPat[]).map((p) => state.addPat(String(a.userId), p).authorizationId),
  pats: (a, { state }) => [...state.pats.values()].filter((p) => !a.userId || p.userId === a.userId).map(emuPat),
  registerApp: (a, { state }) => void state.registerApp(a as unknown as AppRegistration),
  issueRefreshToken: (a, { state }) =>
    state.issueRefreshToken(String(a.userId), String(a.clientId), undefined, state.clock.nowMs() - Number(a.ageDays ?? 0) * DAY_MS),
  issueAccessToken: (a, ctx) => issueAccessToken(a, ctx),
  setPolicy: (a, { state }) => void Object.assign(state.policy, definedOnly(a as PolicySettings)),
  setEntra: (a, { state }) => void Object.assign(state.entra, definedOnly(a as EntraSettings)),
  setFidelity: (a, { state }) => void Object.assign(state.fidelity, definedOnly(a as FidelitySettings)),
  addVariableGroup: (a, { state }) => addVariableGroup(state, String(a.org), String(a.project), a.group as NewVariableGroup),
  variableGroup: (a, { state, address }) => variableGroup(state, String(a.org), Number(a.id), address.devopsUrl),
  issueJobToken: (a, { state, minter }) =>
    minter.jobToken(
      state.issueJobIdentity(
        state.requireOrganization(String(a.org)).id,
        { variableGroupAdmin: a.variableGroupAdmin === true, serviceEndpointAdmin: a.serviceEndpointAdmin === true },
        typeof a.project === "string" ? a.project : undefined,
      ),
    ),
  addServiceEndpoint: (a, { state }) => addServiceEndpoint(state, String(a.org), a.endpoint as NewServiceEndpoint),
  serviceEndpoint: (a, { state }) => storedServiceEndpoint(state, String(a.id)),
  addKeyVault: (a, ctx) => addKeyVault(ctx, String(a.name), a.permissionModel === "accessPolicy" ? "accessPolicy" : "rbac"),
  grantKeyVault: (a, { state }) => grantKeyVault(state, a as unknown as VaultGrant),
  keyVaultSecret: (a, { state }) => keyVaultSecret(state, String(a.vaultUrl), String(a.name)),
  putKeyVaultSecret: (a, { state }) => putKeyVaultSecret(state, a as unknown as Parameters<typeof putKeyVaultSecret>[1]),
  pipelineOidcIssuer: (a, { state }) => pipelineOidcIssuer(state, String(a.org)),
  managedIdentity: (_a, { state, address }) => ({
    clientId: state.managedIdentity.clientId,
    env: { IDENTITY_ENDPOINT: `${address.authorityHost}/msi/token`, IDENTITY_HEADER: state.managedIdentity.header },
  }),
  addFault: (a, { traffic }) => traffic.addFault(a as unknown as FaultSpec),
  clearFaults: (_a, { traffic }) => traffic.clearFaults(),
  setRateLimit: (a, { traffic }) => traffic.setRateLimit((a.limit as RateLimitSpec | null) ?? null),
  requests: (_a, { traffic }) => traffic.log,
  workItems: (a, { state }) => [...state.workItems.values()].filter((w) => w.orgId === state.requireOrganization(String(a.org)).id),
  webhookPosts: (_a, { state }) => state.webhookPosts,
  ...githubOps,
  addAuditEvents: (a, { state }) => addAuditEvents(state, String(a.org), a.events as NewAuditEvent[]),
  clearRequests: (_a, { traffic }) => void traffic.log.splice(0),
  approveDeviceCode: (a, { state }) => approveDeviceCode(state, String(a.userCode), String(a.userId)),
  declineDeviceCode: (a, { state }) => void (pendingDeviceCode(state, String(a.userCode)).declined = true),
  configure: (a, { state, traffic }) => {
    if (typeof a.graphPageSize === "number") state.graphPageSize = a.graphPageSize;
    if (typeof a.latencyMs === "number") traffic.baseLatencyMs = a.latencyMs;
    if (typeof a.refreshTokenLifetimeDays === "number") state.refreshTokenLifetimeDays = a.refreshTokenLifetimeDays;
    if (typeof a.requireVariableGroupReferences === "boolean")
      state.variableGroupRules.requireProjectReferences = a.requireVariableGroupReferences;
    if (typeof a.acceptProjectLevelVariableGroupPut === "boolean")
      state.variableGroupRules.acceptProjectLevelPut = a.acceptProjectLevelVariableGroupPut;
    if (typeof a.auditPageSize === "number") state.auditPageSize = a.auditPageSize;
  },
};

export async function handleControl(ex: Exchange, ctx: EmulatorContext): Promise<void> {
  const remote = ex.req.socket.remoteAddress ?? "";
  if (!["127.0.0.1", "::1", "::ffff:127.0.0.1"].includes(remote))
    return ex.json(403, { error: "the control API answers loopback callers only" });
  const name = ex.path.replace(/^\/_emulator\//i, "");
  const op = Object.hasOwn(ops, name) ? ops[name] : undefined;
  if (!op || ex.method !== "POST") return ex.json(404, { error: `unknown control operation ${ex.method} ${ex.path}` });
  try {
    const text = await ex.bodyText();
    const result = await op(text ? (JSON.parse(text) as Record<string, unknown>) : {}, ctx);
    ex.json(200, { result: result ?? null });
  } catch (err) {
    ex.json(400, { error: err instanceof Error ? err.message : String(err) });
  }
}

function emuUser(u: User): EmuUser {
  return { id: u.id, oid: u.oid, descriptor: u.descriptor, principalName: u.principalName, displayName: u.displayName };
}

function emuPat(p: Pat): EmuPat {
  return { ...wirePat(p, true), token: p.token, revoked: p.revoked, userId: p.userId };
}

function issueAccessToken(a: Record<string, unknown>, { state, minter }: EmulatorContext): string {
  const o = {
    audience: a.audience as string | undefined,
    expiresInSec: a.expiresInSec as number | undefined,
    clientId: a.clientId as string | undefined,
    scopes: a.scopes as string[] | undefined,
  };
  if (a.userId === null || a.userId === undefined) {
    const app = state.apps.get(o.clientId ?? "pat-lifecycle-test-client") ?? {
      clientId: o.clientId ?? "app-only-client",
      servicePrincipalId: randomUUID(),
    };
    return minter.appAccessToken(app, o).token;
  }
  return minter.userAccessToken(state.requireUser(String(a.userId)), o).token;
}

function addVariableGroup(state: EmulatorState, org: string, project: string, g: NewVariableGroup): { id: number } {
  const variables = Object.fromEntries(
    Object.entries(g.variables ?? {}).map(([k, v]) => [k, { value: v.value, isSecret: v.isSecret ?? false }]),
  );
  return { id: state.addVariableGroup(state.requireOrganization(org).id, project, g.name, variables, g.keyVault).id };
}

function variableGroup(state: EmulatorState, org: string, id: number, devopsUrl: string): EmuVariableGroup {
  const group = state.variableGroups.get(id);
  if (!group || group.orgId !== state.requireOrganization(org).id) throw new Error(`no variable group ${id} in ${org}`);
  const secrets = Object.fromEntries(
    Object.entries(group.variables)
      .filter(([, v]) => v.isSecret)
      .map(([k, v]) => [k, v.value]),
  );
  return { ...wireVariableGroup(group, state, `${devopsUrl}/${org}/`), secrets };
}

function approveDeviceCode(state: EmulatorState, userCode: string, userId: string): void {
  pendingDeviceCode(state, userCode).approvedBy = state.requireUser(userId).id;
}

function pendingDeviceCode(state: EmulatorState, userCode: string): DeviceCodeGrant {
  const grant = [...state.deviceCodes.values()].find((g) => g.userCode === userCode.toUpperCase());
  if (!grant) throw new Error(`no pending device code ${userCode}`);
  return grant;
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** An audit entry as a test writes it; `details` defaults to the event's documented sentence. */
export interface NewAuditEvent {
  actionId: string;
  timestamp: string;
  data?: Record<string, unknown>;
  actorUPN?: string;
  actorDisplayName?: string;
  details?: string;
}

function addAuditEvents(state: EmulatorState, org: string, events: NewAuditEvent[]): number {
  const orgId = state.requireOrganization(org).id;
  for (const e of events) {
    state.auditEvents.push({
      id: randomUUID(),
      orgId,
      actionId: e.actionId,
      timestampMs: Date.parse(e.timestamp),
      actorUPN: e.actorUPN ?? "",
      actorDisplayName: e.actorDisplayName ?? "Azure DevOps Services",
      data: e.data ?? {},
      details: e.details ?? `${e.actionId} ${String(e.data?.DisplayName ?? "")}`,
    });
  }
  return state.auditEvents.length;
}
