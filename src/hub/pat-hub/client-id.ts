/** The Entra application (client) id the hub signs in with: the organization's setting, else the build's. */

// Replaced by webpack's DefinePlugin from PAT_LIFECYCLE_HUB_CLIENT_ID; absent outside the bundle.
declare const __PAT_LIFECYCLE_HUB_CLIENT_ID__: string | undefined;

/** The id baked in at build time, or "" when the extension was built without one. */
export const BUILD_CLIENT_ID: string =
  typeof __PAT_LIFECYCLE_HUB_CLIENT_ID__ === "string" ? __PAT_LIFECYCLE_HUB_CLIENT_ID__.trim() : "";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Application ids are GUIDs. */
export function isClientId(value: string): boolean {
  return GUID.test(value.trim());
}

export interface ClientIdChoice {
  clientId: string;
  source: "organization" | "build";
}

/** The organization override wins when it is a valid id; null when neither is set. */
export function chooseClientId(organizationSetting: string | undefined, buildDefault: string = BUILD_CLIENT_ID): ClientIdChoice | null {
  const org = (organizationSetting ?? "").trim();
  if (isClientId(org)) return { clientId: org, source: "organization" };
  if (isClientId(buildDefault)) return { clientId: buildDefault.trim(), source: "build" };
  return null;
}
