/** The sentences the HTTP layer shows people, kept together so they can be reviewed in one place. */
import type { CredentialKind } from "./credential";
import { AZURE_DEVOPS_RESOURCE } from "./model";

/** Seconds or milliseconds, whichever reads better. */
function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${Math.round(ms / 100) / 10} s`;
}

/** The credential was not accepted; says what to check for the kind of credential used. */
export function notSignedInMessage(kind: CredentialKind | undefined, evidence: string, what: string): string {
  switch (kind) {
    case "pat":
      return (
        `Not signed in: Azure DevOps did not accept the personal access token (it answered ${evidence} to ${what}). ` +
        "Check that the PAT is not expired or revoked, is valid for this organization, and has the scopes this call needs."
      );
    case "jobToken":
      return (
        `Not signed in: Azure DevOps did not accept the job access token System.AccessToken (it answered ${evidence} to ${what}). ` +
        "Check that the pipeline lets jobs use the OAuth token and that the build service account is a member of the project."
      );
    default:
      return (
        `Not signed in with a Microsoft Entra user token: Azure DevOps answered ${evidence} to ${what}. ` +
        "Check that the credential is a Microsoft Entra access token of a user (not a personal access token, the pipeline's " +
        `System.AccessToken or an app-only token), issued for Azure DevOps (audience ${AZURE_DEVOPS_RESOURCE}, ` +
        "delegated permissions vso.pats to read and vso.pats_manage to change PATs), not expired, and that the user is a member of the organization."
      );
  }
}

/** A VSS error body turned into a sentence, with an explanation for the refusals we know. */
export function vssErrorMessage(status: number, typeKey: string, serviceMessage: string, what: string): string {
  const head = `Azure DevOps refused to ${what} (HTTP ${status}${typeKey ? ` ${typeKey}` : ""}): ${serviceMessage}`;
  if (/^The requested operation is not allowed\.?$/i.test(serviceMessage.trim())) {
    return (
      `${head} This API accepts only a Microsoft Entra user token: a personal access token or the pipeline's ` +
      "System.AccessToken cannot call it. Sign in as a user (refresh token, access token or username and password)."
    );
  }
  if (/service principals are not allowed/i.test(serviceMessage)) {
    return (
      `${head} Service principals and managed identities cannot manage PATs: sign in as a user, so that the ` +
      "token is a delegated Microsoft Entra user token (permissions vso.pats and vso.pats_manage)."
    );
  }
  return head;
}

/** A non-success answer without a VSS error body. */
export function httpStatusMessage(status: number, what: string, bodyStart: string): string {
  const detail = bodyStart ? `: ${bodyStart}` : "";
  return `Azure DevOps answered HTTP ${status} to ${what}${detail}`;
}

/** 429/503 kept coming back until the retry budget ran out. */
export function throttledMessage(o: {
  status: number;
  what: string;
  attempts: number;
  spentMs: number;
  retryAfterMs?: number;
  serviceMessage?: string;
}): string {
  const cause = o.status === 429 ? "is throttling requests" : "is unavailable";
  const said = o.serviceMessage ? `: ${o.serviceMessage}` : "";
  const wait = o.retryAfterMs !== undefined ? ` It asked to wait ${formatDuration(o.retryAfterMs)} more.` : "";
  return (
    `Azure DevOps ${cause} (HTTP ${o.status}${said}) and still refused to ${o.what} after ${o.attempts} ` +
    `attempt${o.attempts === 1 ? "" : "s"} over ${formatDuration(o.spentMs)}; gave up.${wait} ` +
    "Try again later, or make fewer requests at once."
  );
}

/** No answer in time. */
export function timeoutMessage(what: string, timeoutMs: number): string {
  return `Azure DevOps did not answer the request to ${what} within ${formatDuration(timeoutMs)}. Check the network and proxy, or try again later.`;
}

/** The connection itself failed. */
export function networkMessage(what: string, detail: string): string {
  return `Could not reach Azure DevOps to ${what}: ${detail}. Check the URL, the network and the proxy settings.`;
}
