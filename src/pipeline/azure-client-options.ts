/**
 * The agent's proxy and certificate settings as options of the Azure SDK clients, which send their requests
 * themselves rather than through agentFetch: the same proxy (unless the host is on the bypass list), the same
 * trusted CAs besides Node's, the same client certificate. The SDK drops its TLS options when it tunnels
 * through a proxy itself, so behind a proxy its HTTP client sends each request with an https-proxy-agent
 * carrying them (the SDK's own client, given the agent, as its pipelines allow).
 */
import { createDefaultHttpClient } from "@azure/core-rest-pipeline";
import { HttpsProxyAgent } from "https-proxy-agent";
import type * as http from "http";
import type * as net from "net";
import type * as tls from "tls";
import * as tl from "azure-pipelines-task-lib/task";
import { agentTlsOptions, bypassesProxy } from "../api/node-fetch-proxy";
import { agentTlsSettings } from "./agent-fetch";
import { readSecretVariable } from "./secrets";
import type { ClientOptions } from "../key-vault/azure-credential";

/** Options for a client that calls `url`'s host. */
export function azureClientOptions(url: string): ClientOptions {
  readSecretVariable("Agent.ProxyPassword");
  readSecretVariable("Agent.ClientCertPassword");
  const proxy = tl.getHttpProxyConfiguration();
  const agentTls = agentTlsSettings();
  const tlsOptions = agentTls ? agentTlsOptions(agentTls) : undefined;
  if (!proxy || bypassesProxy(proxy, url)) {
    // The same strings and buffers undici gets; Node's typings are wider than the SDK's.
    return tlsOptions ? { tlsOptions: tlsOptions as ClientOptions["tlsOptions"] } : {};
  }
  const proxyUrl = new URL(proxy.proxyUrl);
  if (proxy.proxyUsername) {
    proxyUrl.username = encodeURIComponent(proxy.proxyUsername);
    proxyUrl.password = encodeURIComponent(proxy.proxyPassword ?? "");
  }
  const agent = new TunnelWithAgentTls(proxyUrl, tlsOptions);
  const client = createDefaultHttpClient();
  return { httpClient: { sendRequest: (request) => client.sendRequest(Object.assign(request, { agent })) } };
}

/**
 * https-proxy-agent takes the TLS options of the tunnelled connection from each request, not from the agent
 * (agent-base's createSocket does not merge the agent's options): this one adds the agent's CAs and client
 * certificate to every tunnel, and to the proxy connection when the proxy is https.
 */
class TunnelWithAgentTls extends HttpsProxyAgent<string> {
  constructor(
    proxyUrl: URL,
    private readonly tlsOptions: tls.ConnectionOptions | undefined,
  ) {
    super(proxyUrl.href, { ...tlsOptions, keepAlive: true });
  }

  override connect(req: http.ClientRequest, opts: Parameters<HttpsProxyAgent<string>["connect"]>[1]): Promise<net.Socket> {
    return super.connect(req, { ...opts, ...this.tlsOptions } as typeof opts);
  }
}
