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
  // Makes each row's "…" actions button a tab stop, as Azure DevOps' own tables do.
  document.body.classList.add("column-more-keyboard-accessible");
  const root = document.getElementById("root");
  ReactDOM.render(
    <SurfaceContext.Provider value={{ background: SurfaceBackground.neutral }}>
      <PatHub settings={extensionDataSettings()} now={() => Date.now()} onFirstState={() => void SDK.notifyLoadSucceeded()} />
    </SurfaceContext.Provider>,
    root,
  );
}

main().catch((e: unknown) => {
  void SDK.notifyLoadFailed(e instanceof Error ? e.message : String(e));
});
