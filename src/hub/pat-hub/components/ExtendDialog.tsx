/** Extend: a new expiration date for the same PAT (same secret); a global PAT only up to the global cut-off, with Rotate offered. */
import * as React from "react";
import { Button } from "azure-devops-ui/Button";
import { FormItem } from "azure-devops-ui/FormItem";
import { MessageCard, MessageCardSeverity } from "azure-devops-ui/MessageCard";
import { TextField } from "azure-devops-ui/TextField";
import { GLOBAL_PAT_CUTOFF, type PatToken } from "../../../api/model";
import { suggestedExtension, validToFromDayInput } from "../expiry-input";
import { formatDay } from "../relative-day";
import { strings } from "../strings";
import { useAction } from "../use-action";
import { ActionDialog } from "./ActionDialog";

export interface ExtendDialogProps {
  pat: PatToken;
  now: () => number;
  extend(pat: PatToken, validTo: string): Promise<PatToken>;
  onDone(updated: PatToken, message: string): void;
  onDismiss(): void;
  /** Offered for global PATs, which cannot outlive the global cut-off. */
  onRotateInstead(): void;
}

const CUTOFF_MS = Date.parse(GLOBAL_PAT_CUTOFF);
/** The last day a global PAT can be given: the day before the cut-off (expiry is the end of the chosen day). */
const LAST_GLOBAL_DAY = new Date(CUTOFF_MS - 1).toISOString().slice(0, 10);

export function ExtendDialog(props: ExtendDialogProps): JSX.Element {
  const { pat, now, extend, onDone, onDismiss, onRotateInstead } = props;
  const isGlobal = pat.targetAccounts === null;
  const nowMs = now();
  const stopped = isGlobal && nowMs >= CUTOFF_MS;
  const [day, setDay] = React.useState(() => {
    const suggested = suggestedExtension(pat.validTo, nowMs);
    return isGlobal && suggested > LAST_GLOBAL_DAY ? LAST_GLOBAL_DAY : suggested;
  });
  const action = useAction();
  const typed = validToFromDayInput(day, nowMs);
  const validTo = typed && (!isGlobal || Date.parse(typed) < CUTOFF_MS) ? typed : null;
  const submit = () =>
    action.run(async () => {
      const updated = await extend(pat, validTo!);
      onDone(updated, strings.extendDone(updated.displayName, formatDay(updated.validTo)));
    });
  const dateError = isGlobal ? strings.extendInvalidDateBefore(formatDay(`${LAST_GLOBAL_DAY}T12:00:00Z`)) : strings.extendInvalidDate;
  return (
    <ActionDialog
      title={strings.extendTitle(pat.displayName)}
      confirmText={strings.extend}
      canConfirm={Boolean(validTo) && !stopped}
      action={action}
      onConfirm={submit}
      onDismiss={onDismiss}
      firstField={stopped ? "extend-rotate-instead" : "extend-date"}
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
        <FormItem label={strings.extendLabel} message={validTo ? undefined : dateError} error={!validTo}>
          <TextField
            inputId="extend-date"
            value={day}
            placeholder="YYYY-MM-DD"
            onChange={(_e, value) => setDay(value)}
            ariaLabel={strings.extendLabel}
          />
        </FormItem>
      )}
    </ActionDialog>
  );
}
