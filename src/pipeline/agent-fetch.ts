/** fetch through the agent's proxy when it has one; the proxy password is masked before task-lib logs it. */
import * as tl from "azure-pipelines-task-lib/task";
import { proxiedFetch } from "../api/node-fetch-proxy";
import { readSecretVariable } from "./secrets";

export function agentFetch(): typeof fetch {
  readSecretVariable("Agent.ProxyPassword");
  const proxy = tl.getHttpProxyConfiguration();
  return proxy ? proxiedFetch(proxy) : fetch;
}
