/** Revoke, after an explicit confirmation. */
import * as React from "react";
import { MessageCard, MessageCardSeverity } from "azure-devops-ui/MessageCard";
import type { PatToken } from "../../../api/model";
import { strings } from "../strings";
import { ActionDialog } from "./ActionDialog";

export interface RevokeDialogProps {
  pat: PatToken;
  revoke(pat: PatToken): Promise<void>;
  onDone(message: string): void;
  onDismiss(): void;
}

export function RevokeDialog(props: RevokeDialogProps): JSX.Element {
  const { pat, revoke, onDone, onDismiss } = props;
  const submit = async () => {
    await revoke(pat);
    onDone(strings.revokeDone(pat.displayName));
  };
  return (
    <ActionDialog
      title={strings.revokeTitle(pat.displayName)}
      confirmText={strings.revokeConfirm}
      danger={true}
      run={submit}
      onDismiss={onDismiss}
    >
      <MessageCard severity={MessageCardSeverity.Warning}>{strings.revokeWarning}</MessageCard>
    </ActionDialog>
  );
}
