/**
 * Wire types of the Azure DevOps REST areas we call, named as the official specs name them
 * (tokens 7.1/7.2, tokenadmin 7.1, graph 7.1). Field names are verbatim from the wire.
 */

/** The Entra resource (application id) of Azure DevOps. */
export const AZURE_DEVOPS_RESOURCE = "499b84ac-1321-427f-aa17-267ca6975798";
/**
 * What tasks, CLI and hub ask Entra for: every delegated permission the app registration was granted. The
 * PAT API needs vso.pats (read) and vso.pats_manage (write); src/auth/token-permissions.ts checks the `scp`.
 */
export const AZURE_DEVOPS_DEFAULT_SCOPE = `${AZURE_DEVOPS_RESOURCE}/.default`;
/** The date global (all-organization) PATs stop working. */
export const GLOBAL_PAT_CUTOFF = "2026-12-01T00:00:00Z";

export const PATS_API_VERSION = "7.1-preview.1";
export const TOKENADMIN_API_VERSION = "7.1";
export const GRAPH_API_VERSION = "7.1-preview.1";

export type DisplayFilterOption = "active" | "revoked" | "expired" | "all";
export type SortByOption = "displayName" | "displayDate" | "status";

/**
 * `SessionTokenError` as of the 7.2 spec (7.1 values first, then the 7.2 additions).
 * @public The list the type below is derived from; exported so it can be compared with the spec.
 */
export const SESSION_TOKEN_ERRORS = [
  "none",
  "displayNameRequired",
  "invalidDisplayName",
  "invalidValidTo",
  "invalidScope",
  "userIdRequired",
  "invalidUserId",
  "invalidUserType",
  "accessDenied",
  "failedToIssueAccessToken",
  "invalidClient",
  "invalidClientType",
  "invalidClientId",
  "invalidTargetAccounts",
  "hostAuthorizationNotFound",
  "authorizationNotFound",
  "failedToUpdateAccessToken",
  "sourceNotSupported",
  "invalidSourceIP",
  "invalidSource",
  "duplicateHash",
  "sshPolicyDisabled",
  "invalidToken",
  "tokenNotFound",
  "invalidAuthorizationId",
  "failedToReadTenantPolicy",
  "globalPatPolicyViolation",
  "fullScopePatPolicyViolation",
  "patLifespanPolicyViolation",
  "invalidTokenType",
  "invalidAudience",
  "invalidSubject",
  "deploymentHostNotSupported",
  "disablePatCreationPolicyViolation",
  "failedToReadOrgPolicy",
  "globalPATCreationBlocked",
  "expiredPatCannotBeExtended",
] as const;
export type SessionTokenError = (typeof SESSION_TOKEN_ERRORS)[number];

export interface PatToken {
  displayName: string;
  /** ISO date-time. */
  validTo: string;
  /** Space-separated scope names, or `app_token` for full access. */
  scope: string;
  /** Organization (host) ids; `null` means a global PAT valid in all the user's organizations. */
  targetAccounts: string[] | null;
  /** ISO date-time of creation. */
  validFrom: string;
  authorizationId: string;
  /** The secret: set only in the create response, null elsewhere. */
  token: string | null;
}

export interface PatTokenResult {
  patToken: PatToken | null;
  patTokenError: SessionTokenError;
  /** 7.2 only. */
  patTokenErrorMessage?: string | null;
}

export interface PagedPatTokens {
  /** Empty string when there are no more pages. */
  continuationToken: string;
  patTokens: PatToken[];
}

export interface PatListOptions {
  displayFilterOption?: DisplayFilterOption;
  sortByOption?: SortByOption;
  isSortAscending?: boolean;
  /** Page size, at most 100 (service default 20). */
  top?: number;
  continuationToken?: string;
}

export interface PatTokenCreateRequest {
  displayName: string;
  scope: string;
  validTo: string;
  allOrgs: boolean;
}

export interface PatTokenUpdateRequest {
  authorizationId: string;
  displayName?: string;
  scope?: string;
  validTo?: string;
  allOrgs?: boolean;
}

/** tokenadmin `SessionToken`. */
export interface SessionToken {
  accessId: string;
  alternateToken?: string | null;
  authorizationId: string;
  claims?: Record<string, string> | null;
  clientId: string;
  displayName: string | null;
  hostAuthorizationId: string;
  isPublic: boolean;
  isValid: boolean;
  publicData?: string | null;
  scope: string;
  source?: string | null;
  targetAccounts: string[] | null;
  token: string | null;
  userId: string;
  validFrom: string;
  validTo: string;
}

export interface TokenAdminPagedSessionTokens {
  value: SessionToken[];
  /** A GUID, null at the end. */
  continuationToken: string | null;
}

export interface GraphUser {
  subjectKind: string;
  domain: string;
  principalName: string;
  mailAddress: string;
  origin: string;
  originId: string;
  displayName: string;
  descriptor: string;
  url?: string;
}

/** profile/profiles/me */
export interface Profile {
  id: string;
  displayName: string;
  emailAddress: string;
  publicAlias?: string;
  coreRevision?: number;
  timeStamp?: string;
  revision?: number;
}

/** accounts?memberId= */
export interface Account {
  accountId: string;
  accountName: string;
  accountUri: string;
}

/** distributedtask variable group (only the fields we use). */
export interface VariableGroupVariable {
  value?: string | null;
  isSecret?: boolean;
  isReadOnly?: boolean;
}
export interface VariableGroup {
  id: number;
  name: string;
  type?: string;
  description?: string;
  variables: Record<string, VariableGroupVariable>;
  variableGroupProjectReferences?: Array<{ name: string; description?: string; projectReference: { id?: string; name: string } }>;
}
