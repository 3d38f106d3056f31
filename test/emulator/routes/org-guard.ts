/**
 * The gate in front of every organization route, in the service's order: authentication (203/401),
 * organization membership (401 TF400813), then api-version (400).
 */
import { randomUUID } from "crypto";
import { checkApiVersion, type VersionRange } from "../api-version";
import { identifyCaller, type Caller } from "../caller";
import type { EmulatorContext } from "../context";
import type { Exchange } from "../exchange";
import type { Organization } from "../state";
import { ARGUMENT_NULL, JSON_READER, sendNotAuthorized, sendNotSignedIn, sendOrganizationNotFound, sendVssError, vssErrorBody } from "../vss-errors";

export interface Admitted {
  org: Organization;
  caller: Exclude<Caller, { kind: "anonymous" }>;
}

export function admit(ex: Exchange, ctx: EmulatorContext, orgName: string, versions: VersionRange): Admitted | undefined {
  const org = ctx.state.findOrganization(orgName);
  if (!org) {
    sendOrganizationNotFound(ex, orgName);
    return undefined;
  }
  const caller = identifyCaller(ex, ctx.state, ctx.minter, org);
  if (caller.kind === "anonymous") {
    sendNotSignedIn(ex);
    return undefined;
  }
  if ((caller.kind === "entraUser" || caller.kind === "pat") && !caller.user.organizations.includes(org.id)) {
    sendNotAuthorized(ex, caller.user.principalName);
    return undefined;
  }
  if (caller.kind === "job" && caller.identity.orgId !== org.id) {
    sendNotAuthorized(ex, caller.identity.displayName);
    return undefined;
  }
  if (!checkApiVersion(ex, versions)) return undefined;
  return { org, caller };
}

/** Parses a JSON request body the way the service's binder does; answers 400 and returns undefined on failure. */
export async function readJsonBody(ex: Exchange, parameterName: string): Promise<unknown> {
  const text = await ex.bodyText();
  if (text.trim() === "") {
    sendVssError(ex, 400, ARGUMENT_NULL, `Value cannot be null.\r\nParameter name: ${parameterName}`);
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    ex.json(400, vssErrorBody(JSON_READER, `TF400898: An Internal Error Occurred. Activity Id: ${randomUUID()}.`, 0));
    return undefined;
  }
}

export function methodNotAllowed(ex: Exchange): void {
  sendVssError(ex, 405, { typeKey: "HttpMethodNotAllowedException", typeName: "System.Web.Http.HttpMethodNotAllowedException, System.Web.Http" },
    `The requested resource does not support http method '${ex.method}'.`);
}
