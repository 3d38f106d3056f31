/**
 * The Entra application (client) id the hub signs in with: the user's own setting (User-scope extension
 * data, affecting nobody else), else the organization's, fixed when the extension was built and packaged.
 * Also the stored setting's shape: the id with who set it and when.
 */
import { formatDay } from "./relative-day";
import { strings } from "./strings";

// Replaced by webpack's DefinePlugin from PAT_LIFECYCLE_HUB_CLIENT_ID; absent outside the bundle.
declare const __PAT_LIFECYCLE_HUB_CLIENT_ID__: string | undefined;

/** The id baked in at build time, or "" when the extension was built without one. */
export const BUILD_CLIENT_ID: string = typeof __PAT_LIFECYCLE_HUB_CLIENT_ID__ === "string" ? __PAT_LIFECYCLE_HUB_CLIENT_ID__.trim() : "";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Application ids are GUIDs. */
export function isClientId(value: string): boolean {
  return GUID.test(value.trim());
}

/** What the settings field accepts: a GUID, or empty to use the build's id. */
export function isAcceptableSetting(value: string): boolean {
  return value.trim() === "" || isClientId(value);
}

export interface ClientIdChoice {
  clientId: string;
  source: "user" | "build";
}

/** The user's own override wins when it is a valid id; null when neither is set. */
export function chooseClientId(userSetting: string | undefined, buildDefault: string = BUILD_CLIENT_ID): ClientIdChoice | null {
  const own = (userSetting ?? "").trim();
  if (isClientId(own)) return { clientId: own, source: "user" };
  if (isClientId(buildDefault)) return { clientId: buildDefault.trim(), source: "build" };
  return null;
}

/** Something is stored but it is not a GUID: it is ignored. */
export function isStoredValueInvalid(userSetting: string | undefined): boolean {
  return !isAcceptableSetting(userSetting ?? "");
}

/**
 * The user's setting as stored. The first version stored the id alone (a string); now it is
 * { clientId, setBy, setAt }, written by the hub of the user who saves it.
 */
export interface ClientIdSetting {
  clientId: string;
  setBy?: { id: string; displayName: string };
  /** ISO 8601. */
  setAt?: string;
}

/** Reads either stored shape; anything else reads as "nothing set". */
export function readClientIdSetting(stored: unknown): ClientIdSetting {
  if (typeof stored === "string") return { clientId: stored.trim() };
  if (!stored || typeof stored !== "object") return { clientId: "" };
  const o = stored as Record<string, unknown>;
  const clientId = typeof o.clientId === "string" ? o.clientId.trim() : "";
  const by = o.setBy as Record<string, unknown> | null | undefined;
  const setAt = typeof o.setAt === "string" && !Number.isNaN(Date.parse(o.setAt)) ? o.setAt : undefined;
  if (!by || typeof by !== "object" || typeof by.displayName !== "string" || !by.displayName.trim() || !setAt) return { clientId };
  return { clientId, setBy: { id: typeof by.id === "string" ? by.id : "", displayName: by.displayName.trim() }, setAt };
}

/** The document saved for `value`, signed with who saves it and when. */
export function clientIdDocument(value: string, user: { id: string; displayName: string }, now: Date): Required<ClientIdSetting> {
  return { clientId: value.trim(), setBy: { id: user.id, displayName: user.displayName }, setAt: now.toISOString() };
}

/** "Client id set by Ada Lovelace on 23 Nov 2026."; undefined when nothing was ever saved. */
export function auditLine(setting: ClientIdSetting): string | undefined {
  if (setting.setBy && setting.setAt) {
    const name = setting.setBy.displayName;
    const day = formatDay(setting.setAt);
    return setting.clientId ? strings.clientIdSetBy(name, day) : strings.clientIdClearedBy(name, day);
  }
  return setting.clientId ? strings.clientIdSetByUnknown : undefined;
}

/** What the sign-in guidance says about the id in use: who set it, and whether the stored value is ignored. */
export interface ClientIdNotes {
  audit?: string;
  invalid?: string;
  /** An organization-wide value an earlier version stored is no longer used. */
  legacy?: string;
}

export function clientIdNotes(setting: ClientIdSetting, buildDefault: string = BUILD_CLIENT_ID): ClientIdNotes {
  return {
    audit: auditLine(setting),
    invalid: isStoredValueInvalid(setting.clientId) ? strings.clientIdStoredInvalid(isClientId(buildDefault)) : undefined,
  };
}
