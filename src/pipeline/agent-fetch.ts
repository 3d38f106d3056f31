/**
 * fetch as the agent is configured: through its proxy when it has one, trusting its CA bundle
 * (Agent.CAInfo) and presenting its client certificate when configured. Passwords are masked before
 * task-lib logs them. Certificate checks are never turned off.
 */
import * as fs from "fs";
import * as tl from "azure-pipelines-task-lib/task";
import { InputError } from "../api/input-error";
import { proxiedFetch, tlsFetch, type AgentTls } from "../api/node-fetch-proxy";
import { readSecretVariable } from "./secrets";

export function agentFetch(): typeof fetch {
  readSecretVariable("Agent.ProxyPassword");
  readSecretVariable("Agent.ClientCertPassword");
  const proxy = tl.getHttpProxyConfiguration();
  const agentTls = agentTlsSettings();
  if (proxy) return proxiedFetch(proxy, agentTls);
  return agentTls ? tlsFetch(agentTls) : fetch;
}

/** task-lib's getHttpCertConfiguration, with each file read (a clear error when one cannot be). */
export function agentTlsSettings(): AgentTls | undefined {
  const config = tl.getHttpCertConfiguration();
  if (!config) return undefined;
  return {
    ca: config.caFile ? readAgentFile("Agent.CAInfo", config.caFile).toString("utf8") : undefined,
    cert: config.certFile ? readAgentFile("Agent.ClientCert", config.certFile).toString("utf8") : undefined,
    key: config.keyFile ? readAgentFile("Agent.ClientCertKey", config.keyFile).toString("utf8") : undefined,
    pfx: config.certArchiveFile ? readAgentFile("Agent.ClientCertArchive", config.certArchiveFile) : undefined,
    passphrase: config.passphrase || undefined,
  };
}

function readAgentFile(variable: string, file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    const why =
      (error as NodeJS.ErrnoException).code === "ENOENT"
        ? "does not exist"
        : `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`;
    throw new InputError(
      variable,
      `The agent's ${variable} points at '${file}', which ${why}: fix the agent's certificate settings (config.sh --sslcacert / --sslclientcert) or the file.`,
    );
  }
}
