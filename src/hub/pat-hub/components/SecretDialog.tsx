/** The new secret, shown once with a copy button; closing it before copying asks first, so no keypress loses it. */
import * as React from "react";
import { ClipboardButton } from "azure-devops-ui/Clipboard";
import { Dialog } from "azure-devops-ui/Dialog";
import { FormItem } from "azure-devops-ui/FormItem";
import { MessageCard, MessageCardSeverity } from "azure-devops-ui/MessageCard";
import { ContentSize } from "azure-devops-ui/Callout";
import { TextField, TextFieldWidth } from "azure-devops-ui/TextField";
import { getSafeIdSelector } from "azure-devops-ui/Util";
import { strings } from "../strings";

export interface SecretDialogProps {
  displayName: string;
  secret: string;
  notes: string[];
  onDismiss(): void;
}

export function SecretDialog(props: SecretDialogProps): JSX.Element {
  const { displayName, secret, notes, onDismiss } = props;
  const [copied, setCopied] = React.useState(false);
  const [confirming, setConfirming] = React.useState(false);
  // Escape, the close button and "I have copied the token" all come here: before a copy they ask first,
  // and while asking, Escape goes back to the secret rather than dropping it.
  const requestClose = () => {
    if (copied) onDismiss();
    else setConfirming((asking) => !asking);
  };
  // The library lets Escape through only from some elements: the page decides, for every element.
  const latestRequestClose = React.useRef(requestClose);
  latestRequestClose.current = requestClose;
  React.useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      e.preventDefault();
      e.stopPropagation();
      latestRequestClose.current();
    };
    document.addEventListener("keydown", onKey, true);
    return () => document.removeEventListener("keydown", onKey, true);
  }, []);
  const footer = confirming
    ? [
        { id: "secret-keep", text: strings.secretKeepOpen, primary: true, autoFocus: true, onClick: () => setConfirming(false) },
        { id: "secret-discard", text: strings.secretCloseAnyway, danger: true, onClick: onDismiss },
      ]
    : [{ id: "secret-done", text: strings.secretDone, primary: true, onClick: requestClose }];
  return (
    <Dialog
      titleProps={{ text: confirming ? strings.secretCloseTitle : strings.secretTitle }}
      onDismiss={requestClose}
      // Dismissing by a stray click would lose the secret for good.
      lightDismiss={false}
      enterPrimary={false}
      contentSize={ContentSize.Medium}
      defaultActiveElement={getSafeIdSelector("new-secret")}
      footerButtonProps={footer}
    >
      <div className="flex-column rhythm-vertical-16 pat-dialog pat-secret" onCopy={() => setCopied(true)}>
        {confirming && (
          <MessageCard severity={MessageCardSeverity.Error} className="pat-secret-confirm">
            {strings.secretCloseWarning}
          </MessageCard>
        )}
        <MessageCard severity={MessageCardSeverity.Warning}>{strings.secretWarning}</MessageCard>
        <p className="pat-secret-name font-weight-semibold">{displayName}</p>
        <FormItem label={strings.secretLabel}>
          <div className="flex-row flex-center rhythm-horizontal-8">
            <div className="flex-grow">
              <TextField
                inputId="new-secret"
                className="monospaced-text"
                value={secret}
                readOnly={true}
                ariaLabel={strings.secretLabel}
                width={TextFieldWidth.auto}
              />
            </div>
            <ClipboardButton
              ariaLabel={strings.copy}
              getContent={() => secret}
              showCopiedTooltip={strings.copied}
              onCopy={() => {
                setCopied(true);
                setConfirming(false);
              }}
            />
          </div>
        </FormItem>
        {copied && (
          <span className="secondary-text" role="status">
            {strings.copied}
          </span>
        )}
        {notes.map((note) => (
          <MessageCard key={note} severity={MessageCardSeverity.Info}>
            {note}
          </MessageCard>
        ))}
      </div>
    </Dialog>
  );
}
