/** The panel that creates or edits a PAT: name, scopes from the picker and, when creating, the expiration. Same checks for both. */
import * as React from "react";
import { FormItem } from "azure-devops-ui/FormItem";
import { Panel } from "azure-devops-ui/Panel";
import { TextField } from "azure-devops-ui/TextField";
import { getSafeIdSelector } from "azure-devops-ui/Util";
import { describeScope, validateScopes } from "../../../scopes";
import { strings } from "../strings";
import { useAction } from "../use-action";
import { ErrorCard } from "./ErrorCard";
import { ExpiryPicker, expiryValidTo, initialExpiryChoice, type ExpiryChoice } from "./ExpiryPicker";
import { ScopePicker } from "./ScopePicker";

interface TokenValues {
  displayName: string;
  scope: string;
  /** Only when the panel asks for an expiration (creating). */
  validTo?: string;
}

export interface TokenPanelProps {
  title: string;
  confirmText: string;
  initialName: string;
  initialScopes: string[];
  /** Asks for an expiration when set (creating): today and the last day allowed. */
  expiry?: { nowMs: number; lastDay: string };
  submit(values: TokenValues): Promise<void>;
  onDismiss(): void;
}

export function TokenPanel(props: TokenPanelProps): JSX.Element {
  const { title, confirmText, expiry, submit, onDismiss } = props;
  const [name, setName] = React.useState(props.initialName);
  const [scopes, setScopes] = React.useState(props.initialScopes);
  const [choice, setChoice] = React.useState<ExpiryChoice>(() =>
    expiry ? initialExpiryChoice(expiry.nowMs, expiry.lastDay) : { preset: 30, day: "" },
  );
  const [touched, setTouched] = React.useState(false);
  const action = useAction();

  const checked = validateScopes(scopes.join(" "));
  const nameError = name.trim() === "" ? strings.createNameRequired : undefined;
  const scopeError = checked.empty
    ? strings.createScopeEmpty
    : checked.valid
      ? undefined
      : strings.createScopeInvalid(checked.unknown.join(", "));
  const validTo = expiry ? expiryValidTo(choice, expiry.nowMs, expiry.lastDay) : undefined;
  const valid = !nameError && !scopeError && validTo !== null;

  const confirm = () => {
    setTouched(true);
    if (!valid || action.busy) return;
    action.run(() => submit({ displayName: name.trim(), scope: checked.scopes.join(" "), validTo: validTo ?? undefined }));
  };

  return (
    <Panel
      titleProps={{ text: title }}
      onDismiss={onDismiss}
      defaultActiveElement={getSafeIdSelector("token-name")}
      footerButtonProps={[
        { text: strings.cancel, onClick: onDismiss, disabled: action.busy },
        { id: "token-confirm", text: action.busy ? strings.working : confirmText, primary: true, onClick: confirm, disabled: action.busy },
      ]}
    >
      <div className="flex-column rhythm-vertical-16 pat-token-form">
        <FormItem label={strings.createNameLabel} error={touched && !!nameError} message={touched ? nameError : undefined}>
          <TextField
            inputId="token-name"
            value={name}
            onChange={(_e, v) => setName(v)}
            ariaLabel={strings.createNameLabel}
            maxLength={256}
          />
        </FormItem>
        {expiry && (
          <FormItem label={strings.createExpiresLabel}>
            <ExpiryPicker
              id="token-expires"
              label={strings.createExpiresLabel}
              nowMs={expiry.nowMs}
              lastDay={expiry.lastDay}
              value={choice}
              onChange={setChoice}
            />
          </FormItem>
        )}
        <FormItem
          label={strings.createScopeLabel}
          error={touched && !!scopeError}
          message={touched && scopeError ? scopeError : checked.valid ? describeScope(checked.scopes.join(" ")) : strings.createScopeHelp}
        >
          <ScopePicker value={scopes} onChange={setScopes} />
        </FormItem>
        {action.error && <ErrorCard error={action.error} />}
      </div>
    </Panel>
  );
}
