/**
 * Node only: a fetch that goes through the agent's proxy (undici ProxyAgent), except for hosts on the
 * bypass list, and that trusts the agent's CA bundle and presents its client certificate when the agent
 * has them. The task shell injects it into HttpClient and msal; browser code never imports this file.
 */
import * as tls from "tls";
import { Agent, ProxyAgent, fetch as undiciFetch, type Dispatcher } from "undici";

/** The agent's proxy settings, as `tl.getHttpProxyConfiguration()` gives them. */
export interface ProxySettings {
  proxyUrl: string;
  proxyUsername?: string;
  proxyPassword?: string;
  /** Regular expressions matched (case-insensitively) against the request URL, as the agent's .proxybypass file. */
  proxyBypassHosts?: string[];
}

/**
 * The agent's certificate settings, file contents already read: extra trusted CAs (Agent.CAInfo) and a
 * client certificate (PEM cert + key, or a PKCS#12 archive) with its passphrase. Certificate checks stay on.
 */
export interface AgentTls {
  ca?: string;
  cert?: string;
  key?: string;
  pfx?: Buffer;
  passphrase?: string;
}

/** A fetch sending every request through the proxy unless its URL matches a bypass pattern. */
export function proxiedFetch(proxy: ProxySettings, agentTls?: AgentTls): typeof fetch {
  const token = proxy.proxyUsername
    ? `Basic ${Buffer.from(`${proxy.proxyUsername}:${proxy.proxyPassword ?? ""}`).toString("base64")}`
    : undefined;
  const options = agentTls ? agentTlsOptions(agentTls) : undefined;
  const dispatcher = new ProxyAgent({ uri: proxy.proxyUrl, token, ...(options ? { requestTls: options, proxyTls: options } : {}) });
  const direct = agentTls ? tlsFetch(agentTls) : globalThis.fetch;
  const proxied = (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
    const url = urlOf(input);
    if (bypassesProxy(proxy, url)) return direct(input, init);
    return viaDispatcher(dispatcher, url, init);
  };
  return proxied as typeof fetch;
}

/** A fetch with no proxy that trusts the agent's CAs (besides Node's own) and presents its client certificate. */
export function tlsFetch(agentTls: AgentTls): typeof fetch {
  const dispatcher = new Agent({ connect: agentTlsOptions(agentTls) });
  return ((input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) =>
    viaDispatcher(dispatcher, urlOf(input), init)) as typeof fetch;
}

/** The TLS options for undici: the agent's CAs added to Node's roots, its client certificate. */
export function agentTlsOptions(agentTls: AgentTls): tls.ConnectionOptions {
  return {
    // Node's `ca` replaces the default roots: keep them, and add the agent's bundle.
    ...(agentTls.ca ? { ca: [...tls.rootCertificates, agentTls.ca] } : {}),
    ...(agentTls.cert ? { cert: agentTls.cert } : {}),
    ...(agentTls.key ? { key: agentTls.key } : {}),
    ...(agentTls.pfx ? { pfx: agentTls.pfx } : {}),
    ...(agentTls.passphrase ? { passphrase: agentTls.passphrase } : {}),
  };
}

function urlOf(input: Parameters<typeof fetch>[0]): string {
  return typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
}

// undici's own fetch, so its dispatchers are the ones it was built for.
function viaDispatcher(dispatcher: Dispatcher, url: string, init?: Parameters<typeof fetch>[1]): Promise<Response> {
  return undiciFetch(url, { ...(init as object), dispatcher } as Parameters<typeof undiciFetch>[1]) as unknown as Promise<Response>;
}

/** True when `url` matches one of the agent's bypass patterns (.proxybypass). */
export function bypassesProxy(proxy: ProxySettings, url: string): boolean {
  return (proxy.proxyBypassHosts ?? [])
    .filter((p) => p.trim() !== "")
    .map(toPattern)
    .some((re) => re.test(url));
}

function toPattern(pattern: string): RegExp {
  try {
    return new RegExp(pattern, "i");
  } catch {
    // Not a valid expression: treat it as a literal host name.
    return new RegExp(pattern.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "i");
  }
}
