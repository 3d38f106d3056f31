/**
 * Test-side handle on the emulator. `startEmulator()` forks the emulator into its own process and
 * drives it through its HTTPS control API (`POST ${vsspsUrl}/_emulator/<op>`).
 */
import { fork, type ChildProcess } from "child_process";
import * as fs from "fs";
import * as http from "http";
import * as https from "https";
import * as path from "path";
import * as tls from "tls";
import { Agent as UndiciAgent, setGlobalDispatcher } from "undici";
import { refuseInUnitRun } from "../support/unit-run";
import type {
  AppRegistration,
  EmuPat,
  EmuUser,
  EmuVariableGroup,
  EmulatorAddress,
  EmulatorOptions,
  EntraSettings,
  FaultSpec,
  FidelitySettings,
  LoggedRequest,
  NewPat,
  NewServiceEndpoint,
  EmuServiceEndpoint,
  NewUser,
  NewVariableGroup,
  PolicySettings,
  RateLimitSpec,
} from "./wire-types";
import type { RecordedWebhookPost, StoredWorkItem } from "./state";
import type { NewAuditEvent } from "./routes/control";
import type { VaultGrant } from "./key-vault/vault-control";
import type { SecretVersion } from "./key-vault/vaults";
import { githubControl, type GithubControl } from "./github/github-control";

export type { EmuPat, EmuUser, LoggedRequest, RateLimitSpec } from "./wire-types";
export { DEFAULT_PUBLIC_CLIENT_ID } from "./wire-types";

export interface Emulator {
  vsspsUrl: string;
  devopsUrl: string;
  authorityHost: string;
  /** GitHub's REST API (api.github.com) as the emulator plays it. */
  githubUrl: string;
  caFile: string;
  /** PAT_LIFECYCLE_VSSPS_URL, PAT_LIFECYCLE_DEVOPS_URL, PAT_LIFECYCLE_AUTHORITY_HOST, PAT_LIFECYCLE_GITHUB_API_URL, NODE_EXTRA_CA_CERTS. */
  env: Record<string, string>;
  tenantId: string;
  /** Emulator clock: jumps to `iso` and keeps ticking from there; null = real time. */
  setNow(iso: string | null): Promise<void>;
  addOrganization(name: string): Promise<{ id: string; name: string }>;
  addUser(u: NewUser): Promise<EmuUser>;
  addPat(userId: string, p: NewPat): Promise<EmuPat>;
  /** Many PATs in one control call (bench set-up); returns their authorizationIds. */
  addPats(userId: string, p: NewPat[]): Promise<string[]>;
  /** Full state including revoked PATs, with secrets. */
  pats(userId?: string): Promise<EmuPat[]>;
  registerApp(a: AppRegistration): Promise<void>;
  issueRefreshToken(userId: string, clientId: string, o?: { ageDays?: number }): Promise<string>;
  /** `scopes` = the token's `scp` (default: what the app registration was granted). */
  issueAccessToken(
    userId: string | null,
    o?: { audience?: string; expiresInSec?: number; clientId?: string; scopes?: string[] },
  ): Promise<string>;
  setPolicy(p: PolicySettings): Promise<void>;
  setEntra(b: EntraSettings): Promise<void>;
  /** Fidelity switches (README "Fidelity switches"); each defaults to the real service's documented or reported behaviour. */
  setFidelity(f: FidelitySettings): Promise<void>;
  addVariableGroup(org: string, project: string, g: NewVariableGroup): Promise<{ id: number }>;
  variableGroup(org: string, id: number): Promise<EmuVariableGroup>;
  /** With `project`, the job's identity is "<project> Build Service (<org>)" and reaches only that project. */
  issueJobToken(org: string, o: { variableGroupAdmin: boolean; serviceEndpointAdmin?: boolean; project?: string }): Promise<string>;
  addServiceEndpoint(org: string, endpoint: NewServiceEndpoint): Promise<{ id: string }>;
  /** Stored state of a service connection, secrets included. */
  serviceEndpoint(id: string): Promise<EmuServiceEndpoint>;
  /** A Key Vault on a listener of its own (Azure RBAC unless "accessPolicy"); its URI is the vault URL to use. */
  addKeyVault(name: string, o?: { permissionModel?: "rbac" | "accessPolicy" }): Promise<{ vaultUrl: string }>;
  /** A role (RBAC vault) or secret permissions (access-policy vault) for an app's service principal or the managed identity. */
  grantKeyVault(g: VaultGrant): Promise<void>;
  /** Every version of a secret as stored, values included, oldest first. */
  keyVaultSecret(vaultUrl: string, name: string): Promise<SecretVersion[]>;
  /** Writes a version as someone else would (no challenge, no permission check). */
  putKeyVaultSecret(o: { vaultUrl: string; name: string; value: string; tags?: Record<string, string> }): Promise<void>;
  /** `https://vstoken.dev.azure.com/<organization id>`: the issuer of the organization's pipeline OIDC tokens. */
  pipelineOidcIssuer(org: string): Promise<string>;
  /** The agent machine's managed identity: its client id, and the App Service-style variables that reach its endpoint. */
  managedIdentity(): Promise<{ clientId: string; env: { IDENTITY_ENDPOINT: string; IDENTITY_HEADER: string } }>;
  addFault(f: FaultSpec): Promise<void>;
  clearFaults(): Promise<void>;
  setRateLimit(r: RateLimitSpec | null): Promise<void>;
  requests(): Promise<LoggedRequest[]>;
  /** The organization's work items as stored (System.AssignedTo holds the user's id). */
  workItems(org: string): Promise<StoredWorkItem[]>;
  /** Every post the webhook recorder received. */
  webhookPosts(): Promise<RecordedWebhookPost[]>;
  /** Adds audit log entries to an organization. */
  addAuditEvents(org: string, events: NewAuditEvent[]): Promise<number>;
  clearRequests(): Promise<void>;
  /** Approves a pending device code as the given user (what the person does on the verification page). */
  approveDeviceCode(userCode: string, userId: string): Promise<void>;
  /** Declines a pending device code ("No, cancel" on the verification page). */
  declineDeviceCode(userCode: string): Promise<void>;
  /**
   * Plays the browser for an interactive sign-in: opens the authorize URL (as the user named by
   * `loginHint`, else its `login_hint`), then delivers Entra's answer to the redirect URI (GET for
   * query mode, POST for form_post). Returns the redirect URI's response status.
   */
  signInInBrowser(authorizeUrl: string, o?: { loginHint?: string }): Promise<{ redirectStatus: number }>;
  /** Emulator tuning: graph page size, latency for every request, refresh-token lifetime. */
  configure(c: {
    graphPageSize?: number;
    latencyMs?: number;
    refreshTokenLifetimeDays?: number;
    requireVariableGroupReferences?: boolean;
    acceptProjectLevelVariableGroupPut?: boolean;
    auditPageSize?: number;
  }): Promise<void>;
  /** Makes this process trust the emulator's CA for https.request (msal-node) and global fetch. */
  trustInThisProcess(): void;
  /** GitHub: repositories, tokens, and the secrets and variables as stored. */
  github: GithubControl;
  stop(): Promise<void>;
}

export async function startEmulator(o: EmulatorOptions = {}): Promise<Emulator> {
  refuseInUnitRun("the emulator");
  const child = fork(path.join(__dirname, "child.js"), [], {
    env: { ...process.env, PAT_LIFECYCLE_EMULATOR_OPTIONS: JSON.stringify(o) },
    stdio: ["ignore", "ignore", "inherit", "ipc"],
    execArgv: [],
  });
  const address = await waitForReady(child);
  const ca = fs.readFileSync(address.caFile, "utf8");
  // No keep-alive: a task run (spawnSync) can freeze this process past the server's idle timeout,
  // and a reused socket the server has closed would fail the next control call.
  const agent = new https.Agent({ ca, keepAlive: false });
  // The emulator must not keep a finished test run alive; it exits by itself when we disconnect.
  child.unref();
  child.channel?.unref();

  const call = async <T>(op: string, args: object = {}): Promise<T> => {
    const { status, body } = await request(agent, "POST", `${address.vsspsUrl}/_emulator/${op}`, JSON.stringify(args), {
      "content-type": "application/json",
    });
    const parsed = JSON.parse(body) as { result?: T; error?: string };
    if (status !== 200) throw new Error(`emulator ${op}: ${parsed.error ?? status}`);
    return parsed.result as T;
  };

  return {
    ...address,
    env: {
      PAT_LIFECYCLE_VSSPS_URL: address.vsspsUrl,
      PAT_LIFECYCLE_DEVOPS_URL: address.devopsUrl,
      PAT_LIFECYCLE_AUTHORITY_HOST: address.authorityHost,
      PAT_LIFECYCLE_GITHUB_API_URL: address.githubUrl,
      NODE_EXTRA_CA_CERTS: address.caFile,
    },
    setNow: (iso) => call("setNow", { iso }),
    addOrganization: (name) => call("addOrganization", { name }),
    addUser: (u) => call("addUser", u),
    addPat: (userId, pat) => call("addPat", { userId, pat }),
    addPats: (userId, pats) => call("addPats", { userId, pats }),
    pats: (userId) => call("pats", { userId }),
    registerApp: (a) => call("registerApp", a),
    issueRefreshToken: (userId, clientId, opts) => call("issueRefreshToken", { userId, clientId, ageDays: opts?.ageDays }),
    issueAccessToken: (userId, opts) => call("issueAccessToken", { userId, ...opts }),
    setPolicy: (p) => call("setPolicy", p),
    setEntra: (b) => call("setEntra", b),
    setFidelity: (f) => call("setFidelity", f),
    addVariableGroup: (org, project, group) => call("addVariableGroup", { org, project, group }),
    variableGroup: (org, id) => call("variableGroup", { org, id }),
    issueJobToken: (org, opts) =>
      call("issueJobToken", {
        org,
        variableGroupAdmin: opts.variableGroupAdmin,
        serviceEndpointAdmin: opts.serviceEndpointAdmin,
        project: opts.project,
      }),
    addServiceEndpoint: (org, endpoint) => call("addServiceEndpoint", { org, endpoint }),
    addKeyVault: (name, o) => call("addKeyVault", { name, ...o }),
    grantKeyVault: (g) => call("grantKeyVault", g),
    keyVaultSecret: (vaultUrl, name) => call("keyVaultSecret", { vaultUrl, name }),
    putKeyVaultSecret: (o) => call("putKeyVaultSecret", o),
    pipelineOidcIssuer: (org) => call("pipelineOidcIssuer", { org }),
    managedIdentity: () => call("managedIdentity"),
    serviceEndpoint: (id) => call("serviceEndpoint", { id }),
    addFault: (f) => call("addFault", f),
    clearFaults: () => call("clearFaults"),
    setRateLimit: (limit) => call("setRateLimit", { limit }),
    requests: () => call("requests"),
    workItems: (org) => call("workItems", { org }),
    webhookPosts: () => call("webhookPosts"),
    addAuditEvents: (org, events) => call("addAuditEvents", { org, events }),
    clearRequests: () => call("clearRequests"),
    approveDeviceCode: (userCode, userId) => call("approveDeviceCode", { userCode, userId }),
    declineDeviceCode: (userCode) => call("declineDeviceCode", { userCode }),
    signInInBrowser: (url, opts) => playBrowser(agent, url, opts?.loginHint),
    configure: (c) => call("configure", c),
    trustInThisProcess: () => trustCaInThisProcess(ca),
    github: githubControl(call),
    stop: async () => {
      agent.destroy();
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      // Hold the event loop until the emulator has gone, or this process could end first.
      child.ref();
      child.channel?.ref();
      child.send("stop");
      await exited;
    },
  };
}

function waitForReady(child: ChildProcess): Promise<EmulatorAddress> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`emulator process exited with ${code} before it was ready`));
    child.once("exit", onExit);
    child.once("error", reject);
    child.once("message", (m: unknown) => {
      child.off("exit", onExit);
      const ready = (m as { ready?: EmulatorAddress }).ready;
      if (ready) resolve(ready);
      else reject(new Error("unexpected first message from the emulator process"));
    });
  });
}

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function request(
  agent: https.Agent | undefined,
  method: string,
  url: string,
  body?: string,
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const onResponse = (res: http.IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    };
    const req =
      u.protocol === "https:" ? https.request(u, { method, agent, headers }, onResponse) : http.request(u, { method, headers }, onResponse);
    req.on("error", reject);
    req.end(body);
  });
}

async function playBrowser(agent: https.Agent, authorizeUrl: string, loginHint?: string): Promise<{ redirectStatus: number }> {
  const url = new URL(authorizeUrl);
  if (loginHint) url.searchParams.set("login_hint", loginHint);
  const answer = await request(agent, "GET", url.href);
  if (answer.status === 302 && typeof answer.headers.location === "string") {
    const target = answer.headers.location;
    const r = await request(agent, "GET", target);
    return { redirectStatus: r.status };
  }
  const form = /<form method="POST" name="hiddenform" action="([^"]+)">(.*?)<noscript>/s.exec(answer.body);
  if (answer.status === 200 && form) {
    const fields = new URLSearchParams();
    for (const m of form[2].matchAll(/name="([^"]+)" value="([^"]*)"/g)) fields.set(unescapeHtml(m[1]), unescapeHtml(m[2]));
    const r = await request(agent, "POST", unescapeHtml(form[1]), fields.toString(), {
      "content-type": "application/x-www-form-urlencoded",
    });
    return { redirectStatus: r.status };
  }
  throw new Error(
    `the authorize page did not sign in (HTTP ${answer.status}): ${answer.body
      .replace(/<[^>]+>/g, " ")
      .replace(/\s+/g, " ")
      .trim()
      .slice(0, 300)}`,
  );
}

function unescapeHtml(s: string): string {
  return s
    .replace(/&quot;/g, '"')
    .replace(/&gt;/g, ">")
    .replace(/&lt;/g, "<")
    .replace(/&amp;/g, "&");
}

/** Every emulator CA this process trusts: two emulators may be alive in one test process. */
const trustedEmulatorCas = new Set<string>();

/**
 * NODE_EXTRA_CA_CERTS is read once at process start, so a test process that talks to the emulator
 * in-process adds the CA itself: to https.globalAgent (msal-node's default transport), to the global
 * fetch dispatcher (undici, which Node's fetch shares through a global symbol), and to connections of
 * https agents libraries make themselves without a CA of their own (the Azure SDK's).
 */
export function trustCaInThisProcess(ca: string): void {
  trustedEmulatorCas.add(ca);
  const cas = [...tls.rootCertificates, ...trustedEmulatorCas];
  https.globalAgent.options.ca = cas;
  setGlobalDispatcher(new UndiciAgent({ connect: { ca: cas } }));
  trustInLibraryAgents();
}

let libraryAgentsTrust = false;

function trustInLibraryAgents(): void {
  if (libraryAgentsTrust) return;
  libraryAgentsTrust = true;
  const agentProto = https.Agent.prototype as unknown as { createConnection(options: tls.ConnectionOptions, ...rest: unknown[]): unknown };
  const createConnection = agentProto.createConnection;
  agentProto.createConnection = function (options, ...rest) {
    const ca = options.ca ?? [...tls.rootCertificates, ...trustedEmulatorCas];
    return createConnection.call(this, { ...options, ca }, ...rest);
  };
}
