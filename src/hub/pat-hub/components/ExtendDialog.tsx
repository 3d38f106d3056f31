/** Extend: a new expiration date for the same PAT (same secret). */
import * as React from "react";
import { FormItem } from "azure-devops-ui/FormItem";
import { TextField } from "azure-devops-ui/TextField";
import type { PatToken } from "../../../api/model";
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
}

export function ExtendDialog(props: ExtendDialogProps): JSX.Element {
  const { pat, now, extend, onDone, onDismiss } = props;
  const [day, setDay] = React.useState(() => suggestedExtension(pat.validTo, now()));
  const action = useAction();
  const validTo = validToFromDayInput(day, now());
  const submit = () =>
    action.run(async () => {
      const updated = await extend(pat, validTo!);
      onDone(updated, strings.extendDone(updated.displayName, formatDay(updated.validTo)));
    });
  return (
    <ActionDialog
      title={strings.extendTitle(pat.displayName)}
      confirmText={strings.extend}
      canConfirm={Boolean(validTo)}
      action={action}
      onConfirm={submit}
      onDismiss={onDismiss}
    >
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
    </ActionDialog>
  );
}
