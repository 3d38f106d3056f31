/**
 * Organization mode's HTTP client: the Entra user's token or the admin PAT, through the agent's
 * proxy, with every request paced by one ScanThrottle so a large scan backs off instead of being blocked.
 */
import type { OrgContext } from "../../src/api/context";
import { endpointsFromEnv } from "../../src/api/endpoints";
import { HttpClient } from "../../src/api/http";
import { type Credential } from "../../src/api/credential";
import { ScanThrottle, throttledFetch } from "../../src/expiry/scan-throttle";
import { agentFetch } from "../../src/pipeline/agent-fetch";
import { logLine } from "../../src/pipeline/task-log";
import { loc } from "./loc";

/** Users read at once; the throttle lowers the number of requests in flight when told to slow down. */
export const ORG_SCAN_CONCURRENCY = 8;

export function organizationContext(organization: string, credential: Credential): OrgContext {
  const throttle = new ScanThrottle({
    maxConcurrency: ORG_SCAN_CONCURRENCY,
    onSlowDown: (e) => logLine(loc("Throttled", e.status, Math.ceil(e.pauseMs / 1000), e.limit, Math.floor(e.rate))),
  });
  const http = new HttpClient({ credential, fetch: throttledFetch(agentFetch(), throttle) });
  return { http, endpoints: endpointsFromEnv(), organization };
}
