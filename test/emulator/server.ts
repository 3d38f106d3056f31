/**
 * Starts the four HTTPS listeners (vssps, dev.azure.com, Entra, GitHub) over one shared state, in this process. Each
 * speaks HTTP/2 to a client that offers it (browsers, through ALPN) and HTTP/1.1 to the others (Node's https, undici).
 */
import * as fs from "fs";
import * as http2 from "http2";
import type { IncomingMessage, ServerResponse } from "http";
import type { AddressInfo } from "net";
import type { TLSSocket } from "tls";
import * as os from "os";
import * as path from "path";
import type { EmulatorContext, Route } from "./context";
import { answerPreflight, corsResponseHeaders, isPreflight } from "./cors";
import { makeSigningKey } from "./entra/signing-key";
import { TokenMinter } from "./entra/token-minter";
import { entraRoutes } from "./entra/routes";
import { githubRoutes } from "./github/routes";
import sodium from "libsodium-wrappers";
import { Exchange, type Service } from "./exchange";
import { handleControl } from "./routes/control";
import { connectionDataRoutes } from "./routes/connection-data";
import { graphRoutes } from "./routes/graph";
import { locationRoutes } from "./routes/locations";
import { patRoutes } from "./routes/pats";
import { profileRoutes } from "./routes/profile";
import { tokenAdminRoutes } from "./routes/tokenadmin";
import { variableGroupRoutes } from "./routes/variable-groups";
import { serviceEndpointRoutes } from "./routes/service-endpoints";
import { webhookRoutes } from "./routes/webhooks";
import { auditRoutes } from "./routes/audit";
import { workItemRoutes } from "./routes/work-items";
import { keyVaultRoutes } from "./routes/key-vault";
import { oidcTokenRoutes } from "./routes/oidc-token";
import { managedIdentityRoutes } from "./entra/managed-identity";
import { seedState } from "./seed";
import { EmulatorState } from "./state";
import { makeCertificates } from "./tls";
import { Traffic } from "./traffic";
import { INTERNAL, NOT_FOUND_ROUTE, sendVssError } from "./vss-errors";
import { sendKeyVaultError } from "./key-vault/key-vault-errors";
import type { EmulatorAddress, EmulatorOptions } from "./wire-types";

const ROUTES: Route[] = [
  ...locationRoutes,
  ...patRoutes,
  ...tokenAdminRoutes,
  ...graphRoutes,
  ...profileRoutes,
  ...variableGroupRoutes,
  ...serviceEndpointRoutes,
  ...workItemRoutes,
  ...webhookRoutes,
  ...auditRoutes,
  ...connectionDataRoutes,
  ...entraRoutes,
  ...keyVaultRoutes,
  ...oidcTokenRoutes,
  ...managedIdentityRoutes,
  ...githubRoutes,
];

export interface RunningEmulator {
  address: EmulatorAddress;
  context: EmulatorContext;
  close(): Promise<void>;
}

export async function runEmulator(o: EmulatorOptions = {}): Promise<RunningEmulator> {
  const certs = await makeCertificates();
  await sodium.ready; // GitHub key pairs
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pat-lifecycle-emulator-"));
  const caFile = path.join(dir, "ca.pem");
  fs.writeFileSync(caFile, certs.caCert);
  const state = new EmulatorState({ now: o.now, refreshTokenLifetimeDays: o.refreshTokenLifetimeDays });
  const traffic = new Traffic(o.latencyMs ?? 0);
  const key = makeSigningKey();
  const address: EmulatorAddress = { vsspsUrl: "", devopsUrl: "", authorityHost: "", githubUrl: "", caFile, tenantId: state.tenantId };
  const extra: http2.Http2SecureServer[] = [];
  const ctx: EmulatorContext = {
    state,
    traffic,
    key,
    address,
    minter: undefined as unknown as TokenMinter,
    listen: async (service) => {
      const server = await listen(service);
      extra.push(server);
      return origin(server);
    },
  };

  const connections = new Set<TLSSocket>();
  const listen = async (service: Service): Promise<http2.Http2SecureServer> => {
    const server = http2.createSecureServer({ key: certs.serverKey, cert: certs.serverCert, allowHTTP1: true }, (req, res) => {
      void serve(service, req, res, ctx, origin(server));
    });
    server.on("secureConnection", (socket: TLSSocket) => {
      connections.add(socket);
      socket.once("close", () => connections.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => resolve());
    });
    return server;
  };
  const servers = {
    vssps: await listen("vssps"),
    devops: await listen("devops"),
    entra: await listen("entra"),
    github: await listen("github"),
  };
  address.vsspsUrl = origin(servers.vssps);
  address.devopsUrl = origin(servers.devops);
  address.authorityHost = origin(servers.entra);
  address.githubUrl = origin(servers.github);
  ctx.minter = new TokenMinter(state, key, address.authorityHost);
  if (o.seed) seedState(state);

  return {
    address,
    context: ctx,
    close: async () => {
      const closed = [...Object.values(servers), ...extra].map((s) => new Promise<void>((resolve) => s.close(() => resolve())));
      for (const socket of connections) socket.destroy();
      await Promise.all(closed);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function origin(server: http2.Http2SecureServer): string {
  return `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function serve(
  service: Service,
  req: IncomingMessage | http2.Http2ServerRequest,
  res: ServerResponse | http2.Http2ServerResponse,
  ctx: EmulatorContext,
  base: string,
): Promise<void> {
  const ex = new Exchange(service, req, res, base);
  if (service === "vssps" && /^\/_emulator\//i.test(ex.path)) return handleControl(ex, ctx);
  if (service === "vssps" || service === "devops") {
    // Azure DevOps answers CORS on its REST APIs; the Entra half stays as it is (see cors.ts).
    if (isPreflight(ex)) return servePreflight(ex, ctx);
    ex.answerHeaders = corsResponseHeaders(ex);
    if (!ctx.state.fidelity.corsOnErrors) ex.bareStatuses = [203, 401];
  }
  try {
    const admission = ctx.traffic.admit(ex);
    if (admission.delayMs > 0) await new Promise((r) => setTimeout(r, admission.delayMs));
    if (admission.kind === "injected") {
      admission.answer();
    } else if (admission.commitLateMs !== undefined) {
      // The client is cut off now; the request is applied later, its answer going nowhere.
      await ex.bodyText();
      ex.dropResponse = true;
      ex.cutOff();
      await new Promise((r) => setTimeout(r, admission.commitLateMs));
      await route(ex, ctx);
    } else {
      ex.dropResponse = admission.commitThenDrop;
      await route(ex, ctx);
    }
  } catch (err) {
    process.stderr.write(`emulator: ${ex.method} ${ex.path} failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    if (!ex.answered) sendVssError(ex, 500, INTERNAL, `TF400898: An Internal Error Occurred. ${err instanceof Error ? err.message : ""}`);
  }
  ctx.traffic.record(ex);
}

/**
 * A preflight carries no credential and is not the API call itself: it skips auth, faults and the
 * rate limit (a fault meant for a GET must not be spent on its preflight), but crosses the same network.
 */
async function servePreflight(ex: Exchange, ctx: EmulatorContext): Promise<void> {
  if (ctx.traffic.baseLatencyMs > 0) await new Promise((r) => setTimeout(r, ctx.traffic.baseLatencyMs));
  answerPreflight(ex);
  ctx.traffic.record(ex);
}

async function route(ex: Exchange, ctx: EmulatorContext): Promise<void> {
  for (const r of ROUTES) {
    if (r.service !== ex.service) continue;
    const m = r.pattern.exec(ex.path);
    if (!m) continue;
    if (r.method !== "*" && r.method !== ex.method) continue;
    await r.handle(ex, m, ctx);
    return;
  }
  if (ex.service === "keyvault")
    return sendKeyVaultError(ex, 404, "NotFound", `The route ${ex.path} is not part of the Key Vault secrets API.`);
  if (ex.service === "github") {
    ex.json(404, { message: "Not Found", documentation_url: "https://docs.github.com/rest", status: "404" });
    return;
  }
  if (ex.service === "entra") {
    ex.html(
      404,
      "<!DOCTYPE html><html><head><title>404 - Not found</title></head><body><h1>404 - File or directory not found.</h1></body></html>",
    );
    return;
  }
  sendVssError(ex, 404, NOT_FOUND_ROUTE, `The controller for path '${ex.path}' was not found or does not implement IController.`);
}
