/** Entry point: handshake with the Azure DevOps host, then render the hub. */
import "azure-devops-ui/Core/override.css";
import "./pat-hub.css";
import * as React from "react";
import * as ReactDOM from "react-dom";
import * as SDK from "azure-devops-extension-sdk";
import { SurfaceBackground, SurfaceContext } from "azure-devops-ui/Surface";
import { PatHub } from "./components/PatHub";
import { extensionDataSettings } from "./client-id-settings";

async function main(): Promise<void> {
  await SDK.init({ loaded: false, applyTheme: true });
  const root = document.getElementById("root");
  ReactDOM.render(
    <SurfaceContext.Provider value={{ background: SurfaceBackground.neutral }}>
      <main className="flex-column flex-grow pat-main">
        <PatHub settings={extensionDataSettings()} now={() => Date.now()} onFirstState={() => void SDK.notifyLoadSucceeded()} />
      </main>
    </SurfaceContext.Provider>,
    root,
  );
}

main().catch((e: unknown) => {
  void SDK.notifyLoadFailed(e instanceof Error ? e.message : String(e));
});
