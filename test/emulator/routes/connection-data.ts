/** dev.azure.com `/{organization}/_apis/connectionData`: who the credential authenticates as (PAT, user or job token). */
import { randomUUID } from "crypto";
import { identifyCaller } from "../caller";
import type { EmulatorContext, Route } from "../context";
import type { Exchange } from "../exchange";
import { sendNotAuthorized, sendNotSignedIn, sendOrganizationNotFound } from "../vss-errors";
import { methodNotAllowed } from "./org-guard";

export const connectionDataRoutes: Route[] = [
  { service: "devops", method: "*", pattern: /^\/([^/_][^/]*)\/_apis\/connectiondata\/?$/i, handle: connectionData },
];

const deploymentId = randomUUID();

function connectionData(ex: Exchange, m: RegExpExecArray, ctx: EmulatorContext): void {
  const org = ctx.state.findOrganization(m[1]);
  if (!org) return sendOrganizationNotFound(ex, m[1]);
  if (ex.method !== "GET") return methodNotAllowed(ex);
  const caller = identifyCaller(ex, ctx.state, ctx.minter, org);
  let identity: { id: string; name: string; account: string };
  switch (caller.kind) {
    case "entraUser":
    case "pat":
      if (!caller.user.organizations.includes(org.id)) return sendNotAuthorized(ex, caller.user.principalName);
      identity = { id: caller.user.id, name: caller.user.displayName, account: caller.user.principalName };
      break;
    case "job":
      if (caller.identity.orgId !== org.id) return sendNotAuthorized(ex, caller.identity.displayName);
      identity = { id: caller.identity.id, name: caller.identity.displayName, account: `Build\\${caller.identity.id}` };
      break;
    default:
      return sendNotSignedIn(ex);
  }
  const descriptor = `Microsoft.IdentityModel.Claims.ClaimsIdentity;${ctx.state.tenantId}\\${identity.account}`;
  const person = {
    id: identity.id,
    descriptor,
    subjectDescriptor: `aad.${Buffer.from(identity.id).toString("base64").replace(/=+$/, "")}`,
    providerDisplayName: identity.name,
    isActive: true,
    properties: { Account: { $type: "System.String", $value: identity.account } },
    resourceVersion: 2,
    metaTypeId: 0,
  };
  ex.json(200, {
    authenticatedUser: person,
    authorizedUser: person,
    instanceId: org.id,
    deploymentId,
    deploymentType: "hosted",
    // The access mapping tells clients the public URL of this collection (what OPTIONS/ResourceAreas then build on).
    locationServiceData: {
      serviceOwner: "00025394-6065-48ca-87d9-7f5672854ef7",
      defaultAccessMappingMoniker: "PublicAccessMapping",
      accessMappings: [
        {
          displayName: "Public Access Mapping",
          moniker: "PublicAccessMapping",
          accessPoint: `${ex.origin}/${org.name}/`,
          serviceOwner: "00025394-6065-48ca-87d9-7f5672854ef7",
          virtualDirectory: "",
        },
      ],
      lastChangeId: 1,
      lastChangeId64: 1,
    },
  });
}
