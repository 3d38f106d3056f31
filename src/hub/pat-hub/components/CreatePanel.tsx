/** Create a PAT for this organization (global PATs can no longer be created): name, expiration, scopes. */
import * as React from "react";
import type { PatToken, PatTokenCreateRequest } from "../../../api/model";
import { MAX_LIFETIME_DAYS } from "../../../rotation";
import { strings } from "../strings";
import { TokenPanel } from "./TokenPanel";

export interface CreatePanelProps {
  now: () => number;
  create(request: PatTokenCreateRequest): Promise<PatToken>;
  onDone(created: PatToken, message: string): void;
  onDismiss(): void;
}

export function CreatePanel(props: CreatePanelProps): JSX.Element {
  const { now, create, onDone, onDismiss } = props;
  const [nowMs] = React.useState(now);
  return (
    <TokenPanel
      title={strings.createTitle}
      confirmText={strings.createConfirm}
      initialName=""
      initialScopes={[]}
      expiry={{ nowMs, maxDays: MAX_LIFETIME_DAYS }}
      onDismiss={onDismiss}
      submit={async ({ displayName, scope, validTo }) => {
        const created = await create({ displayName, scope, validTo: validTo!, allOrgs: false });
        onDone(created, strings.createDone(created.displayName));
      }}
    />
  );
}
