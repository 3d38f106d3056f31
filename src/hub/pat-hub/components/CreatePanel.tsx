/** Create a PAT for this organization (global PATs can no longer be created): name, expiration, scopes. */
import * as React from "react";
import type { PatToken, PatTokenCreateRequest } from "../../../api/model";
import { lastExpiryDay } from "../expiry-input";
import { strings } from "../strings";
import { TokenPanel } from "./TokenPanel";

export interface CreatePanelProps {
  now: () => number;
  /** The organization's maximum lifespan once the service has shown it. */
  policyDays: number | null;
  create(request: PatTokenCreateRequest): Promise<PatToken>;
  onDone(created: PatToken, message: string): void;
  onDismiss(): void;
}

export function CreatePanel(props: CreatePanelProps): JSX.Element {
  const { now, policyDays, create, onDone, onDismiss } = props;
  const [nowMs] = React.useState(now);
  return (
    <TokenPanel
      title={strings.createTitle}
      confirmText={strings.createConfirm}
      initialName=""
      initialScopes={[]}
      expiry={{ nowMs, lastDay: lastExpiryDay(nowMs, { policyDays }) }}
      onDismiss={onDismiss}
      submit={async ({ displayName, scope, validTo }) => {
        const created = await create({ displayName, scope, validTo: validTo!, allOrgs: false });
        onDone(created, strings.createDone(created.displayName));
      }}
    />
  );
}
