/**
 * The signed-in user's own client id override, kept with the SDK's extension data service (the host's
 * `ms.vss-features.extension-data-service`) in "User" scope: it changes nothing for anyone else. The
 * organization-wide ("Default" scope) value earlier versions kept is never used: any member can write
 * that scope, so it could make everyone sign in through an app of that member's choosing. Its presence is
 * only mentioned, so members who relied on it learn why the page asks for a client id.
 */
import * as SDK from "azure-devops-extension-sdk";
import { clientIdDocument, isAcceptableSetting, readClientIdSetting, type ClientIdSetting } from "./client-id";
import { PlainWordsError } from "./describe-error";
import { strings } from "./strings";

/** The subset of the host's IExtensionDataManager the hub uses. */
interface ExtensionDataManager {
  getValue<T>(key: string, options?: { scopeType?: "Default" | "User"; defaultValue?: T }): Promise<T>;
  setValue<T>(key: string, value: T, options?: { scopeType?: "Default" | "User" }): Promise<T>;
}

interface ExtensionDataService {
  getExtensionDataManager(extensionId: string, accessToken: string): Promise<ExtensionDataManager>;
}

const EXTENSION_DATA_SERVICE_ID = "ms.vss-features.extension-data-service";
/** Key of the user's Entra client id override. */
const CLIENT_ID_SETTING = "entraClientId";

export interface ClientIdSettings {
  /** The user's stored setting (either stored shape); { clientId: "" } when nothing is set. */
  clientId(): Promise<ClientIdSetting>;
  /** Whether an earlier version left an organization-wide (Default-scope) client id: never used, only mentioned. */
  hasLegacyOrganizationValue(): Promise<boolean>;
  /** Saves a GUID (or "" to use the build's id) with who saves it and when; refuses anything else. */
  setClientId(value: string): Promise<ClientIdSetting>;
}

export interface SettingsEnvironment {
  user(): { id: string; displayName: string };
  now(): Date;
}

const SDK_ENVIRONMENT: SettingsEnvironment = { user: () => SDK.getUser(), now: () => new Date() };

/** Opens the data manager once per page; reads and writes the User scope only. */
export function extensionDataSettings(env: SettingsEnvironment = SDK_ENVIRONMENT): ClientIdSettings {
  let manager: Promise<ExtensionDataManager> | undefined;
  const open = (): Promise<ExtensionDataManager> =>
    (manager ??= (async () => {
      const service = await SDK.getService<ExtensionDataService>(EXTENSION_DATA_SERVICE_ID);
      return service.getExtensionDataManager(SDK.getExtensionContext().id, await SDK.getAccessToken());
    })().catch((e: unknown) => {
      manager = undefined; // a later attempt may succeed
      throw e;
    }));
  return {
    async clientId() {
      return readClientIdSetting(await (await open()).getValue<unknown>(CLIENT_ID_SETTING, { scopeType: "User", defaultValue: "" }));
    },
    async hasLegacyOrganizationValue() {
      const stored = await (await open()).getValue<unknown>(CLIENT_ID_SETTING, { scopeType: "Default", defaultValue: "" });
      return readClientIdSetting(stored).clientId !== "";
    },
    async setClientId(value: string) {
      if (!isAcceptableSetting(value)) throw new PlainWordsError(strings.settingsClientIdInvalid);
      const document = clientIdDocument(value, env.user(), env.now());
      await (await open()).setValue(CLIENT_ID_SETTING, document, { scopeType: "User" });
      return document;
    },
  };
}
