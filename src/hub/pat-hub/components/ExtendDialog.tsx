/** Extend: a new expiration date for the same PAT (same secret); a global PAT only up to the global cut-off, with Rotate offered. */
import * as React from "react";
import { Button } from "azure-devops-ui/Button";
import { FormItem } from "azure-devops-ui/FormItem";
import { MessageCard, MessageCardSeverity } from "azure-devops-ui/MessageCard";
import { GLOBAL_PAT_CUTOFF, type PatToken } from "../../../api/model";
import { dayInput, lastExpiryDay, suggestedExtension } from "../expiry-input";
import { formatDay } from "../relative-day";
import { strings } from "../strings";
import { ActionDialog } from "./ActionDialog";
import { ExpiryPicker, expiryValidTo, initialExpiryChoice, type ExpiryChoice } from "./ExpiryPicker";

export interface ExtendDialogProps {
  pat: PatToken;
  now: () => number;
  /** The organization's maximum lifespan once the service has shown it. */
  policyDays: number | null;
  extend(pat: PatToken, validTo: string): Promise<PatToken>;
  onDone(updated: PatToken, message: string): void;
  onDismiss(): void;
  /** Offered for global PATs, which cannot outlive the global cut-off. */
  onRotateInstead(): void;
}

export function ExtendDialog(props: ExtendDialogProps): JSX.Element {
  const { pat, now, policyDays, extend, onDone, onDismiss, onRotateInstead } = props;
  const isGlobal = pat.targetAccounts === null;
  const [nowMs] = React.useState(now);
  const stopped = isGlobal && nowMs >= Date.parse(GLOBAL_PAT_CUTOFF);
  const lastDay = lastExpiryDay(nowMs, { policyDays, validFrom: pat.validFrom, global: isGlobal });
  // Opens on the first preset that moves the expiry later, else 30 days past it.
  const [choice, setChoice] = React.useState<ExpiryChoice>(() =>
    initialExpiryChoice(nowMs, lastDay, dayInput(Date.parse(pat.validTo) || nowMs), suggestedExtension(pat.validTo, nowMs, lastDay)),
  );
  const validTo = expiryValidTo(choice, nowMs, lastDay);
  const submit = async () => {
    const updated = await extend(pat, validTo!);
    onDone(updated, strings.extendDone(updated.displayName, formatDay(updated.validTo)));
  };
  return (
    <ActionDialog
      title={strings.extendTitle(pat.displayName)}
      confirmText={strings.extend}
      canConfirm={Boolean(validTo) && !stopped}
      run={submit}
      onDismiss={onDismiss}
      firstField={stopped ? "extend-rotate-instead" : "extend-expires"}
    >
      <p>{strings.extendHelp}</p>
      {isGlobal && (
        <MessageCard severity={MessageCardSeverity.Warning} className="pat-extend-global">
          <div className="flex-column rhythm-vertical-8">
            <span>{stopped ? strings.extendGlobalStopped : strings.extendGlobalLimit(formatDay(GLOBAL_PAT_CUTOFF))}</span>
            <div>
              <Button id="extend-rotate-instead" text={strings.rotateInstead} iconProps={{ iconName: "Sync" }} onClick={onRotateInstead} />
            </div>
          </div>
        </MessageCard>
      )}
      {!stopped && (
        <FormItem label={strings.extendLabel}>
          <ExpiryPicker
            id="extend-expires"
            label={strings.extendLabel}
            nowMs={nowMs}
            lastDay={lastDay}
            value={choice}
            onChange={setChoice}
          />
        </FormItem>
      )}
    </ActionDialog>
  );
}
