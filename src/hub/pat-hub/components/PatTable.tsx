/** The PAT table: one row per token, sortable columns, a "…" menu per row with its actions. */
import * as React from "react";
import { Card } from "azure-devops-ui/Card";
import { Pill, PillSize, PillVariant } from "azure-devops-ui/Pill";
import { Status, Statuses, StatusSize, type IStatusProps } from "azure-devops-ui/Status";
import { ColumnMore, ColumnSorting, SimpleTableCell, SortOrder, Table, type ITableColumn } from "azure-devops-ui/Table";
import { Tooltip } from "azure-devops-ui/TooltipEx";
import { ArrayItemProvider } from "azure-devops-ui/Utilities/Provider";
import { GLOBAL_PAT_CUTOFF } from "../../../api/model";
import { describeScope, isFullAccess } from "../../../scopes";
import type { PatStatus, PatView } from "../pat-status";
import { formatDay, relativeDays } from "../relative-day";
import type { HubOrganization } from "../pat-service";
import { strings } from "../strings";
import type { SortColumn, TableOrder } from "../table-order";

export type RowAction = "extend" | "rotate" | "revoke";

export interface PatTableProps {
  rows: PatView[];
  organization: HubOrganization;
  order: TableOrder;
  onOrderChange(order: TableOrder): void;
  onAction(action: RowAction, view: PatView): void;
}

const STATUS_LOOK: Record<PatStatus, { text: string; status: IStatusProps }> = {
  active: { text: strings.statusActive, status: Statuses.Success },
  expiringSoon: { text: strings.statusExpiringSoon, status: Statuses.Warning },
  expired: { text: strings.statusExpired, status: Statuses.Failed },
  revoked: { text: strings.statusRevoked, status: Statuses.Canceled },
};

/** The actions that make sense for a PAT in this state (a revoked PAT can do nothing). */
function actionsFor(view: PatView): RowAction[] {
  if (view.status === "revoked") return [];
  if (view.status === "expired") return ["rotate", "revoke"];
  return ["extend", "rotate", "revoke"];
}

const COLUMN_IDS: SortColumn[] = ["name", "status", "expires", "created", "scope", "organizations"];

/** Memoized: re-renders only when its rows or columns change, not for spinners around it. */
export const PatTable = React.memo(function PatTable(props: PatTableProps): JSX.Element {
  const { rows, organization, order, onOrderChange, onAction } = props;
  const columns = React.useMemo(() => buildColumns(organization, order, onAction), [organization, order, onAction]);
  // The table keeps the behavior it mounted with, so it must always call the latest handler.
  const latestOrderChange = React.useRef(onOrderChange);
  latestOrderChange.current = onOrderChange;
  const sorting = React.useMemo(
    () =>
      new ColumnSorting<PatView>((columnIndex, proposed) => {
        const column = COLUMN_IDS[columnIndex];
        if (column) latestOrderChange.current({ column, ascending: proposed === SortOrder.ascending });
      }),
    [],
  );
  const provider = React.useMemo(() => new ArrayItemProvider<PatView>(rows), [rows]);
  return (
    <Card className="bolt-table-card" contentProps={{ contentPadding: false }}>
      <Table<PatView>
        ariaLabel={strings.pageTitle}
        className="pat-table"
        columns={columns}
        behaviors={[sorting]}
        itemProvider={provider}
        containerClassName="h-scroll-auto"
        selectableText={true}
      />
    </Card>
  );
});

function buildColumns(organization: HubOrganization, order: TableOrder, onAction: PatTableProps["onAction"]): ITableColumn<PatView>[] {
  const sortProps = (column: SortColumn) => ({
    sortOrder: order.column === column ? (order.ascending ? SortOrder.ascending : SortOrder.descending) : undefined,
    ariaLabelAscending: "Sorted A to Z",
    ariaLabelDescending: "Sorted Z to A",
  });
  const columns: ITableColumn<PatView>[] = [
    {
      id: "name",
      name: strings.columnName,
      width: -30,
      sortProps: sortProps("name"),
      renderCell: (_r, columnIndex, column, view) => (
        <SimpleTableCell columnIndex={columnIndex} tableColumn={column} key={`name-${columnIndex}`}>
          {/* Names are user text: React renders them as text, never as markup. */}
          <span className="pat-name text-ellipsis font-weight-semibold">{view.pat.displayName}</span>
        </SimpleTableCell>
      ),
    },
    {
      id: "status",
      name: strings.columnStatus,
      width: -14,
      sortProps: sortProps("status"),
      renderCell: (_r, columnIndex, column, view) => {
        const look = STATUS_LOOK[view.status];
        return (
          <SimpleTableCell columnIndex={columnIndex} tableColumn={column} key={`status-${columnIndex}`}>
            <Status {...look.status} size={StatusSize.m} className="flex-noshrink" ariaLabel={look.text} />
            <span className="pat-status padding-left-8" data-status={view.status}>
              {look.text}
            </span>
          </SimpleTableCell>
        );
      },
    },
    {
      id: "expires",
      name: strings.columnExpires,
      width: -16,
      sortProps: sortProps("expires"),
      renderCell: (_r, columnIndex, column, view) => (
        <SimpleTableCell columnIndex={columnIndex} tableColumn={column} key={`expires-${columnIndex}`}>
          <div className="flex-column">
            <span className="pat-expires">{formatDay(view.pat.validTo)}</span>
            <span className="pat-expires-relative secondary-text font-size-s">{relativeDays(view.daysToValidTo)}</span>
          </div>
        </SimpleTableCell>
      ),
    },
    {
      id: "created",
      name: strings.columnCreated,
      width: -12,
      sortProps: sortProps("created"),
      renderCell: (_r, columnIndex, column, view) => (
        <SimpleTableCell columnIndex={columnIndex} tableColumn={column} key={`created-${columnIndex}`}>
          <span className="pat-created">{formatDay(view.pat.validFrom)}</span>
        </SimpleTableCell>
      ),
    },
    {
      id: "scope",
      name: strings.columnScope,
      width: -28,
      sortProps: sortProps("scope"),
      renderCell: (_r, columnIndex, column, view) => {
        const text = isFullAccess(view.pat.scope) ? strings.fullAccess : describeScope(view.pat.scope);
        return (
          <SimpleTableCell columnIndex={columnIndex} tableColumn={column} key={`scope-${columnIndex}`}>
            <Tooltip text={text} overflowOnly={true}>
              <span className="pat-scope text-ellipsis">{text}</span>
            </Tooltip>
          </SimpleTableCell>
        );
      },
    },
    {
      id: "organizations",
      name: strings.columnOrganizations,
      width: -20,
      sortProps: sortProps("organizations"),
      renderCell: (_r, columnIndex, column, view) => (
        <SimpleTableCell columnIndex={columnIndex} tableColumn={column} key={`orgs-${columnIndex}`}>
          <OrganizationsCell view={view} organization={organization} />
        </SimpleTableCell>
      ),
    },
    new ColumnMore<PatView>(
      (view) => ({
        id: `actions-${view.pat.authorizationId}`,
        ariaLabel: strings.rowActions(view.pat.displayName),
        items: actionsFor(view).map((action) => ({
          id: action,
          text: strings[action],
          iconProps: { iconName: ACTION_ICONS[action] },
          onActivate: () => onAction(action, view),
        })),
      }),
      (view) => actionsFor(view).length > 0,
    ),
  ];
  return columns;
}

const ACTION_ICONS: Record<RowAction, string> = { extend: "Calendar", rotate: "Sync", revoke: "Blocked" };

function OrganizationsCell(props: { view: PatView; organization: HubOrganization }): JSX.Element {
  const { view, organization } = props;
  if (view.isGlobal) {
    const cutoff = strings.globalCutoff(formatDay(GLOBAL_PAT_CUTOFF));
    return (
      <div className="flex-column pat-organizations">
        <span>{strings.allOrganizations}</span>
        <Tooltip text={cutoff}>
          <Pill size={PillSize.compact} variant={PillVariant.outlined} className="pat-global-flag" ariaLabel={cutoff}>
            {strings.globalFlag(formatDay(GLOBAL_PAT_CUTOFF))}
          </Pill>
        </Tooltip>
      </div>
    );
  }
  const targets = view.pat.targetAccounts ?? [];
  const text =
    targets.length === 1 && targets[0].toLowerCase() === organization.id.toLowerCase()
      ? strings.thisOrganization(organization.name)
      : targets.length === 1
        ? targets[0]
        : strings.organizationCount(targets.length);
  return <span className="pat-organizations text-ellipsis">{text}</span>;
}
