/** Why the page cannot show tokens, and what to do: never an empty table in disguise. */
import * as React from "react";
import { Button } from "azure-devops-ui/Button";
import { Card } from "azure-devops-ui/Card";
import { MessageCard, MessageCardSeverity } from "azure-devops-ui/MessageCard";
import type { ClientIdNotes } from "../client-id";
import { strings } from "../strings";

export interface GuidanceProps {
  kind: "naaUnavailable" | "clientIdMissing" | "signInRequired";
  detail?: string;
  /** Who set the client id in use, and whether the stored one is ignored. */
  notes?: ClientIdNotes;
  error?: string;
  busy?: boolean;
  onSignIn?(): void;
  onOpenSettings?(): void;
}

const TEXT = {
  naaUnavailable: { title: strings.naaUnavailableTitle, body: strings.naaUnavailable, next: strings.naaUnavailableWhatToDo },
  clientIdMissing: { title: strings.clientIdMissingTitle, body: strings.clientIdMissing, next: strings.clientIdMissingWhatToDo },
  signInRequired: { title: strings.signInRequiredTitle, body: strings.signInRequired, next: undefined },
};

export function Guidance(props: GuidanceProps): JSX.Element {
  const text = TEXT[props.kind];
  return (
    <div className="page-content page-content-top">
      <Card className={`pat-guidance pat-guidance-${props.kind}`} titleProps={{ text: text.title, ariaLevel: 2 }}>
        <div className="flex-column rhythm-vertical-16">
          <p className="pat-guidance-body">{text.body}</p>
          {text.next && <p className="pat-guidance-next">{text.next}</p>}
          {props.detail && <p className="secondary-text font-size-s pat-guidance-detail">{props.detail}</p>}
          {props.notes?.invalid && (
            <MessageCard severity={MessageCardSeverity.Warning} className="pat-client-id-invalid">
              {props.notes.invalid}
            </MessageCard>
          )}
          {props.notes?.legacy && (
            <MessageCard severity={MessageCardSeverity.Info} className="pat-client-id-legacy">
              {props.notes.legacy}
            </MessageCard>
          )}
          {props.notes?.audit && <p className="secondary-text font-size-s pat-client-id-audit">{props.notes.audit}</p>}
          {props.error && <MessageCard severity={MessageCardSeverity.Error}>{props.error}</MessageCard>}
          <div className="flex-row rhythm-horizontal-8">
            {props.onSignIn && (
              <Button
                text={props.busy ? strings.signingIn : strings.signInButton}
                primary={true}
                disabled={props.busy}
                onClick={props.onSignIn}
              />
            )}
            {props.onOpenSettings && (
              <Button text={strings.settingsButton} iconProps={{ iconName: "Settings" }} onClick={props.onOpenSettings} />
            )}
          </div>
        </div>
      </Card>
    </div>
  );
}
