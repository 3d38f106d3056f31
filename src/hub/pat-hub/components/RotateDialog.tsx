/** Rotate: a new PAT like this one through the rotation core, then the old one revoked. */
import * as React from "react";
import { FormItem } from "azure-devops-ui/FormItem";
import { TextField } from "azure-devops-ui/TextField";
import type { PatToken } from "../../../api/model";
import { MAX_LIFETIME_DAYS } from "../../../rotation";
import type { RotationOutcome } from "../pat-service";
import { strings } from "../strings";
import { ActionDialog } from "./ActionDialog";

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
  const days = /^\d{1,3}$/.test(daysText.trim()) ? Number(daysText.trim()) : NaN;
  const valid = days >= 1 && days <= MAX_LIFETIME_DAYS;
  const submit = async () => {
    const outcome = await rotate(pat, days);
    onDone(outcome, strings.rotateDone(pat.displayName));
  };
  return (
    <ActionDialog
      title={strings.rotateTitle(pat.displayName)}
      confirmText={strings.rotateConfirm}
      canConfirm={valid}
      // Rotation revokes the old token: a red button that Enter does not press.
      danger={true}
      firstField="rotate-days"
      run={submit}
      onDismiss={onDismiss}
    >
      <p>{strings.rotateExplain}</p>
      <FormItem label={strings.rotateDaysLabel} error={!valid} message={valid ? undefined : strings.rotateDaysInvalid(MAX_LIFETIME_DAYS)}>
        <TextField
          inputId="rotate-days"
          value={daysText}
          onChange={(_e, value) => setDaysText(value)}
          ariaLabel={strings.rotateDaysLabel}
        />
      </FormItem>
    </ActionDialog>
  );
}
