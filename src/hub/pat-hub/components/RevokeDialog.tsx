/** Revoke, after an explicit confirmation. */
import * as React from "react";
import { Dialog } from "azure-devops-ui/Dialog";
import { MessageCard, MessageCardSeverity } from "azure-devops-ui/MessageCard";
import type { PatToken } from "../../../api/model";
import { strings } from "../strings";
import { useAction } from "../use-action";

export interface RevokeDialogProps {
  pat: PatToken;
  revoke(pat: PatToken): Promise<void>;
  onDone(message: string): void;
  onDismiss(): void;
}

export function RevokeDialog(props: RevokeDialogProps): JSX.Element {
  const { pat, revoke, onDone, onDismiss } = props;
  const action = useAction();
  const submit = () =>
    action.run(async () => {
      await revoke(pat);
      onDone(strings.revokeDone(pat.displayName));
    });
  return (
    <Dialog
      titleProps={{ text: strings.revokeTitle(pat.displayName) }}
      onDismiss={onDismiss}
      footerButtonProps={[
        { text: strings.cancel, onClick: onDismiss, disabled: action.busy },
        { text: action.busy ? strings.working : strings.revokeConfirm, danger: true, onClick: submit, disabled: action.busy },
      ]}
    >
      <div className="flex-column rhythm-vertical-16 pat-dialog">
        <MessageCard severity={MessageCardSeverity.Warning}>{strings.revokeWarning}</MessageCard>
        {action.error && (
          <MessageCard severity={MessageCardSeverity.Error} className="pat-dialog-error">
            {action.error}
          </MessageCard>
        )}
      </div>
    </Dialog>
  );
}
