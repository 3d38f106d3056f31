/** One text field of the organization view's filter row: its label is also its placeholder and accessible name. */
import * as React from "react";
import { TextField, TextFieldWidth } from "azure-devops-ui/TextField";

export interface OrgFilterFieldProps {
  inputId: string;
  label: string;
  value: string;
  onChange(value: string): void;
}

export function OrgFilterField(props: OrgFilterFieldProps): JSX.Element {
  return (
    <TextField
      inputId={props.inputId}
      value={props.value}
      onChange={(_e, v) => props.onChange(v)}
      placeholder={props.label}
      ariaLabel={props.label}
      width={TextFieldWidth.standard}
    />
  );
}
