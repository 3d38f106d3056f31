/** The sentences a user sees when Azure DevOps refuses a credential, as the tests of test/api expect them word for word. */
import { AZURE_DEVOPS_RESOURCE } from "../../src/api/model";

/** What every "not signed in with an Entra user token" message ends with. */
export const ENTRA_HINT =
  "Check that the credential is a Microsoft Entra access token of a user (not a personal access token, the pipeline's " +
  `System.AccessToken or an app-only token), issued for Azure DevOps (audience ${AZURE_DEVOPS_RESOURCE}, ` +
  "delegated permissions vso.pats to read and vso.pats_manage to change PATs), not expired, and that the user is a member of the organization.";

/** 403 InvalidAccessException "The requested operation is not allowed." to a PAT or System.AccessToken. */
export const patRefused = (action: string): string =>
  `Azure DevOps refused to ${action} (HTTP 403 InvalidAccessException): The requested operation is not allowed. This API accepts only a ` +
  "Microsoft Entra user token: a personal access token or the pipeline's System.AccessToken cannot call it. Sign in as a user " +
  "(refresh token, access token or username and password).";

/** 403 InvalidAccessException "Service principals are not allowed to perform this action." to an app-only token. */
export const servicePrincipalRefused = (action: string): string =>
  `Azure DevOps refused to ${action} (HTTP 403 InvalidAccessException): Service principals are not allowed to perform this action. ` +
  "Service principals and managed identities cannot manage PATs: sign in as a user, so that the token is a delegated " +
  "Microsoft Entra user token (permissions vso.pats and vso.pats_manage).";
