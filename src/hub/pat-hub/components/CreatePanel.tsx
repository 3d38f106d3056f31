/** Create a PAT: name, expiry, scopes (checked against the scope catalogue), organization or global. */
import * as React from "react";
import { Checkbox } from "azure-devops-ui/Checkbox";
import { FormItem } from "azure-devops-ui/FormItem";
import { MessageCard, MessageCardSeverity } from "azure-devops-ui/MessageCard";
import { Panel } from "azure-devops-ui/Panel";
import { TextField } from "azure-devops-ui/TextField";
import type { PatToken, PatTokenCreateRequest } from "../../../api/model";
import { describeScope, validateScopes } from "../../../scopes";
import { suggestedNewExpiry, validToFromDayInput } from "../expiry-input";
import { strings } from "../strings";
import { useAction } from "../use-action";

export interface CreatePanelProps {
  now: () => number;
  create(request: PatTokenCreateRequest): Promise<PatToken>;
  onDone(created: PatToken, message: string): void;
  onDismiss(): void;
}

export function CreatePanel(props: CreatePanelProps): JSX.Element {
  const { now, create, onDone, onDismiss } = props;
  const [name, setName] = React.useState("");
  const [day, setDay] = React.useState(() => suggestedNewExpiry(now()));
  const [scope, setScope] = React.useState("");
  const [allOrgs, setAllOrgs] = React.useState(false);
  const [touched, setTouched] = React.useState(false);
  const action = useAction();

  const validTo = validToFromDayInput(day, now());
  const scopes = validateScopes(scope);
  const nameError = name.trim() === "" ? strings.createNameRequired : undefined;
  const scopeError = scopes.empty
    ? strings.createScopeEmpty
    : scopes.unknown.length > 0
      ? strings.createScopeInvalid(scopes.unknown.join(", "))
      : undefined;
  const valid = !nameError && !scopeError && validTo !== null;

  const submit = () => {
    setTouched(true);
    if (!valid || action.busy || validTo === null) return;
    action.run(async () => {
      const created = await create({ displayName: name.trim(), scope: scopes.scopes.join(" "), validTo, allOrgs });
      onDone(created, strings.createDone(created.displayName));
    });
  };

  return (
    <Panel
      titleProps={{ text: strings.createTitle }}
      onDismiss={onDismiss}
      footerButtonProps={[
        { text: strings.cancel, onClick: onDismiss, disabled: action.busy },
        { text: action.busy ? strings.working : strings.createConfirm, primary: true, onClick: submit, disabled: action.busy },
      ]}
    >
      <div className="flex-column rhythm-vertical-16 pat-create">
        <FormItem label={strings.createNameLabel} error={touched && !!nameError} message={touched ? nameError : undefined}>
          <TextField
            inputId="create-name"
            value={name}
            onChange={(_e, v) => setName(v)}
            ariaLabel={strings.createNameLabel}
            autoFocus={true}
            maxLength={256}
          />
        </FormItem>
        <FormItem label={strings.createExpiresLabel} error={!validTo} message={validTo ? undefined : strings.extendInvalidDate}>
          <TextField
            inputId="create-expires"
            value={day}
            onChange={(_e, v) => setDay(v)}
            placeholder="YYYY-MM-DD"
            ariaLabel={strings.createExpiresLabel}
          />
        </FormItem>
        <FormItem
          label={strings.createScopeLabel}
          error={touched && !!scopeError}
          message={touched && scopeError ? scopeError : scopes.valid ? describeScope(scopes.scopes.join(" ")) : strings.createScopeHelp}
        >
          <TextField
            inputId="create-scope"
            value={scope}
            onChange={(_e, v) => setScope(v)}
            ariaLabel={strings.createScopeLabel}
            placeholder="vso.code vso.work_write"
          />
        </FormItem>
        <Checkbox checked={allOrgs} onChange={(_e, checked) => setAllOrgs(checked)} label={strings.createAllOrgs} />
        {action.error && (
          <MessageCard severity={MessageCardSeverity.Error} className="pat-dialog-error">
            {action.error}
          </MessageCard>
        )}
      </div>
    </Panel>
  );
}
