/** The status tabs (Active, Expired, Revoked, All) with the search box beside them. */
import * as React from "react";
import { Tab, TabBar, TabSize } from "azure-devops-ui/Tabs";
import { TextField, TextFieldWidth } from "azure-devops-ui/TextField";
import type { DisplayFilterOption } from "../../../api/model";
import { strings } from "../strings";

export const FILTER_TABS: Array<{ id: DisplayFilterOption; name: string }> = [
  { id: "active", name: strings.filterActive },
  { id: "expired", name: strings.filterExpired },
  { id: "revoked", name: strings.filterRevoked },
  { id: "all", name: strings.filterAll },
];

export interface FilterTabsProps {
  filter: DisplayFilterOption;
  search: string;
  onFilterChange(filter: DisplayFilterOption): void;
  onSearchChange(search: string): void;
}

/** Memoized: the tab bar measures itself whenever it renders, so it renders only when the filter or search changes. */
export const FilterTabs = React.memo(function FilterTabs(props: FilterTabsProps): JSX.Element {
  const { filter, search, onFilterChange, onSearchChange } = props;
  return (
    <TabBar
      selectedTabId={filter}
      onSelectedTabChanged={(id) => onFilterChange(id as DisplayFilterOption)}
      tabSize={TabSize.Tall}
      ariaLabel={strings.filterLabel}
      renderAdditionalContent={() => (
        <div className="flex-row flex-center padding-right-16">
          <TextField
            inputId="pat-search"
            value={search}
            onChange={(_e, v) => onSearchChange(v)}
            placeholder={strings.searchPlaceholder}
            ariaLabel={strings.searchLabel}
            prefixIconProps={{ iconName: "Search" }}
            width={TextFieldWidth.standard}
          />
        </div>
      )}
    >
      {FILTER_TABS.map((t) => (
        <Tab key={t.id} id={t.id} name={t.name} />
      ))}
    </TabBar>
  );
});
