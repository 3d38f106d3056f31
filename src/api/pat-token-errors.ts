/**
 * One sentence per `SessionTokenError` value (tokens 7.1 and 7.2 specs), saying what went wrong
 * in words a PAT owner can act on. Policy refusals name the policy as the portal shows it.
 */
import type { SessionTokenError } from "./model";

const SENTENCES: Record<SessionTokenError, string> = {
  none: "no error was reported.",
  displayNameRequired: "a PAT needs a name: the display name is empty.",
  invalidDisplayName: "the display name is not accepted (too long or containing characters Azure DevOps refuses).",
  invalidValidTo: "the expiration date is not accepted: it must be in the future and at most one year away.",
  invalidScope:
    "the scope is not accepted: use space-separated scope names such as 'vso.code vso.work_write', or 'app_token' for full access.",
  userIdRequired: "the request does not identify a user.",
  invalidUserId: "the user id of the request is not valid.",
  invalidUserType: "this kind of identity cannot own PATs: sign in as a regular Microsoft Entra user.",
  accessDenied: "access was denied: the signed-in user may not manage this PAT.",
  failedToIssueAccessToken: "Azure DevOps could not issue the token; try again later.",
  invalidClient: "the client application of the request is not valid.",
  invalidClientType: "the client application type is not allowed to manage PATs.",
  invalidClientId: "the client id of the request is not valid.",
  invalidTargetAccounts: "the target organizations are not valid for this user.",
  hostAuthorizationNotFound: "the organization-level authorization for this token was not found.",
  authorizationNotFound: "no authorization with this id was found.",
  failedToUpdateAccessToken: "Azure DevOps could not update the token; try again later.",
  sourceNotSupported: "the token source is not supported for this operation.",
  invalidSourceIP: "the request's source IP address is not allowed.",
  invalidSource: "the token source is not valid.",
  duplicateHash: "a token with the same hash already exists; try again.",
  sshPolicyDisabled: "the organization's policy disables SSH authentication.",
  invalidToken: "the PAT is no longer valid (it was revoked), so it cannot be changed.",
  tokenNotFound: "no PAT with this authorizationId exists for the signed-in user.",
  invalidAuthorizationId: "the authorizationId is not a valid identifier (a GUID is expected).",
  failedToReadTenantPolicy: "Azure DevOps could not read the Microsoft Entra tenant's PAT policies; try again later.",
  globalPatPolicyViolation:
    "the organization's 'Restrict global PAT creation' policy forbids PATs valid in all organizations: create it for this organization only (allOrgs false).",
  fullScopePatPolicyViolation:
    "the organization's 'Restrict full-scoped PAT creation' policy forbids full access (app_token): choose specific scopes.",
  patLifespanPolicyViolation:
    "the organization's 'Enforce maximum PAT lifespan' policy forbids this expiration date: choose a shorter lifetime.",
  invalidTokenType: "the token type is not valid for this operation.",
  invalidAudience: "the token's audience is not valid for this operation.",
  invalidSubject: "the token's subject is not valid for this operation.",
  deploymentHostNotSupported: "this Azure DevOps deployment does not support managing PATs through the API.",
  disablePatCreationPolicyViolation:
    "the organization's 'Restrict personal access token (PAT) creation' policy does not allow this user to create PATs (or only with packaging scopes).",
  failedToReadOrgPolicy: "Azure DevOps could not read the organization's PAT policies; try again later.",
  globalPATCreationBlocked:
    "the organization's 'Restrict global PAT creation' policy blocks global PATs (valid in all organizations): create it for this organization only (allOrgs false).",
  expiredPatCannotBeExtended: "an expired PAT cannot be extended: create a new one instead.",
};

/** The human sentence for a `patTokenError` value (any string, so unknown future values still read well). */
export function describePatTokenError(code: SessionTokenError | string): string {
  return (SENTENCES as Record<string, string>)[code] ?? `Azure DevOps reported the error '${code}'.`;
}
