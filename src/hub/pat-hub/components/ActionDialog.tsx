/** The frame every action dialog shares: title, Cancel and a confirm button, busy state, the action's error. */
import * as React from "react";
import { Dialog } from "azure-devops-ui/Dialog";
import { MessageCard, MessageCardSeverity } from "azure-devops-ui/MessageCard";
import type { ActionState } from "../use-action";
import { strings } from "../strings";

export interface ActionDialogProps {
  title: string;
  confirmText: string;
  /** Red confirm button, for what cannot be undone. */
  danger?: boolean;
  /** False while the form is not valid. */
  canConfirm?: boolean;
  action: ActionState;
  onConfirm(): void;
  onDismiss(): void;
  children: React.ReactNode;
}

export function ActionDialog(props: ActionDialogProps): JSX.Element {
  const { title, confirmText, danger, canConfirm = true, action, onConfirm, onDismiss, children } = props;
  const confirm = () => {
    if (canConfirm && !action.busy) onConfirm();
  };
  return (
    <Dialog
      titleProps={{ text: title }}
      onDismiss={onDismiss}
      footerButtonProps={[
        { text: strings.cancel, onClick: onDismiss, disabled: action.busy },
        {
          text: action.busy ? strings.working : confirmText,
          primary: !danger,
          danger,
          onClick: confirm,
          disabled: !canConfirm || action.busy,
        },
      ]}
      enterPrimary={!danger}
    >
      <div className="flex-column rhythm-vertical-16 pat-dialog">
        {children}
        {action.error && (
          <MessageCard severity={MessageCardSeverity.Error} className="pat-dialog-error">
            {action.error}
          </MessageCard>
        )}
      </div>
    </Dialog>
  );
}
