/**
 * The job's OIDC token for a workload identity federation connection, as AzurePipelinesCredential asks for it:
 * POST `${SYSTEM_OIDCREQUESTURI}?api-version=7.1&serviceConnectionId=<id>` with the job's token
 * (learn.microsoft.com/rest/api/azure/devops/distributedtask/oidctoken/create). The token is issued by
 * `https://vstoken.dev.azure.com/<organization id>` for `sc://<org>/<project>/<connection name>`, audience
 * `api://AzureADTokenExchange` (learn.microsoft.com/azure/devops/pipelines/release/configure-workload-identity).
 */
import type { EmulatorContext, Route } from "../context";
import type { Exchange } from "../exchange";
import { ARGUMENT, sendVssError } from "../vss-errors";
import { authenticatedMember } from "./org-guard";

const OIDC_AUDIENCE = "api://AzureADTokenExchange";

export function oidcIssuer(orgId: string): string {
  return `https://vstoken.dev.azure.com/${orgId}`;
}

export const oidcTokenRoutes: Route[] = [
  {
    service: "devops",
    method: "POST",
    pattern:
      /^\/([^/_][^/]*)\/([^/]+)\/_apis\/distributedtask\/hubs\/([^/]+)\/plans\/([0-9a-f-]{36})\/jobs\/([0-9a-f-]{36})\/oidctoken\/?$/i,
    handle: issueOidcToken,
  },
];

function issueOidcToken(ex: Exchange, m: RegExpExecArray, ctx: EmulatorContext): void {
  const admitted = authenticatedMember(ex, ctx, m[1]);
  if (!admitted) return;
  if (admitted.caller.kind !== "job") {
    return sendVssError(ex, 400, ARGUMENT, "An OIDC token can only be requested with the job's access token (System.AccessToken).");
  }
  const { org } = admitted;
  const project = [...new Set([...ctx.state.serviceEndpoints.values()].flatMap((e) => e.projects))].find(
    (p) => p.toLowerCase() === m[2].toLowerCase() || ctx.state.projectId(org.id, p) === m[2].toLowerCase(),
  );
  const id = ex.query("serviceConnectionId") ?? "";
  const endpoint = ctx.state.serviceEndpoints.get(id.toLowerCase());
  if (!project || !endpoint || endpoint.orgId !== org.id || !endpoint.projects.some((p) => p.toLowerCase() === project.toLowerCase())) {
    return sendVssError(ex, 400, ARGUMENT, `Service connection with id '${id}' was not found, or the job may not use it.`);
  }
  if (endpoint.scheme !== "WorkloadIdentityFederation") {
    return sendVssError(
      ex,
      400,
      ARGUMENT,
      `Service connection '${endpoint.name}' does not use workload identity federation (scheme ${endpoint.scheme}).`,
    );
  }
  const subject = `sc://${org.name}/${endpoint.projects[0]}/${endpoint.name}`;
  ex.json(200, { oidcToken: ctx.minter.oidcToken({ issuer: oidcIssuer(org.id), subject, audience: OIDC_AUDIENCE }) });
}
