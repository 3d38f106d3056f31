/**
 * The hub's organization-wide settings, kept with the SDK's extension data service (the host's
 * `ms.vss-features.extension-data-service`, "Default" scope = shared by the whole organization).
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
/** Key of the organization's Entra client id override. */
const CLIENT_ID_SETTING = "entraClientId";

export interface OrganizationSettings {
  /** The stored setting (either stored shape); { clientId: "" } when nothing is set. */
  clientId(): Promise<ClientIdSetting>;
  /** Saves a GUID (or "" to use the build's id) with who saves it and when; refuses anything else. */
  setClientId(value: string): Promise<ClientIdSetting>;
}

export interface SettingsEnvironment {
  user(): { id: string; displayName: string };
  now(): Date;
}

const SDK_ENVIRONMENT: SettingsEnvironment = { user: () => SDK.getUser(), now: () => new Date() };

/** Opens the data manager once per page. Any member may write organization-scoped data: see client-id.ts. */
export function extensionDataSettings(env: SettingsEnvironment = SDK_ENVIRONMENT): OrganizationSettings {
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
      return readClientIdSetting(await (await open()).getValue<unknown>(CLIENT_ID_SETTING, { scopeType: "Default", defaultValue: "" }));
    },
    async setClientId(value: string) {
      if (!isAcceptableSetting(value)) throw new PlainWordsError(strings.settingsClientIdInvalid);
      const document = clientIdDocument(value, env.user(), env.now());
      await (await open()).setValue(CLIENT_ID_SETTING, document, { scopeType: "Default" });
      return document;
    },
  };
}
