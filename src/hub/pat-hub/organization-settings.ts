/**
 * The hub's organization-wide settings, kept with the SDK's extension data service (the host's
 * `ms.vss-features.extension-data-service`, "Default" scope = shared by the whole organization).
 */
import * as SDK from "azure-devops-extension-sdk";

/** The subset of the host's IExtensionDataManager the hub uses. */
interface ExtensionDataManager {
  getValue<T>(key: string, options?: { scopeType?: "Default" | "User"; defaultValue?: T }): Promise<T>;
  setValue<T>(key: string, value: T, options?: { scopeType?: "Default" | "User" }): Promise<T>;
}

interface ExtensionDataService {
  getExtensionDataManager(extensionId: string, accessToken: string): Promise<ExtensionDataManager>;
}

export const EXTENSION_DATA_SERVICE_ID = "ms.vss-features.extension-data-service";
/** Key of the organization's Entra client id override. */
export const CLIENT_ID_SETTING = "entraClientId";

export interface OrganizationSettings {
  clientId(): Promise<string>;
  setClientId(value: string): Promise<void>;
}

/** Opens the data manager once per page; the host checks who may write organization-scoped data. */
export function extensionDataSettings(): OrganizationSettings {
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
      const value = await (await open()).getValue<string>(CLIENT_ID_SETTING, { scopeType: "Default", defaultValue: "" });
      return typeof value === "string" ? value : "";
    },
    async setClientId(value: string) {
      await (await open()).setValue(CLIENT_ID_SETTING, value.trim(), { scopeType: "Default" });
    },
  };
}
