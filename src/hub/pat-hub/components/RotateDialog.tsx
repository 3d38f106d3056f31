/** Rotate: a new PAT like this one through the rotation core, then the old one revoked. */
import * as React from "react";
import { Dialog } from "azure-devops-ui/Dialog";
import { FormItem } from "azure-devops-ui/FormItem";
import { MessageCard, MessageCardSeverity } from "azure-devops-ui/MessageCard";
import { TextField } from "azure-devops-ui/TextField";
import type { PatToken } from "../../../api/model";
import { MAX_LIFETIME_DAYS } from "../../../rotation/params";
import type { RotationOutcome } from "../pat-service";
import { strings } from "../strings";
import { useAction } from "../use-action";

export interface RotateDialogProps {
  pat: PatToken;
  rotate(pat: PatToken, lifetimeDays: number): Promise<RotationOutcome>;
  onDone(outcome: RotationOutcome, message: string): void;
  onDismiss(): void;
}

const DEFAULT_LIFETIME_DAYS = 30;

export function RotateDialog(props: RotateDialogProps): JSX.Element {
  const { pat, rotate, onDone, onDismiss } = props;
  const [daysText, setDaysText] = React.useState(String(DEFAULT_LIFETIME_DAYS));
  const action = useAction();
  const days = /^\d{1,3}$/.test(daysText.trim()) ? Number(daysText.trim()) : NaN;
  const valid = days >= 1 && days <= MAX_LIFETIME_DAYS;
  const submit = () => {
    if (!valid || action.busy) return;
    action.run(async () => {
      const outcome = await rotate(pat, days);
      onDone(outcome, strings.rotateDone(pat.displayName));
    });
  };
  return (
    <Dialog
      titleProps={{ text: strings.rotateTitle(pat.displayName) }}
      onDismiss={onDismiss}
      footerButtonProps={[
        { text: strings.cancel, onClick: onDismiss, disabled: action.busy },
        { text: action.busy ? strings.working : strings.rotateConfirm, primary: true, onClick: submit, disabled: !valid || action.busy },
      ]}
      enterPrimary={true}
    >
      <div className="flex-column rhythm-vertical-16 pat-dialog">
        <p>{strings.rotateExplain}</p>
        <FormItem label={strings.rotateDaysLabel} error={!valid} message={valid ? undefined : strings.rotateDaysInvalid(MAX_LIFETIME_DAYS)}>
          <TextField
            inputId="rotate-days"
            value={daysText}
            onChange={(_e, value) => setDaysText(value)}
            ariaLabel={strings.rotateDaysLabel}
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
