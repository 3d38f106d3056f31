/** Error answers in the shapes Azure DevOps sends: VSS exception JSON, the 203 sign-in page, TF400813. */
import { randomUUID } from "crypto";
import type { Exchange } from "./exchange";

export interface VssErrorType {
  typeKey: string;
  typeName: string;
}

/** The exception `typeKey` of `namespace`, as the service names it: `namespace.typeKey, assembly`. */
export function vssErrorType(typeKey: string, namespace: string, assembly = namespace): VssErrorType {
  return { typeKey, typeName: `${namespace}.${typeKey}, ${assembly}` };
}

const FRAMEWORK = "Microsoft.TeamFoundation.Framework.Server";
const WEBAPI = "Microsoft.VisualStudio.Services.WebApi";
export const INVALID_ACCESS = vssErrorType("InvalidAccessException", FRAMEWORK);
export const UNAUTHORIZED_REQUEST = vssErrorType("UnauthorizedRequestException", FRAMEWORK);
export const ARGUMENT: VssErrorType = { typeKey: "ArgumentException", typeName: "System.ArgumentException, mscorlib" };
export const ARGUMENT_NULL: VssErrorType = { typeKey: "ArgumentNullException", typeName: "System.ArgumentNullException, mscorlib" };
export const JSON_READER = vssErrorType("JsonReaderException", "Newtonsoft.Json");
export const THROTTLED = vssErrorType("ClientRequestThrottledException", FRAMEWORK);
export const NOT_FOUND_ROUTE = vssErrorType("RouteNotFoundException", WEBAPI);
export const VERSION_NOT_SPECIFIED = vssErrorType("VssVersionNotSpecifiedException", WEBAPI);
export const VERSION_OUT_OF_RANGE = vssErrorType("VssVersionOutOfRangeException", WEBAPI);
export const PREVIEW_REQUIRED = vssErrorType("VssInvalidPreviewVersionException", WEBAPI);
export const INVALID_VERSION = vssErrorType("VssInvalidApiVersionException", WEBAPI);
export const INTERNAL = vssErrorType("InternalServerErrorException", FRAMEWORK);
export const SERVICE_UNAVAILABLE = vssErrorType("ServiceUnavailableException", FRAMEWORK);

export function vssErrorBody(type: VssErrorType, message: string, eventId = 3000): Record<string, unknown> {
  return { $id: "1", innerException: null, message, typeName: type.typeName, typeKey: type.typeKey, errorCode: 0, eventId };
}

export function sendVssError(
  ex: Exchange,
  status: number,
  type: VssErrorType,
  message: string,
  headers: Record<string, string | number> = {},
): void {
  ex.json(status, vssErrorBody(type, message), { activityid: randomUUID(), ...headers });
}

/**
 * No usable credential. Without `X-TFS-FedAuthRedirect: Suppress` the service answers 203 with its
 * HTML sign-in page (and the sign-in URL in the X-TFS-FedAuthRedirect response header); with it, 401 TF400813.
 */
export function sendNotSignedIn(ex: Exchange, userName = ""): void {
  const signInUrl = `https://spsprod.vssps.visualstudio.com/_signin?realm=${encodeURIComponent(ex.url.host)}&reply_to=${encodeURIComponent(ex.url.href)}`;
  if ((ex.header("x-tfs-fedauthredirect") ?? "").toLowerCase() === "suppress") {
    sendVssError(ex, 401, UNAUTHORIZED_REQUEST, `TF400813: The user '${userName}' is not authorized to access this resource.`, {
      "www-authenticate": `Bearer authorization_uri=https://login.microsoftonline.com/common, Basic realm="${ex.origin}/"`,
      "x-tfs-fedauthrealm": ex.url.host,
      "x-tfs-fedauthissuer": `${ex.origin}/`,
    });
    return;
  }
  ex.html(203, signInPage(signInUrl), { "x-tfs-fedauthredirect": signInUrl, "x-tfs-fedauthrealm": ex.url.host });
}

/** No such organization on this host. */
export function sendOrganizationNotFound(ex: Exchange, name: string): void {
  sendVssError(
    ex,
    404,
    { typeKey: "HostNotFoundException", typeName: `${FRAMEWORK}.HostNotFoundException, ${FRAMEWORK}` },
    `The resource cannot be found. No organization named '${name}' exists.`,
  );
}

/** The caller is known but may not see this organization: 401 TF400813 naming them. */
export function sendNotAuthorized(ex: Exchange, userName: string): void {
  sendVssError(ex, 401, UNAUTHORIZED_REQUEST, `TF400813: The user '${userName}' is not authorized to access this resource.`);
}

function signInPage(signInUrl: string): string {
  const escaped = signInUrl.replace(/&/g, "&amp;").replace(/"/g, "&quot;");
  return `<!DOCTYPE html>
<html lang="en-US">
<head><title>Azure DevOps Services | Sign In</title><meta http-equiv="X-UA-Compatible" content="IE=11;IE=10;IE=9;IE=8" /></head>
<body><div class="container"><h1>Sign In</h1><p>You need to sign in to access this page.</p>
<a href="${escaped}">Continue to sign in</a></div></body>
</html>`;
}

/** A PAT without the scope an API needs, in the service's words; `status` and `type` differ by API (401 for Graph, 403 for Profile). */
export function sendPatScopeMissing(ex: Exchange, status: 401 | 403, type: VssErrorType, scope: string): void {
  sendVssError(ex, status, type, `The personal access token used does not have the scope required for this request (${scope}).`);
}
