/** Every sentence the hub shows, in one place so it can be reviewed and localized. */

export const strings = {
  pageTitle: "Personal access tokens",
  pageDescription: "Your personal access tokens in this organization: see when they expire, extend, rotate or revoke them.",
  loading: "Loading your personal access tokens…",
  signingIn: "Signing in…",

  naaUnavailableTitle: "Sign-in is not available in this organization yet",
  naaUnavailable:
    "This page signs you in with Microsoft Entra through Azure DevOps (Nested App Authentication), and this Azure DevOps " +
    "environment does not offer it yet. Your tokens are not shown because the page cannot read them, not because you have none.",
  naaUnavailableWhatToDo:
    "Until it is: manage your tokens in User settings > Personal access tokens, and watch their expiry from a pipeline with " +
    "the Check PAT expiry task (sign in for it once with `pat-lifecycle login`).",

  clientIdMissingTitle: "PAT Lifecycle is not configured for this organization",
  clientIdMissing:
    "No Microsoft Entra application (client) id is configured, so the page cannot sign you in. " +
    "Your tokens are not shown because the page cannot read them, not because you have none.",
  clientIdMissingWhatToDo:
    "An organization administrator registers a single-page application in Microsoft Entra ID with the redirect URI " +
    "https://dev.azure.com/_public/_MsalPopup and the delegated Azure DevOps permissions vso.pats and vso.pats_manage (admin consent), and packages " +
    "the organization's copy of this extension with its application (client) id. Until then you can enter, for yourself " +
    "only, the client id of an app registration you trust under Settings on this page.",

  signInRequiredTitle: "Sign in to see your tokens",
  signInRequired: "Azure DevOps needs you to confirm sign-in (or consent) before this page can read your personal access tokens.",
  signInButton: "Sign in",
  signInFailed: (detail: string) => `Sign-in did not complete: ${detail}`,

  settingsButton: "Settings",
  settingsTitle: "PAT Lifecycle settings",
  settingsClientIdLabel: "Your Microsoft Entra application (client) id",
  settingsClientIdHelp: (buildDefault: string) =>
    buildDefault
      ? `Leave empty to use the organization's app registration, which this extension was packaged with (${buildDefault}).`
      : "This extension was packaged without a client id, so you need one here until an administrator packages it with one.",
  settingsClientIdInvalid: "Enter the application (client) id as a GUID, for example 00000000-0000-0000-0000-000000000000.",
  settingsWarning:
    "This applies to you only: everyone else keeps signing in with the organization's app registration. Enter only the id " +
    "of an app registration you trust: signing in through it lets that app act on your Azure DevOps tokens.",
  settingsSave: "Save",
  settingsSaveFailed: (detail: string) => `The setting could not be saved: ${detail}`,
  clientIdSetBy: (name: string, day: string) => `Client id set by ${name} on ${day}.`,
  clientIdClearedBy: (name: string, day: string) => `Client id cleared by ${name} on ${day}.`,
  clientIdSetByUnknown: "Client id set before this page recorded changes: who set it, and when, is not known.",
  clientIdStoredInvalid: (usingBuild: boolean) =>
    "Your stored client id is not a GUID, so it is ignored" +
    (usingBuild ? " and the organization's app registration is used instead." : ".") +
    " Correct or clear it under Settings.",
  clientIdLegacyIgnored:
    "An organization-wide client id saved by an earlier version of this page is no longer used, because any member " +
    "could change it. An organization administrator packages the organization's copy of the extension with the id instead.",
  cancel: "Cancel",

  filterLabel: "Status",
  filterActive: "Active",
  filterExpired: "Expired",
  filterRevoked: "Revoked",
  filterAll: "All",
  searchPlaceholder: "Search by name",
  searchLabel: "Search tokens by name",

  columnName: "Name",
  columnStatus: "Status",
  columnExpires: "Expires",
  columnCreated: "Created",
  columnScope: "Scopes",
  columnOrganizations: "Organizations",
  columnActions: "Actions",

  statusActive: "Active",
  statusExpiringSoon: "Expiring soon",
  statusExpired: "Expired",
  statusRevoked: "Revoked",
  statusStoppedWorking: "Stopped working",
  revokedNoExpiry: "no longer usable",
  globalStops: "global token: stops on this day",
  globalStopped: "global tokens stopped working",

  fullAccess: "Full access",
  allOrganizations: "All organizations",
  globalCutoff: (date: string) => `Global tokens stop working on ${date}`,
  globalFlag: (date: string) => `Global · until ${date}`,
  thisOrganization: (name: string) => name,
  organizationCount: (n: number) => `${n} organizations`,

  countLoaded: (n: number, more: boolean) => `${n.toLocaleString("en-US")} token${n === 1 ? "" : "s"}${more ? " loaded, more below" : ""}`,
  countMatching: (n: number, total: number) => `${n.toLocaleString("en-US")} of ${total.toLocaleString("en-US")} tokens match`,
  loadMore: "Load more",
  loadingMore: "Loading more tokens…",
  emptyTitle: (filter: string) => `No ${filter.toLowerCase()} personal access tokens`,
  emptyAll: "You have no personal access tokens in this organization.",
  emptyHint: "Create one with New token.",
  noMatchTitle: "No token matches your search",
  noMatch: (text: string) => `No token name contains “${text}”.`,
  errorTitle: "Your tokens could not be loaded",
  retry: "Try again",

  newToken: "New token",
  edit: "Edit",
  extend: "Extend",
  rotate: "Rotate",
  revoke: "Revoke",
  rowActions: (name: string) => `Actions for ${name}`,

  extendTitle: (name: string) => `Extend “${name}”`,
  extendLabel: "New expiration date",
  extendHelp: "The token keeps its secret, scopes and organizations; only its expiration date changes.",
  extendGlobalLimit: (date: string) =>
    `This is a global token: it stops working on ${date} whatever its expiration date, so it cannot be extended past that. ` +
    "Rotate it instead: the new token works in this organization only, with no such limit.",
  extendGlobalStopped:
    "This global token has stopped working (global tokens stopped on 1 December 2026) and cannot be extended. Rotate it to get a token for this organization.",
  rotateInstead: "Rotate instead",
  extendDone: (name: string, date: string) => `“${name}” now expires on ${date}.`,

  revokeTitle: (name: string) => `Revoke “${name}”?`,
  revokeWarning: "Anything still using this token stops working immediately. This cannot be undone.",
  revokeConfirm: "Revoke token",
  revokeDone: (name: string) => `“${name}” was revoked.`,

  rotateTitle: (name: string) => `Rotate “${name}”`,
  rotateExplain:
    "Rotation creates a new token with the same name, scopes and organizations, valid for the number of days below, " +
    "and then revokes the old one. Update everything that uses the old token with the new secret.",
  rotateDaysLabel: "New token valid for (days)",
  rotateDaysInvalid: (max: number) => `Enter a whole number of days from 1 to ${max}.`,
  rotateConfirm: "Rotate token",
  rotateDone: (name: string) => `“${name}” was rotated.`,
  rotateStoreName: "this page (shown once)",
  rotateNarrowed:
    "The old token was valid in all organizations; the new one is valid in this organization only, because global tokens stop working on 1 December 2026.",
  rotateClamped: (date: string) => `The organization's policy shortened the new token's lifetime: it expires on ${date}.`,
  rotateRevokeByHand: (name: string) => `The old token “${name}” could not be revoked: revoke it yourself once nothing uses it.`,
  rotateFailed: (why: string) => `The token was not rotated: ${why}`,
  rotateFailureReason: {
    notFound: "the token no longer exists.",
    ambiguous: "several active tokens have this name.",
    revoked: "the token is revoked.",
    expired: "the token has expired.",
    createFailed: "the new token could not be created.",
    createOutcomeUnknown: "Azure DevOps did not confirm that the new token was created; check the list before trying again.",
    verifyFailed: "the new token did not work, so it was revoked again and the old one still works.",
    storeFailed: "the new token could not be delivered, so it was revoked again and the old one still works.",
    extendFailed: "the token could not be extended.",
  },

  createTitle: "New personal access token",
  createNameLabel: "Name",
  createExpiresLabel: "Expiration date",
  createScopeLabel: "Scopes",
  createScopeHelp: "Pick each area the token needs, at the lowest level that does the job.",
  createConfirm: "Create",
  scopeFullAccess: "Full access (every scope, in every area)",
  scopeFullAccessWarning:
    "A full-access token can do everything you can do in Azure DevOps. If it leaks, all of that leaks with it: pick only the areas and levels you need.",
  expiryPreset: (days: number) => `${days} days`,
  expiryCustom: "Custom date…",
  expiryDateLabel: "Custom expiration date",
  expiryResult: (date: string) => `Expires on ${date}.`,
  expiryOutOfRange: (max: string) => `Pick a date from tomorrow to ${max}.`,
  editTitle: (name: string) => `Edit “${name}”`,
  editConfirm: "Save",
  editDone: (name: string) => `“${name}” was saved.`,
  editNoChange: "Nothing has changed yet.",
  createNameRequired: "Enter a name.",
  createScopeInvalid: (unknown: string) => `These scopes are not known: ${unknown}.`,
  createScopeEmpty: "Pick at least one scope.",
  createDone: (name: string) => `“${name}” was created.`,

  secretTitle: "Copy your new token now",
  secretWarning: "This is the only time the token is shown. Store it somewhere safe: it cannot be shown again.",
  secretLabel: "New token",
  copy: "Copy",
  copied: "Copied to the clipboard.",
  secretDone: "I have copied the token",
  secretCloseTitle: "Close without copying the token?",
  secretCloseWarning:
    "You have not copied the new token. Once this dialog closes, nobody can show it again: you would have to rotate the token again.",
  secretKeepOpen: "Go back and copy it",
  secretCloseAnyway: "Close without copying",

  working: "Working…",

  errorNetwork: "Azure DevOps could not be reached. Check your connection and try again.",
  errorNotSignedIn: "Azure DevOps did not accept your sign-in. Reload the page to sign in again.",
  permissionsMissing: (what: string, missing: string[], appId: string, has: string) =>
    `${what} needs the delegated Azure DevOps permission${missing.length === 1 ? "" : "s"} ${missing.join(" and ")}, ` +
    `which this page's sign-in${appId ? ` (app registration ${appId})` : ""} does not have (it has: ${has || "none"}). ` +
    "An administrator adds " +
    (missing.length === 1 ? "it" : "them") +
    " in the Entra admin center > App registrations > " +
    (appId || "the app registration") +
    " > API permissions > Add a permission > Azure DevOps > Delegated permissions, " +
    "and grants admin consent; then reload this page.",
  errorThrottled: (retryAfterMs: number | undefined) =>
    "Azure DevOps is limiting your requests right now. " +
    (retryAfterMs !== undefined && retryAfterMs > 0
      ? `Try again in ${Math.max(1, Math.ceil(retryAfterMs / 1000))} seconds.`
      : "Wait a minute, then try again."),
  errorUnavailable: "Azure DevOps is unavailable for the moment. Try again in a few minutes.",
  errorServiceFault:
    "Azure DevOps had a problem on its side and did not do it. Try again in a few minutes; if it keeps failing, give Microsoft support the details.",
  errorRefused:
    "Azure DevOps refused the request. Show the details to see why, and ask your organization's administrator if you cannot change it.",
  errorUnknown: "Something went wrong in this page. Try again; if it keeps failing, report the details.",
  showDetails: "Show details",
  hideDetails: "Hide details",
  copyDetails: "Copy details",
  detailsActivityId: (id: string) => `Activity Id: ${id}`,
} as const;
