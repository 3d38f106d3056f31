/** The frame every action dialog shares: title, Cancel and a confirm button that runs the action, busy state, the action's error. */
import * as React from "react";
import { Dialog } from "azure-devops-ui/Dialog";
import { getSafeIdSelector } from "azure-devops-ui/Util";
import { useAction } from "../use-action";
import { strings } from "../strings";
import { ErrorCard } from "./ErrorCard";

export interface ActionDialogProps {
  title: string;
  confirmText: string;
  /** Red confirm button, for what cannot be undone: Enter never presses it. */
  danger?: boolean;
  /** Id of what has focus when the dialog opens (its first field; Cancel when it has none). */
  firstField?: string;
  /** False while the form is not valid. */
  canConfirm?: boolean;
  /** What the confirm button does; its failure is shown in the dialog, in words. */
  run(): Promise<void>;
  onDismiss(): void;
  children: React.ReactNode;
}

export function ActionDialog(props: ActionDialogProps): JSX.Element {
  const { title, confirmText, danger, firstField = "action-cancel", canConfirm = true, run, onDismiss, children } = props;
  const action = useAction();
  const confirm = () => {
    if (canConfirm && !action.busy) action.run(run);
  };
  return (
    <Dialog
      titleProps={{ text: title }}
      onDismiss={onDismiss}
      footerButtonProps={[
        { id: "action-cancel", text: strings.cancel, onClick: onDismiss, disabled: action.busy },
        {
          id: "action-confirm",
          text: action.busy ? strings.working : confirmText,
          primary: !danger,
          danger,
          onClick: confirm,
          disabled: !canConfirm || action.busy,
        },
      ]}
      enterPrimary={!danger}
      defaultActiveElement={getSafeIdSelector(firstField)}
    >
      <div className="flex-column rhythm-vertical-16 pat-dialog">
        {children}
        {action.error && <ErrorCard error={action.error} />}
      </div>
    </Dialog>
  );
}
