/** Scopes picked by area from the scope catalogue, each at its levels (read, write, manage, …), or full access with a warning. */
import * as React from "react";
import { MessageCard, MessageCardSeverity } from "azure-devops-ui/MessageCard";
import { scopesByCategory } from "../../../scopes";
import { strings } from "../strings";

const FULL_ACCESS = "app_token";
/** Not offered as areas: full access has its own box above, and user_impersonation is an OAuth app scope, not a PAT's. */
const NOT_PICKED = new Set([FULL_ACCESS, "user_impersonation"]);
const AREAS = scopesByCategory()
  .map((area) => ({ category: area.category, scopes: area.scopes.filter((entry) => !NOT_PICKED.has(entry.scope)) }))
  .filter((area) => area.scopes.length > 0);

export interface ScopePickerProps {
  /** Scope ids picked, lowercase. */
  value: string[];
  onChange(value: string[]): void;
}

export function ScopePicker(props: ScopePickerProps): JSX.Element {
  const { value, onChange } = props;
  const picked = new Set(value);
  const full = picked.has(FULL_ACCESS);
  const toggle = (id: string, on: boolean) => {
    const next = new Set(picked);
    if (on) next.add(id);
    else next.delete(id);
    onChange([...next]);
  };
  return (
    <div className="flex-column rhythm-vertical-8 pat-scope-picker">
      <label className="pat-scope-full">
        <input type="checkbox" checked={full} onChange={(e) => onChange(e.target.checked ? [FULL_ACCESS] : [])} /> {strings.scopeFullAccess}
      </label>
      {full && (
        <MessageCard severity={MessageCardSeverity.Warning} className="pat-scope-full-warning">
          {strings.scopeFullAccessWarning}
        </MessageCard>
      )}
      <div className="pat-scope-areas" role="group" aria-label={strings.createScopeLabel}>
        {AREAS.map((area) => (
          <fieldset key={area.category} className="pat-scope-area" disabled={full}>
            <legend className="font-weight-semibold">{area.category}</legend>
            {area.scopes.map((entry) => (
              <label key={entry.scope} className="pat-scope-level" title={entry.description}>
                <input
                  type="checkbox"
                  value={entry.scope}
                  checked={picked.has(entry.scope)}
                  onChange={(e) => toggle(entry.scope, e.target.checked)}
                />{" "}
                {entry.name}
              </label>
            ))}
          </fieldset>
        ))}
      </div>
    </div>
  );
}
