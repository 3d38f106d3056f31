/** Edit a PAT's name and scopes through the update API, with the same checks as create; the secret stays the same. */
import * as React from "react";
import type { PatToken, PatTokenUpdateRequest } from "../../../api/model";
import { splitScopes } from "../../../scopes";
import { strings } from "../strings";
import { TokenPanel } from "./TokenPanel";

export interface EditPanelProps {
  pat: PatToken;
  update(request: PatTokenUpdateRequest): Promise<PatToken>;
  onDone(updated: PatToken, message: string): void;
  onDismiss(): void;
}

export function EditPanel(props: EditPanelProps): JSX.Element {
  const { pat, update, onDone, onDismiss } = props;
  return (
    <TokenPanel
      title={strings.editTitle(pat.displayName)}
      confirmText={strings.editConfirm}
      initialName={pat.displayName}
      initialScopes={splitScopes(pat.scope.toLowerCase())}
      onDismiss={onDismiss}
      submit={async ({ displayName, scope }) => {
        const updated = await update({ authorizationId: pat.authorizationId, displayName, scope });
        onDone(updated, strings.editDone(updated.displayName));
      }}
    />
  );
}
