/**
 * The host side of azure-devops-extension-sdk's XDM protocol, as the Azure DevOps web page plays it
 * for an extension iframe: the `DevOps.HostControl` handshake, `DevOps.ServiceManager` services
 * (the extension data service), and `DevOps.NestedAppAuth` for msal-browser's NAA bridge, with
 * tokens from the emulator's Entra half (through this host's server).
 *
 * A browser script (no imports): tsc emits it as is and test/host/hub-host.ts serves it.
 */
(() => {
  interface HostConfig {
    hubUrl: string;
    hubOrigin: string;
    naa: boolean;
    /** The first silent NAA request fails with USER_INTERACTION_REQUIRED until a popup request. */
    interactionRequired: boolean;
    theme: "light" | "dark";
    organization: { id: string; name: string };
    user: { id: string; name: string; displayName: string; descriptor: string };
    extension: { publisherId: string; extensionId: string; version: string };
    contributionId: string;
    endpoints: { vsspsUrl: string; devopsUrl: string; authorityHost: string };
  }

  /** One XDM message: a call (instanceId + methodName) or an answer (id + result | error). */
  interface RpcMessage {
    id: number;
    instanceId?: string;
    instanceContext?: unknown;
    methodName?: string;
    params?: unknown[];
    result?: unknown;
    error?: unknown;
    handshakeToken?: string;
    serializationSettings?: unknown;
  }

  interface NaaRequest {
    messageType: string;
    method: string;
    requestId: string;
    tokenParams?: { clientId?: string; scope?: string; correlationId?: string };
  }

  type Handler = (...args: unknown[]) => unknown;

  const config = JSON.parse((document.getElementById("hub-host-config") as HTMLScriptElement).textContent ?? "{}") as HostConfig;
  const frame = document.getElementById("hub-frame") as HTMLIFrameElement;
  /** What the hub asked of the host, for tests (never token values). */
  const log: Array<{ instanceId: string; method: string; detail?: string }> = [];
  let consented = !config.interactionRequired;
  let nextOwnMessageId = 1;
  const pending = new Map<number, (m: RpcMessage) => void>();

  // --- Serialization: functions in results become proxy ids the SDK calls back through "__proxyFunctions".
  const proxyFunctions = new Map<string, Handler>();
  let nextProxyId = 1;

  function serialize(value: unknown, depth = 0): unknown {
    if (value === null || value === undefined || depth > 100) return value ?? undefined;
    if (typeof value === "function") {
      const id = nextProxyId++;
      proxyFunctions.set(`proxy${id}`, value as Handler);
      return { __proxyFunctionId: id, _channelId: 1 };
    }
    if (value instanceof Date) return { __proxyDate: value.getTime() };
    if (value instanceof Error) return { name: value.name, message: value.message };
    if (Array.isArray(value)) return value.map((v) => serialize(v, depth + 1));
    if (typeof value === "object") {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = serialize(v, depth + 1);
      return out;
    }
    return value;
  }

  function post(message: RpcMessage): void {
    frame.contentWindow?.postMessage(JSON.stringify(message), config.hubOrigin);
  }

  // --- What the host offers.
  const themeData = (): Record<string, string> => (currentTheme === "dark" ? DARK_THEME : LIGHT_THEME);
  let currentTheme = config.theme;

  const hostControl: Record<string, Handler> = {
    initialHandshake: (options) => {
      log.push({ instanceId: "DevOps.HostControl", method: "initialHandshake", detail: JSON.stringify(options) });
      return {
        contributionId: config.contributionId,
        context: {
          extension: { ...config.extension, id: `${config.extension.publisherId}.${config.extension.extensionId}` },
          user: { ...config.user, imageUrl: "" },
          host: { id: config.organization.id, name: config.organization.name, serviceVersion: "test-host", type: 4, isHosted: true },
        },
        initialConfig: { patLifecycleEndpoints: config.endpoints },
        themeData: themeData(),
      };
    },
    notifyLoadSucceeded: () => {
      log.push({ instanceId: "DevOps.HostControl", method: "notifyLoadSucceeded" });
      document.body.dataset.hubLoaded = "true";
    },
    notifyLoadFailed: (e) => {
      log.push({ instanceId: "DevOps.HostControl", method: "notifyLoadFailed", detail: String((e as { message?: string })?.message ?? e) });
      document.body.dataset.hubLoaded = "failed";
    },
    // The extension's own session token: not an Entra token, good only for host services.
    getAccessToken: () => ({ token: "host-extension-session-token" }),
    getAppToken: () => ({ token: "host-app-token" }),
    resize: () => undefined,
  };

  const extensionDataService = {
    getExtensionDataManager: (extensionId: unknown) => {
      log.push({ instanceId: "ms.vss-features.extension-data-service", method: "getExtensionDataManager", detail: String(extensionId) });
      return {
        getValue: async (key: unknown, options?: unknown) => {
          const scope = scopeOf(options);
          const stored = await dataCall("GET", scope, String(key));
          const fallback = (options as { defaultValue?: unknown } | undefined)?.defaultValue;
          return stored === undefined ? fallback : stored;
        },
        setValue: async (key: unknown, value: unknown, options?: unknown) => {
          log.push({ instanceId: "ms.vss-features.extension-data-service", method: "setValue", detail: String(key) });
          await dataCall("PUT", scopeOf(options), String(key), value);
          return value;
        },
      };
    },
  };

  const serviceManager: Record<string, Handler> = {
    getService: (contributionId) => {
      log.push({ instanceId: "DevOps.ServiceManager", method: "getService", detail: String(contributionId) });
      if (contributionId === "ms.vss-features.extension-data-service") return extensionDataService;
      throw new Error(`The service ${String(contributionId)} is not available in this test host.`);
    },
  };

  const nestedAppAuth: Record<string, Handler> = {
    processRequest: async (requestJson) => JSON.stringify(await answerNaa(JSON.parse(String(requestJson)) as NaaRequest)),
  };

  const registry: Record<string, Record<string, Handler>> = {
    "DevOps.HostControl": hostControl,
    "DevOps.ServiceManager": serviceManager,
    ...(config.naa ? { "DevOps.NestedAppAuth": nestedAppAuth } : {}),
  };

  async function answerNaa(request: NaaRequest): Promise<object> {
    const base = { messageType: "NestedAppAuthResponse", requestId: request.requestId };
    log.push({ instanceId: "DevOps.NestedAppAuth", method: request.method, detail: request.tokenParams?.clientId });
    switch (request.method) {
      case "Ping":
        return { ...base, success: true };
      case "GetInitContext":
        return { ...base, success: true, initContext: { sdkName: "pat-lifecycle-test-host", sdkVersion: "1.0.0" } };
      case "GetToken":
      case "GetTokenPopup": {
        if (request.method === "GetTokenPopup") consented = true;
        if (!consented) {
          return {
            ...base,
            success: false,
            error: {
              status: "USER_INTERACTION_REQUIRED",
              code: "interaction_required",
              description: "The user must consent in a popup first.",
            },
          };
        }
        const answer = await fetch("/_host/token", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ clientId: request.tokenParams?.clientId, scope: request.tokenParams?.scope }),
        });
        const body = (await answer.json()) as {
          token?: object;
          account?: object;
          error?: { status: string; code: string; description: string };
        };
        if (!answer.ok || body.error)
          return {
            ...base,
            success: false,
            error: body.error ?? { status: "PERSISTENT_ERROR", code: "host_error", description: `HTTP ${answer.status}` },
          };
        return { ...base, success: true, token: body.token, account: body.account };
      }
      default:
        return {
          ...base,
          success: false,
          error: { status: "PERSISTENT_ERROR", code: "unsupported", description: `Unsupported NAA method ${request.method}` },
        };
    }
  }

  function scopeOf(options: unknown): string {
    return (options as { scopeType?: string } | undefined)?.scopeType === "User" ? "User" : "Default";
  }

  async function dataCall(method: "GET" | "PUT", scope: string, key: string, value?: unknown): Promise<unknown> {
    const answer = await fetch(`/_host/data/${scope}/${encodeURIComponent(key)}`, {
      method,
      headers: { "content-type": "application/json" },
      body: method === "PUT" ? JSON.stringify({ value }) : undefined,
    });
    if (!answer.ok) throw new Error(`extension data ${method} failed: HTTP ${answer.status}`);
    return ((await answer.json()) as { value?: unknown }).value;
  }

  // --- The XDM loop.
  window.addEventListener("message", (event: MessageEvent) => {
    if (event.source !== frame.contentWindow || event.origin !== config.hubOrigin || typeof event.data !== "string") return;
    let message: RpcMessage;
    try {
      message = JSON.parse(event.data) as RpcMessage;
    } catch {
      return;
    }
    if (!message.instanceId) {
      pending.get(message.id)?.(message);
      pending.delete(message.id);
      return;
    }
    void invoke(message);
  });

  async function invoke(message: RpcMessage): Promise<void> {
    const reply = (part: Pick<RpcMessage, "result" | "error">) => post({ id: message.id, ...part, handshakeToken: message.handshakeToken });
    const target = message.instanceId === "__proxyFunctions" ? undefined : registry[message.instanceId as string];
    const method =
      message.instanceId === "__proxyFunctions" ? proxyFunctions.get(message.methodName ?? "") : target?.[message.methodName ?? ""];
    if (!method) {
      // What the real XDM channel answers when nothing is registered under that id.
      reply({ error: serialize(new Error(`The registered object ${message.instanceId} could not be found.`)) });
      return;
    }
    try {
      const result = await method(...((message.params as unknown[]) ?? []));
      reply({ result: serialize(result) });
    } catch (e) {
      reply({ error: serialize(e instanceof Error ? e : new Error(String(e))) });
    }
  }

  /** Calls a method the SDK registered in the frame (as the host does for theme changes). */
  function callHub(instanceId: string, methodName: string, params: unknown[]): Promise<RpcMessage> {
    const id = nextOwnMessageId++;
    return new Promise((resolve) => {
      pending.set(id, resolve);
      post({ id, instanceId, methodName, params: serialize(params) as unknown[] });
    });
  }

  // --- Theme: the SDK applies these as CSS variables, like the real host's theme service.
  const LIGHT_THEME: Record<string, string> = {
    "background-color": "rgba(255, 255, 255, 1)",
    "text-primary-color": "rgba(0, 0, 0, .9)",
    "text-secondary-color": "rgba(0, 0, 0, .55)",
    "callout-background-color": "rgba(255, 255, 255, 1)",
    "communication-foreground": "rgba(0, 90, 158, 1)",
    "communication-background": "rgba(0, 120, 212, 1)",
    "palette-neutral-0": "255, 255, 255",
    "palette-neutral-2": "248, 248, 248",
    "palette-neutral-4": "244, 244, 244",
    "palette-neutral-8": "234, 234, 234",
    "palette-neutral-10": "218, 218, 218",
    "palette-neutral-20": "200, 200, 200",
    "palette-neutral-100": "0, 0, 0",
  };
  const DARK_THEME: Record<string, string> = {
    "background-color": "rgba(37, 36, 35, 1)",
    "text-primary-color": "rgba(255, 255, 255, .87)",
    "text-secondary-color": "rgba(255, 255, 255, .55)",
    "callout-background-color": "rgba(37, 36, 35, 1)",
    "communication-foreground": "rgba(40, 153, 245, 1)",
    "communication-background": "rgba(0, 120, 212, 1)",
    "focus-border-color": "rgba(40, 153, 245, 1)",
    "palette-neutral-0": "37, 36, 35",
    "palette-neutral-2": "27, 26, 25",
    "palette-neutral-4": "41, 40, 39",
    "palette-neutral-8": "50, 49, 48",
    "palette-neutral-10": "59, 58, 57",
    "palette-neutral-20": "72, 70, 68",
    "palette-neutral-100": "255, 255, 255",
    "component-grid-cell-bottom-border-color": "rgba(255, 255, 255, 0.08)",
    "component-grid-row-hover-color": "rgba(255, 255, 255, 0.04)",
    "component-grid-selected-row-color": "rgba(0, 90, 158, 0.4)",
    "callout-shadow-color": "rgba(0, 0, 0, .4)",
    "panel-shadow-color": "rgba(0, 0, 0, .5)",
    "status-error-background": "rgba(68, 39, 38, 1)",
    "status-error-text": "rgba(241, 112, 123, 1)",
    "status-warning-background": "rgba(67, 53, 25, 1)",
    "status-warning-text": "rgba(252, 225, 0, 1)",
    "status-success-background": "rgba(57, 61, 27, 1)",
    "palette-black-alpha-6": "rgba(255, 255, 255, 0.08)",
    "palette-black-alpha-10": "rgba(255, 255, 255, 0.12)",
    "palette-black-alpha-20": "rgba(255, 255, 255, 0.2)",
  };

  document.body.classList.toggle("dark", config.theme === "dark");

  /** For tests and for a person at the browser console. */
  (window as unknown as { hubHost: object }).hubHost = {
    log,
    setTheme: async (theme: "light" | "dark") => {
      currentTheme = theme;
      document.body.classList.toggle("dark", theme === "dark");
      await callHub("DevOps.SdkClient", "dispatchEvent", ["themeChanged", { detail: { data: themeData() } }]);
    },
  };

  frame.src = config.hubUrl;
})();
