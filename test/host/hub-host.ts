/**
 * A stand-in for the Azure DevOps web page around the hub: serves the host page (test/host/host-page.ts,
 * which speaks the SDK's XDM protocol) on one loopback origin and the built hub (dist/hub) on another,
 * the way the real page and the extension CDN are two origins. The host page's NAA answers come
 * from the emulator's Entra half through this server.
 */
import * as fs from "fs";
import * as http from "http";
import type { AddressInfo } from "net";
import * as path from "path";
import type { Emulator, EmuUser } from "../emulator/client";

export interface HubHostOptions {
  emulator: Emulator;
  /** Default: a new organization "contoso" in the emulator. */
  organization?: { id: string; name: string };
  /** Default: a new user "Ada Lovelace" in that organization. */
  user?: EmuUser;
  /** The host offers Nested App Authentication (default true). */
  naa?: boolean;
  /** This user's own client id setting, in User-scope extension data (default: none). */
  clientId?: string;
  /** The organization's extension data, to share between hosts of several users (default: a new, empty one). */
  extensionData?: ExtensionDataStore;
  /** Silent sign-in needs a popup (consent) first. */
  interactionRequired?: boolean;
  theme?: "light" | "dark";
  /** The built hub (default dist/hub next to the repository root). */
  hubDir?: string;
  /** Host page port (default: any free port). */
  port?: number;
}

export interface HubHost {
  /** Open this in a browser. */
  url: string;
  hubOrigin: string;
  organization: { id: string; name: string };
  user: EmuUser;
  /** The extension data by scope: "Default" = the organization's, "User" = this user's. */
  extensionData(scope?: "Default" | "User"): Record<string, unknown>;
  /** Access tokens handed to the hub so far (values, for secret scans). */
  issuedTokens: string[];
  stop(): Promise<void>;
}

/** Extension data as Azure DevOps keeps it: "Default" scope shared by the organization, "User" scope per user. */
export interface ExtensionDataStore {
  Default: Map<string, unknown>;
  User: Map<string, Map<string, unknown>>;
}

export function newExtensionDataStore(): ExtensionDataStore {
  return { Default: new Map(), User: new Map() };
}

const REPO_ROOT = path.resolve(__dirname, "..", "..", "..");
const DEFAULT_SCOPE = "499b84ac-1321-427f-aa17-267ca6975798/.default";
const EXTENSION = { publisherId: "pat-lifecycle", extensionId: "pat-lifecycle", version: "1.0.0" };

export async function startHubHost(o: HubHostOptions): Promise<HubHost> {
  const { emulator } = o;
  const hubDir = o.hubDir ?? path.join(REPO_ROOT, "dist", "hub");
  if (!fs.existsSync(path.join(hubDir, "pat-hub", "pat-hub.js"))) {
    throw new Error(`The hub is not built (${path.join(hubDir, "pat-hub", "pat-hub.js")} is missing): run npm run build:hub.`);
  }
  const organization = o.organization ?? (await emulator.addOrganization("contoso"));
  const user =
    o.user ??
    (await emulator.addUser({ displayName: "Ada Lovelace", principalName: "ada@contoso.example", organizations: [organization.name] }));
  const store = o.extensionData ?? newExtensionDataStore();
  if (!store.User.has(user.id)) store.User.set(user.id, new Map());
  const data: Record<string, Map<string, unknown>> = { Default: store.Default, User: store.User.get(user.id) as Map<string, unknown> };
  if (o.clientId !== undefined) data.User.set("entraClientId", o.clientId);
  const issuedTokens: string[] = [];
  const closers: Array<() => Promise<void>> = [];

  const hub = await listen((req, res) => serveHubFile(hubDir, req, res));
  closers.push(hub.close);
  const hubOrigin = hub.origin;

  const config = {
    hubUrl: `${hubOrigin}/pat-hub/pat-hub.html`,
    hubOrigin,
    naa: o.naa ?? true,
    interactionRequired: o.interactionRequired ?? false,
    theme: o.theme ?? "light",
    organization,
    user: { id: user.id, name: user.principalName, displayName: user.displayName, descriptor: user.descriptor },
    extension: EXTENSION,
    contributionId: `${EXTENSION.publisherId}.${EXTENSION.extensionId}.pat-hub`,
    // The hub calls the emulator directly: it answers CORS as Azure DevOps does.
    endpoints: { vsspsUrl: emulator.vsspsUrl, devopsUrl: emulator.devopsUrl, authorityHost: emulator.authorityHost },
  };

  const host = await listen(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://host");
    if (req.method === "GET" && url.pathname === "/") return send(res, 200, "text/html; charset=utf-8", hostPage(config));
    if (req.method === "GET" && url.pathname === "/host-page.js") {
      return send(res, 200, "text/javascript; charset=utf-8", fs.readFileSync(path.join(__dirname, "host-page.js")));
    }
    if (req.method === "POST" && url.pathname === "/_host/token") {
      const body = JSON.parse(await readBody(req)) as { clientId?: string; scope?: string };
      return sendJson(res, 200, await naaToken(emulator, user, body, issuedTokens));
    }
    const dataPath = /^\/_host\/data\/(Default|User)\/(.+)$/.exec(url.pathname);
    if (dataPath) {
      const store = data[dataPath[1]];
      const key = decodeURIComponent(dataPath[2]);
      if (req.method === "GET") return sendJson(res, 200, { value: store.get(key) });
      if (req.method === "PUT") {
        store.set(key, (JSON.parse(await readBody(req)) as { value: unknown }).value);
        return sendJson(res, 200, {});
      }
    }
    send(res, 404, "text/plain", "not found");
  }, o.port);
  closers.push(host.close);

  return {
    url: `${host.origin}/`,
    hubOrigin,
    organization,
    user,
    extensionData: (scope = "Default") => Object.fromEntries(data[scope]),
    issuedTokens,
    stop: async () => {
      await Promise.all(closers.map((close) => close()));
    },
  };
}

/** What the Azure DevOps page's NAA handler answers: an access token for Azure DevOps and the account. */
async function naaToken(
  emulator: Emulator,
  user: EmuUser,
  request: { clientId?: string; scope?: string },
  issued: string[],
): Promise<object> {
  const scopes = (request.scope ?? "").split(" ");
  if (!request.clientId) {
    return {
      error: { status: "PERSISTENT_ERROR", code: "invalid_request", description: "AADSTS900144: The request body must contain client_id." },
    };
  }
  if (!scopes.includes(DEFAULT_SCOPE)) {
    return { error: { status: "PERSISTENT_ERROR", code: "invalid_scope", description: `This host only issues ${DEFAULT_SCOPE}.` } };
  }
  // .default: the token carries what the app registration was granted (the emulator's registration of clientId).
  const accessToken = await emulator.issueAccessToken(user.id, { clientId: request.clientId });
  issued.push(accessToken);
  const now = Math.floor(Date.now() / 1000);
  const environment = new URL(emulator.authorityHost).host;
  const idClaims = {
    aud: request.clientId,
    iss: `${emulator.authorityHost}/${emulator.tenantId}/v2.0`,
    tid: emulator.tenantId,
    oid: user.oid,
    sub: user.oid,
    preferred_username: user.principalName,
    name: user.displayName,
    iat: now,
    nbf: now,
    exp: now + 3600,
    ver: "2.0",
  };
  return {
    token: {
      access_token: accessToken,
      expires_in: 3600,
      // msal-browser only reads the claims of the id token the host passes on.
      id_token: `${b64url({ alg: "none", typ: "JWT" })}.${b64url(idClaims)}.`,
      properties: null,
      scope: DEFAULT_SCOPE,
      authority: `${emulator.authorityHost}/${emulator.tenantId}`,
    },
    account: {
      homeAccountId: `${user.oid}.${emulator.tenantId}`,
      environment,
      tenantId: emulator.tenantId,
      username: user.principalName,
      localAccountId: user.oid,
      name: user.displayName,
    },
  };
}

function b64url(value: object): string {
  return Buffer.from(JSON.stringify(value), "utf8").toString("base64url");
}

function hostPage(config: object): string {
  // The config is JSON inside a script element: "<" is escaped so no value can close the element.
  const json = JSON.stringify(config).replace(/</g, "\\u003c");
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8" />
<title>Personal access tokens - Azure DevOps (PAT Lifecycle test host)</title>
<style>
  html, body { height: 100%; margin: 0; font-family: "Segoe UI", -apple-system, BlinkMacSystemFont, Roboto, "Helvetica Neue", sans-serif; }
  body { display: flex; flex-direction: column; background: #f8f8f8; }
  body.dark { background: #1b1a19; }
  .host-bar { height: 40px; flex: none; display: flex; align-items: center; gap: 8px; padding: 0 16px; background: #fff;
    border-bottom: 1px solid rgba(0,0,0,.08); font-size: 14px; color: rgba(0,0,0,.9); }
  body.dark .host-bar { background: #252423; color: rgba(255,255,255,.87); border-color: rgba(255,255,255,.08); }
  .host-bar .logo { width: 20px; height: 20px; border-radius: 3px; background: #0078d4; }
  .host-bar .crumb { color: rgba(0,0,0,.55); } body.dark .host-bar .crumb { color: rgba(255,255,255,.55); }
  #hub-frame { flex: 1; border: 0; width: 100%; display: block; }
</style>
</head>
<body>
<div class="host-bar"><span class="logo"></span><span>Azure DevOps</span><span class="crumb">/ ${escapeHtml(
    (config as { organization: { name: string } }).organization.name,
  )} / User settings / Personal access tokens</span></div>
<iframe id="hub-frame" title="Personal access tokens"></iframe>
<script type="application/json" id="hub-host-config">${json}</script>
<script src="/host-page.js"></script>
</body>
</html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
};

function serveHubFile(root: string, req: http.IncomingMessage, res: http.ServerResponse): void {
  const pathname = decodeURIComponent(new URL(req.url ?? "/", "http://hub").pathname);
  const file = path.resolve(root, `.${pathname}`);
  if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
    return send(res, 404, "text/plain", "not found");
  }
  send(res, 200, CONTENT_TYPES[path.extname(file)] ?? "application/octet-stream", fs.readFileSync(file));
}

async function listen(
  handler: (req: http.IncomingMessage, res: http.ServerResponse) => void | Promise<void>,
  port = 0,
): Promise<{ origin: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    Promise.resolve(handler(req, res)).catch((e: unknown) => {
      if (!res.headersSent) send(res, 500, "text/plain", e instanceof Error ? e.message : String(e));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function send(res: http.ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { "content-type": type, "cache-control": "no-store" });
  res.end(body);
}

function sendJson(res: http.ServerResponse, status: number, value: unknown): void {
  send(res, status, "application/json; charset=utf-8", JSON.stringify(value));
}
