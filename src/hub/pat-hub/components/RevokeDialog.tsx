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

export function RevokeDialog({ pat, revoke, onDone, onDismiss }: RevokeDialogProps): JSX.Element {
  const revokeThenSay = () => revoke(pat).then(() => onDone(strings.revokeDone(pat.displayName)));
  const texts = { title: strings.revokeTitle(pat.displayName), confirmText: strings.revokeConfirm };
  return (
    <ActionDialog {...texts} danger={true} run={revokeThenSay} onDismiss={onDismiss}>
      <MessageCard severity={MessageCardSeverity.Warning}>{strings.revokeWarning}</MessageCard>
    </ActionDialog>
  );
}
