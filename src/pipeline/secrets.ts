/**
 * Reads secret values without task-lib's debug line: tl.getInput, tl.getVariable and
 * tl.getEndpointAuthorizationParameter print `name=value` before a caller could mask the value.
 * Each secret read here is registered with tl.setSecret at once, so the agent masks it from then on.
 */
import * as tl from "azure-pipelines-task-lib/task";
import * as internal from "azure-pipelines-task-lib/internal";
import { checkExpanded } from "./inputs";

function fromVault(vaultKey: string, secret: boolean): string | undefined {
  const value = internal._vault.retrieveSecret(vaultKey)?.trim();
  if (!value) return undefined;
  if (secret) maskSecret(value);
  return value;
}

/**
 * tl.setSecret takes one line only (the agent masks line by line): a PEM certificate with its private key is
 * masked line by line, its armor lines (`-----BEGIN ...`) and short padding lines aside.
 */
export function maskSecret(value: string): void {
  if (!/[\r\n]/.test(value)) return tl.setSecret(value);
  for (const line of value.split(/\r?\n/).map((l) => l.trim())) if (line.length >= 8 && !line.startsWith("-----")) tl.setSecret(line);
}

/** A secret task input (a token, password or client secret), masked before anything is logged. */
export function readSecretInput(name: string): string | undefined {
  const key = `INPUT_${internal._getVariableKey(name)}`;
  // An unexpanded `$(Name)` is no secret, and masking it would hide it from its own error message.
  checkExpanded(name, internal._vault.retrieveSecret(key)?.trim() ?? "");
  return fromVault(key, true);
}

/**
 * A field of a service connection: the agent passes the endpoint type's authentication inputs as
 * authorization parameters and its other inputs as data, so both places are looked at.
 */
export function readEndpointField(endpointId: string, key: string, o: { secret: boolean }): string | undefined {
  const value = fromVault(`ENDPOINT_AUTH_PARAMETER_${endpointId}_${key.toUpperCase()}`, o.secret);
  if (value !== undefined || o.secret) return value;
  return tl.getEndpointDataParameter(endpointId, key, true)?.trim() || undefined;
}

/** A secret pipeline variable (System.AccessToken, Agent.ProxyPassword), masked before anything is logged. */
export function readSecretVariable(name: string): string | undefined {
  const key = internal._getVariableKey(name);
  const secret = fromVault(`SECRET_${key}`, true);
  if (secret) return secret;
  const plain = process.env[key]?.trim();
  if (plain) tl.setSecret(plain);
  return plain || undefined;
}

/** The job's access token (System.AccessToken), from the system connection or the variable. */
export function readJobAccessToken(): string | undefined {
  return readEndpointField("SYSTEMVSSCONNECTION", "AccessToken", { secret: true }) ?? readSecretVariable("System.AccessToken");
}
