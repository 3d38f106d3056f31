/**
 * Node only: a fetch that goes through the agent's proxy (undici ProxyAgent), except for hosts on the
 * bypass list. The task shell injects it into HttpClient; browser code never imports this file.
 */
import { ProxyAgent, fetch as undiciFetch } from "undici";

/** The agent's proxy settings, as `tl.getHttpProxyConfiguration()` gives them. */
export interface ProxySettings {
  proxyUrl: string;
  proxyUsername?: string;
  proxyPassword?: string;
  /** Regular expressions matched (case-insensitively) against the request URL, as the agent's .proxybypass file. */
  proxyBypassHosts?: string[];
}

/** A fetch sending every request through the proxy unless its URL matches a bypass pattern. */
export function proxiedFetch(proxy: ProxySettings): typeof fetch {
  const token = proxy.proxyUsername
    ? `Basic ${Buffer.from(`${proxy.proxyUsername}:${proxy.proxyPassword ?? ""}`).toString("base64")}`
    : undefined;
  const dispatcher = new ProxyAgent({ uri: proxy.proxyUrl, token });
  const bypass = (proxy.proxyBypassHosts ?? []).filter((p) => p.trim() !== "").map(toPattern);
  const proxied = (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    if (bypass.some((re) => re.test(url))) return globalThis.fetch(input, init);
    // undici's own fetch, so its ProxyAgent is the dispatcher it was built for.
    return undiciFetch(url, { ...(init as object), dispatcher } as Parameters<typeof undiciFetch>[1]) as unknown as Promise<Response>;
  };
  return proxied as typeof fetch;
}

function toPattern(pattern: string): RegExp {
  try {
    return new RegExp(pattern, "i");
  } catch {
    // Not a valid expression: treat it as a literal host name.
    return new RegExp(pattern.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "i");
  }
}
