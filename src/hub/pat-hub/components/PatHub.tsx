/** The hub's root: connects, then shows the list or explains why it cannot. */
import * as React from "react";
import { MessageCard, MessageCardSeverity } from "azure-devops-ui/MessageCard";
import { Page } from "azure-devops-ui/Page";
import { Spinner, SpinnerSize } from "azure-devops-ui/Spinner";
import { describeError, explainError, type ErrorInWords } from "../describe-error";
import { connect, type Connection } from "../hub-connection";
import type { ClientIdSettings } from "../client-id-settings";
import { strings } from "../strings";
import { ErrorCard } from "./ErrorCard";
import { Guidance } from "./Guidance";
import { HubHeader } from "./HubHeader";
import { PatListPage } from "./PatListPage";
import { SettingsPanel } from "./SettingsPanel";
import { OrganizationTab } from "../org-view/OrganizationTab";

export interface PatHubProps {
  settings: ClientIdSettings;
  now: () => number;
  /** Called once the first state is on screen (the host hides its loading indicator). */
  onFirstState(): void;
}

type State = { kind: "connecting" } | { kind: "failed"; error: ErrorInWords } | Connection;

export function PatHub(props: PatHubProps): JSX.Element {
  const { settings, now, onFirstState } = props;
  const [state, setState] = React.useState<State>({ kind: "connecting" });
  const [attempt, setAttempt] = React.useState(0);
  const [settingsOpen, setSettingsOpen] = React.useState(false);
  const [signIn, setSignIn] = React.useState<{ busy: boolean; error?: string }>({ busy: false });

  React.useEffect(() => {
    let live = true;
    setState({ kind: "connecting" });
    connect(settings).then(
      (c) => live && setState(c),
      (e: unknown) => live && setState({ kind: "failed", error: explainError(e) }),
    );
    return () => void (live = false);
  }, [settings, attempt]);

  const first = React.useRef(true);
  React.useEffect(() => {
    if (state.kind !== "connecting" && first.current) {
      first.current = false;
      onFirstState();
    }
  }, [state, onFirstState]);

  const openSettings = () => setSettingsOpen(true);
  const settingsPanel = settingsOpen && (
    <SettingsPanel
      settings={settings}
      onDismiss={() => setSettingsOpen(false)}
      onSaved={() => {
        setSettingsOpen(false);
        setAttempt((a) => a + 1);
      }}
    />
  );

  if (state.kind === "ready") {
    return (
      <>
        {state.notes.invalid && (
          <div className="page-content page-content-top">
            <MessageCard severity={MessageCardSeverity.Warning} className="pat-client-id-invalid">
              {state.notes.invalid}
            </MessageCard>
          </div>
        )}
        <OrganizationTab access={state.orgView} now={now}>
          <PatListPage service={state.service} now={now} onOpenSettings={openSettings} />
        </OrganizationTab>
        {settingsPanel}
      </>
    );
  }

  const startSignIn = () => {
    if (state.kind !== "signInRequired") return;
    setSignIn({ busy: true });
    state.tokens.signInInteractively().then(
      () => {
        setSignIn({ busy: false });
        setState({ kind: "ready", service: state.service, notes: state.notes, orgView: state.orgView });
      },
      (e: unknown) => setSignIn({ busy: false, error: strings.signInFailed(describeError(e)) }),
    );
  };

  return (
    <Page className="flex-grow pat-hub-page">
      <HubHeader
        commands={[
          { id: "settings", text: strings.settingsButton, important: true, iconProps: { iconName: "Settings" }, onActivate: openSettings },
        ]}
      />
      {state.kind === "connecting" && <Spinner size={SpinnerSize.large} label={strings.signingIn} className="padding-vertical-20" />}
      {state.kind === "failed" && (
        <div className="page-content page-content-top">
          <ErrorCard
            error={state.error}
            lead={`${strings.errorTitle}.`}
            className="pat-connect-error"
            onRetry={() => setAttempt((a) => a + 1)}
          />
        </div>
      )}
      {state.kind === "naaUnavailable" && <Guidance kind="naaUnavailable" detail={state.detail} />}
      {state.kind === "clientIdMissing" && <Guidance kind="clientIdMissing" notes={state.notes} onOpenSettings={openSettings} />}
      {state.kind === "signInRequired" && (
        <Guidance kind="signInRequired" notes={state.notes} busy={signIn.busy} error={signIn.error} onSignIn={startSignIn} />
      )}
      {settingsPanel}
    </Page>
  );
}
