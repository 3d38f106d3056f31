/**
 * What the organization view needs from the hub's sign-in: Token Admin and Graph through one paced client
 * (a ScanThrottle, as the task's organization scan), and the checks that the token may administer tokens and read
 * the audit log.
 */
import * as SDK from "azure-devops-extension-sdk";
import type { OrgContext } from "../../../api/context";
import { bearer } from "../../../api/credential";
import { HttpClient } from "../../../api/http";
import { ScanThrottle, throttledFetch } from "../../../expiry/scan-throttle";
import type { EntraTokenSource } from "../entra-sign-in";
import { hubEndpoints } from "../hub-endpoints";
import { checkHubToken, corsAwareFetch } from "../token-permissions-guard";

/** Users read at once, as the task's organization scan. */
export const ORG_VIEW_CONCURRENCY = 8;

export interface OrgViewAccess {
  org: OrgContext;
  /** True once Azure DevOps delayed or blocked a request of the scan. */
  throttled(): boolean;
  checkPermissions(): Promise<void>;
  /** Throws the sentence to show when the token lacks vso.auditlog (before any audit log request). */
  checkAuditPermission(): Promise<void>;
}

/** A new paced client per call: each scan starts with a fresh throttle. */
export function orgViewAccess(tokens: Pick<EntraTokenSource, "accessToken">): () => OrgViewAccess {
  return () => {
    const throttle = new ScanThrottle({ maxConcurrency: ORG_VIEW_CONCURRENCY });
    const http = new HttpClient({
      credential: bearer(() => tokens.accessToken()),
      fetch: throttledFetch(corsAwareFetch(), throttle),
      maxRetryTotalMs: 600_000,
    });
    return {
      org: { http, endpoints: hubEndpoints(SDK.getConfiguration()), organization: SDK.getHost().name },
      throttled: () => throttle.delayed > 0 || throttle.throttled > 0,
      checkPermissions: async () => checkHubToken(await tokens.accessToken(), "scanOrganization", Date.now()),
      checkAuditPermission: async () => checkHubToken(await tokens.accessToken(), "readAuditLog", Date.now()),
    };
  };
}
