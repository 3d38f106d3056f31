/**
 * The gate in front of every organization route, in the service's order: authentication (203/401),
 * organization membership (401 TF400813), the Entra token's scopes for the operation (401), then api-version (400).
 */
import { randomUUID } from "crypto";
import { checkApiVersion, type VersionRange } from "../api-version";
import { identifyCaller, type Caller } from "../caller";
import type { EmulatorContext } from "../context";
import type { Exchange } from "../exchange";
import type { Organization } from "../state";
import { missingScopes, specOperation } from "../scopes/scope-check";
import {
  ARGUMENT_NULL,
  JSON_READER,
  sendNotAuthorized,
  sendNotSignedIn,
  sendOrganizationNotFound,
  sendVssError,
  UNAUTHORIZED_REQUEST,
  vssErrorBody,
} from "../vss-errors";

export interface Admitted {
  org: Organization;
  caller: Exclude<Caller, { kind: "anonymous" }>;
}

export function admit(ex: Exchange, ctx: EmulatorContext, orgName: string, versions: VersionRange): Admitted | undefined {
  const admitted = authenticatedMember(ex, ctx, orgName);
  if (!admitted) return undefined;
  const { caller } = admitted;
  if (caller.kind === "entraUser" && !hasOperationScopes(ex, ctx, caller.scopes, caller.user.id)) return undefined;
  if (!checkApiVersion(ex, versions)) return undefined;
  return admitted;
}

/** Runs `next` for a caller `admit` lets through; otherwise its refusal was already sent. */
export async function whenAdmitted(
  ex: Exchange,
  ctx: EmulatorContext,
  orgName: string,
  versions: VersionRange,
  next: (admitted: Admitted) => void | Promise<void>,
): Promise<void> {
  const admitted = admit(ex, ctx, orgName, versions);
  if (admitted) await next(admitted);
}

/** The organization exists and the caller is authenticated and belongs to it; otherwise the refusal is sent. */
export function authenticatedMember(ex: Exchange, ctx: EmulatorContext, orgName: string): Admitted | undefined {
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
  return { org, caller };
}

/**
 * An Entra token needs the scopes the spec's `security` names for this operation. Without them the service
 * answers 401 TF400813 naming the user (MicrosoftDocs/vsts-rest-api-specs#441, microsoft/azure-devops-auth-samples#57:
 * a token lacking a scope gets 401, not 403). The emulator adds the missing scopes in `X-VSS-Emulator-Missing-Scopes`
 * (not a service header) for tests.
 */
function hasOperationScopes(ex: Exchange, ctx: EmulatorContext, tokenScopes: string[], userId: string): boolean {
  const op = specOperation(ex.method, ex.path);
  if (!op) return true;
  const missing = missingScopes(op, tokenScopes, ctx.state.fidelity);
  if (!missing.length) return true;
  sendVssError(ex, 401, UNAUTHORIZED_REQUEST, `TF400813: The user '${userId}' is not authorized to access this resource.`, {
    "x-vss-emulator-missing-scopes": missing.join(" "),
  });
  return false;
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
  sendVssError(
    ex,
    405,
    { typeKey: "HttpMethodNotAllowedException", typeName: "System.Web.Http.HttpMethodNotAllowedException, System.Web.Http" },
    `The requested resource does not support http method '${ex.method}'.`,
  );
}
