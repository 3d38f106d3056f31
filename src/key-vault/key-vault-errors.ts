/** What a failed Key Vault or Microsoft Entra call means, as a sentence naming the vault, the identity and the fix. */

export interface KeyVaultCall {
  vault: string;
  secretName: string;
  identity: string;
  action: "read" | "write";
}

/** Nothing was sent: the vault's host is unknown or refuses connections. */
const UNREACHABLE = new Set(["ENOTFOUND", "EAI_AGAIN", "ECONNREFUSED", "EHOSTUNREACH", "ENETUNREACH"]);

/** The SDK's RestError (from @azure/core-rest-pipeline), recognized by its name as the SDK itself does. */
interface RestErrorLike extends Error {
  statusCode?: number;
  code?: string;
  details?: unknown;
  response?: { bodyAsText?: string | null };
}

function isRestError(error: unknown): error is RestErrorLike {
  return error instanceof Error && error.name === "RestError";
}

export function isSecretNotFound(error: unknown): boolean {
  return isRestError(error) && error.statusCode === 404 && error.code === "SecretNotFound";
}

/** The request went out and no answer came back (or a 5xx): the write may have landed. */
export function isLostAnswer(error: unknown): boolean {
  if (!isRestError(error)) return false;
  if (error.statusCode !== undefined) return error.statusCode >= 500;
  return !UNREACHABLE.has(error.code ?? "");
}

export function keyVaultProblem(error: unknown, c: KeyVaultCall): string {
  const doing = c.action === "write" ? `write the secret '${c.secretName}' to` : `read the secret '${c.secretName}' in`;
  if (isAuthenticationFailure(error)) {
    return `Could not sign in to Microsoft Entra ID as ${c.identity} to ${doing} the Key Vault ${c.vault}: ${entraReason(error.message)} Check the service connection (Project settings > Service connections > the connection > Verify).`;
  }
  if (!isRestError(error)) {
    const name = error instanceof Error ? `${error.name}: ` : "";
    return `Could not ${doing} the Key Vault ${c.vault}: ${name}${firstLine(String(error instanceof Error ? error.message : error))}`;
  }
  const inner = innerCode(error);
  if (error.statusCode === 403 && inner === "ForbiddenByRbac") {
    return (
      `${capitalize(c.identity)} may not ${c.action} secrets in the Key Vault ${c.vault}, which uses Azure role-based access control: ` +
      `assign it the role 'Key Vault Secrets Officer' on the vault (Azure portal > the vault > Access control (IAM) > Add role assignment), then run the task again.`
    );
  }
  if (error.statusCode === 403 && inner === "AccessDenied") {
    return (
      `${capitalize(c.identity)} may not ${c.action} secrets in the Key Vault ${c.vault}, which uses access policies: ` +
      `give it the secret permissions Get and Set (Azure portal > the vault > Access policies > Create), then run the task again.`
    );
  }
  if (error.statusCode === 403) {
    return `The Key Vault ${c.vault} refused ${c.identity} (${inner ?? error.code ?? "Forbidden"}): ${firstLine(error.message)} Check the vault's Networking settings (firewall, private endpoint) and its access configuration.`;
  }
  if (error.statusCode === 409) {
    return `The Key Vault ${c.vault} keeps a deleted secret named '${c.secretName}' (soft delete): recover it in the Azure portal (the vault > Secrets > Manage deleted secrets) or choose another secretName. This task never purges secrets.`;
  }
  if (error.statusCode === undefined && UNREACHABLE.has(error.code ?? "")) {
    return `Could not reach the Key Vault ${c.vault} (${error.code}): no vault of that name exists in the service connection's cloud, or the agent cannot reach it (private endpoint, DNS, firewall). Check the input 'keyVaultName'.`;
  }
  const status = error.statusCode ? `HTTP ${error.statusCode}${error.code ? ` ${error.code}` : ""}` : (error.code ?? "no answer");
  return `Could not ${doing} the Key Vault ${c.vault} (${status}): ${firstLine(error.message)}`;
}

/** @azure/identity's errors, and msal's when they come through unwrapped. */
const SIGN_IN_ERRORS = new Set([
  "AuthenticationError",
  "CredentialUnavailableError",
  "AuthenticationRequiredError",
  "ServerError",
  "ClientAuthError",
]);

function isAuthenticationFailure(error: unknown): error is Error {
  return error instanceof Error && SIGN_IN_ERRORS.has(error.name);
}

/** Entra's own sentence (`AADSTSnnnn: ...`) when the error carries one, else the first line. */
function entraReason(message: string): string {
  const aadsts = /AADSTS\d+:[^\r\n]*?(?=\s+Trace ID:|\s+-\s+Correlation ID:|$)/m.exec(message)?.[0];
  return firstLine(aadsts ?? message);
}

/** Key Vault's `error.innererror.code` (ForbiddenByRbac, AccessDenied, ...): the SDK's model names it innerError. */
function innerCode(error: RestErrorLike): string | undefined {
  const detail = (error.details as { error?: { innerError?: { code?: string }; innererror?: { code?: string } } } | undefined)?.error;
  const fromDetails = detail?.innerError?.code ?? detail?.innererror?.code;
  if (fromDetails) return fromDetails;
  try {
    return (JSON.parse(error.response?.bodyAsText ?? "") as { error?: { innererror?: { code?: string } } }).error?.innererror?.code;
  } catch {
    return undefined;
  }
}

function firstLine(text: string): string {
  const line = text.split(/\r?\n/).find((l) => l.trim()) ?? text;
  return /[.!?]$/.test(line.trim()) ? line.trim() : `${line.trim()}.`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
