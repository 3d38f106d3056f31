/**
 * `pat-lifecycle app-registration`: the Azure CLI commands (or the manifest fragment) for the app
 * registration the CLI, the sign-in task and the hub sign in through. The permission ids are looked up
 * from the Azure DevOps service principal's oauth2PermissionScopes when the script runs, never written in.
 */
import { AZURE_DEVOPS_RESOURCE } from "../api/model";

/** Loopback redirect of `pat-lifecycle login` (any port matches, RFC 8252). */
const CLI_REDIRECT_URI = "http://localhost";
/** The hub's Nested App Authentication popup, registered as a SPA redirect URI. */
const HUB_REDIRECT_URI = "https://dev.azure.com/_public/_MsalPopup";
/** Delegated Azure DevOps permissions: reading and managing the signed-in user's PATs. */
const PAT_SCOPES = ["vso.pats", "vso.pats_manage"];
/** What the organization-wide scan of CheckPatExpiry also needs. */
const ORG_SCAN_SCOPES = ["vso.tokenadministration", "vso.graph"];

interface AppRegistrationParams {
  displayName: string;
  /** Also ask for the organization scan's permissions. */
  orgScan: boolean;
}

function scopesOf(p: AppRegistrationParams): string[] {
  return p.orgScan ? [...PAT_SCOPES, ...ORG_SCAN_SCOPES] : PAT_SCOPES;
}

/** A JMESPath query for one delegated permission's id on the Azure DevOps service principal. */
function permissionIdQuery(scope: string): string {
  return `oauth2PermissionScopes[?value=='${scope}'].id | [0]`;
}

function shellVariable(scope: string): string {
  return `${scope.replace(/^vso\./, "").toUpperCase()}_ID`;
}

/** A bash script of Azure CLI commands; run it signed in (`az login`) as someone who may create apps and grant consent. */
export function appRegistrationScript(p: AppRegistrationParams): string {
  const scopes = scopesOf(p);
  const name = p.displayName.replace(/'/g, "'\\''");
  return [
    "#!/usr/bin/env bash",
    "# Creates the PAT Lifecycle app registration: a public client for `pat-lifecycle login` and the sign-in task,",
    "# a SPA redirect for the hub, and the delegated Azure DevOps permissions, with consent for the tenant.",
    "set -euo pipefail",
    `AZURE_DEVOPS=${AZURE_DEVOPS_RESOURCE}`,
    "# The permission ids come from the Azure DevOps service principal in your tenant.",
    ...scopes.map((s) => `${shellVariable(s)}=$(az ad sp show --id "$AZURE_DEVOPS" --query "${permissionIdQuery(s)}" -o tsv)`),
    ...scopes.map(
      (s) =>
        `[ -n "$${shellVariable(s)}" ] || { echo "The Azure DevOps service principal has no delegated permission ${s}; is Azure DevOps enabled in this tenant?" >&2; exit 1; }`,
    ),
    `APP_ID=$(az ad app create --display-name '${name}' --sign-in-audience AzureADMyOrg --is-fallback-public-client true --public-client-redirect-uris ${CLI_REDIRECT_URI} --query appId -o tsv)`,
    'OBJECT_ID=$(az ad app show --id "$APP_ID" --query id -o tsv)',
    `az rest --method PATCH --uri "https://graph.microsoft.com/v1.0/applications/$OBJECT_ID" --headers Content-Type=application/json --body '{"spa":{"redirectUris":["${HUB_REDIRECT_URI}"]}}'`,
    `az ad app permission add --id "$APP_ID" --api "$AZURE_DEVOPS" --api-permissions ${scopes.map((s) => `"$${shellVariable(s)}=Scope"`).join(" ")}`,
    'az ad sp create --id "$APP_ID" > /dev/null',
    '# Consent for every user of the tenant (needs an admin); `az ad app permission admin-consent --id "$APP_ID"` does the same.',
    `az ad app permission grant --id "$APP_ID" --api "$AZURE_DEVOPS" --scope "${scopes.join(" ")}" > /dev/null`,
    'echo "Client ID: $APP_ID"',
    'echo "Tenant ID: $(az account show --query tenantId -o tsv)"',
    "",
  ].join("\n");
}

/** The same registration as a fragment of the application manifest (Microsoft Graph application resource). */
export function appRegistrationManifest(p: AppRegistrationParams): string {
  const fragment = {
    displayName: p.displayName,
    signInAudience: "AzureADMyOrg",
    isFallbackPublicClient: true,
    publicClient: { redirectUris: [CLI_REDIRECT_URI] },
    spa: { redirectUris: [HUB_REDIRECT_URI] },
    requiredResourceAccess: [
      {
        resourceAppId: AZURE_DEVOPS_RESOURCE,
        resourceAccess: scopesOf(p).map((s) => ({
          id: `<az ad sp show --id ${AZURE_DEVOPS_RESOURCE} --query "${permissionIdQuery(s)}" -o tsv>`,
          type: "Scope",
        })),
      },
    ],
  };
  return JSON.stringify(fragment, null, 2);
}
