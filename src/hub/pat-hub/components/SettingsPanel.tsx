/**
 * The user's own settings: an Entra client id override in User-scope extension data, which changes
 * nothing for other members. A warning says to enter only an app registration the user trusts.
 */
import * as React from "react";
import { FormItem } from "azure-devops-ui/FormItem";
import { MessageCard, MessageCardSeverity } from "azure-devops-ui/MessageCard";
import { Panel } from "azure-devops-ui/Panel";
import { Spinner } from "azure-devops-ui/Spinner";
import { TextField } from "azure-devops-ui/TextField";
import { auditLine, BUILD_CLIENT_ID, isAcceptableSetting, type ClientIdSetting } from "../client-id";
import type { ClientIdSettings } from "../client-id-settings";
import { strings } from "../strings";
import { useAction } from "../use-action";
import { ErrorCard } from "./ErrorCard";

export interface SettingsPanelProps {
  settings: ClientIdSettings;
  onSaved(): void;
  onDismiss(): void;
}

export function SettingsPanel(props: SettingsPanelProps): JSX.Element {
  const { settings, onSaved, onDismiss } = props;
  const [value, setValue] = React.useState<string | undefined>();
  const [stored, setStored] = React.useState<ClientIdSetting | undefined>();
  const action = useAction();
  React.useEffect(() => {
    let live = true;
    settings.clientId().then(
      (v) => {
        if (!live) return;
        setStored(v);
        setValue(v.clientId);
      },
      () => live && setValue(""),
    );
    return () => void (live = false);
  }, [settings]);
  const text = value ?? "";
  const valid = isAcceptableSetting(text);
  const audit = stored && auditLine(stored);
  const save = () => {
    if (!valid || action.busy) return;
    action.run(async () => {
      await settings.setClientId(text.trim());
      onSaved();
    });
  };
  return (
    <Panel
      titleProps={{ text: strings.settingsTitle }}
      onDismiss={onDismiss}
      footerButtonProps={[
        { text: strings.cancel, onClick: onDismiss, disabled: action.busy },
        {
          text: action.busy ? strings.working : strings.settingsSave,
          primary: true,
          onClick: save,
          disabled: !valid || action.busy || value === undefined,
        },
      ]}
    >
      <div className="flex-column rhythm-vertical-16 pat-settings">
        <MessageCard severity={MessageCardSeverity.Warning} className="pat-settings-warning">
          {strings.settingsWarning}
        </MessageCard>
        {value === undefined ? (
          <Spinner label={strings.loading} />
        ) : (
          <FormItem
            label={strings.settingsClientIdLabel}
            error={!valid}
            message={valid ? strings.settingsClientIdHelp(BUILD_CLIENT_ID) : strings.settingsClientIdInvalid}
          >
            <TextField
              inputId="settings-client-id"
              value={text}
              onChange={(_e, v) => setValue(v)}
              placeholder="00000000-0000-0000-0000-000000000000"
              ariaLabel={strings.settingsClientIdLabel}
              autoFocus={true}
            />
          </FormItem>
        )}
        {audit && <p className="secondary-text font-size-s pat-client-id-audit">{audit}</p>}
        {action.error && <ErrorCard error={{ ...action.error, sentence: strings.settingsSaveFailed(action.error.sentence) }} />}
      </div>
    </Panel>
  );
}
