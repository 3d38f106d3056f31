/** Extend: a new expiration date for the same PAT (same secret). */
import * as React from "react";
import { Dialog } from "azure-devops-ui/Dialog";
import { FormItem } from "azure-devops-ui/FormItem";
import { MessageCard, MessageCardSeverity } from "azure-devops-ui/MessageCard";
import { TextField } from "azure-devops-ui/TextField";
import type { PatToken } from "../../../api/model";
import { suggestedExtension, validToFromDayInput } from "../expiry-input";
import { formatDay } from "../relative-day";
import { strings } from "../strings";
import { useAction } from "../use-action";

export interface ExtendDialogProps {
  pat: PatToken;
  now: () => number;
  extend(pat: PatToken, validTo: string): Promise<PatToken>;
  onDone(updated: PatToken, message: string): void;
  onDismiss(): void;
}

export function ExtendDialog(props: ExtendDialogProps): JSX.Element {
  const { pat, now, extend, onDone, onDismiss } = props;
  const [day, setDay] = React.useState(() => suggestedExtension(pat.validTo, now()));
  const action = useAction();
  const validTo = validToFromDayInput(day, now());
  const submit = () => {
    if (!validTo || action.busy) return;
    action.run(async () => {
      const updated = await extend(pat, validTo);
      onDone(updated, strings.extendDone(updated.displayName, formatDay(updated.validTo)));
    });
  };
  return (
    <Dialog
      titleProps={{ text: strings.extendTitle(pat.displayName) }}
      onDismiss={onDismiss}
      footerButtonProps={[
        { text: strings.cancel, onClick: onDismiss, disabled: action.busy },
        { text: action.busy ? strings.working : strings.extend, primary: true, onClick: submit, disabled: !validTo || action.busy },
      ]}
      enterPrimary={true}
    >
      <div className="flex-column rhythm-vertical-16 pat-dialog">
        <p>{strings.extendHelp}</p>
        <FormItem label={strings.extendLabel} message={validTo ? undefined : strings.extendInvalidDate} error={!validTo}>
          <TextField
            inputId="extend-date"
            value={day}
            onChange={(_e, value) => setDay(value)}
            placeholder="YYYY-MM-DD"
            ariaLabel={strings.extendLabel}
            autoFocus={true}
          />
        </FormItem>
        {action.error && (
          <MessageCard severity={MessageCardSeverity.Error} className="pat-dialog-error">
            {action.error}
          </MessageCard>
        )}
      </div>
    </Dialog>
  );
}
