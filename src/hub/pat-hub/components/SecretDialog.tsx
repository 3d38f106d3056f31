/** The new secret, shown once with a copy button; closing the dialog forgets it. */
import * as React from "react";
import { ClipboardButton } from "azure-devops-ui/Clipboard";
import { Dialog } from "azure-devops-ui/Dialog";
import { FormItem } from "azure-devops-ui/FormItem";
import { MessageCard, MessageCardSeverity } from "azure-devops-ui/MessageCard";
import { ContentSize } from "azure-devops-ui/Callout";
import { TextField, TextFieldWidth } from "azure-devops-ui/TextField";
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
  return (
    <Dialog
      titleProps={{ text: strings.secretTitle }}
      onDismiss={onDismiss}
      // Dismissing by a stray click would lose the secret for good.
      lightDismiss={false}
      contentSize={ContentSize.Medium}
      footerButtonProps={[{ text: strings.secretDone, primary: true, onClick: onDismiss }]}
    >
      <div className="flex-column rhythm-vertical-16 pat-dialog pat-secret">
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
              onCopy={() => setCopied(true)}
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
