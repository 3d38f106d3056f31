/**
 * The PAT table: one row per token, sortable columns, an "Actions for <name>" menu per row. Narrow
 * frames drop the least needed columns first; long text ends in an ellipsis with the full text on hover.
 */
import * as React from "react";
import { Card } from "azure-devops-ui/Card";
import { Pill, PillSize, PillVariant } from "azure-devops-ui/Pill";
import { Status, Statuses, StatusSize, type IStatusProps } from "azure-devops-ui/Status";
import { MenuButton } from "azure-devops-ui/Menu";
import { ColumnSorting, SimpleTableCell, SortOrder, Table, type ITableColumn } from "azure-devops-ui/Table";
import { Tooltip } from "azure-devops-ui/TooltipEx";
import { ArrayItemProvider } from "azure-devops-ui/Utilities/Provider";
import { GLOBAL_PAT_CUTOFF } from "../../../api/model";
import { describeScope, isFullAccess } from "../../../scopes";
import type { PatStatus, PatView } from "../pat-status";
import { formatDay, relativeDays } from "../relative-day";
import type { HubOrganization } from "../pat-service";
import { strings } from "../strings";
import type { SortColumn, TableOrder } from "../table-order";

export type RowAction = "edit" | "extend" | "rotate" | "revoke";

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
  stoppedWorking: { text: strings.statusStoppedWorking, status: Statuses.Failed },
  revoked: { text: strings.statusRevoked, status: Statuses.Canceled },
};

/** The actions that make sense for a PAT in this state (a revoked PAT can do nothing). */
function actionsFor(view: PatView): RowAction[] {
  if (view.status === "revoked") return [];
  if (view.status === "expired" || view.status === "stoppedWorking") return ["rotate", "revoke"];
  return ["edit", "extend", "rotate", "revoke"];
}

/** Frame widths (px) below which a column is dropped: the least needed goes first. */
const DROP_BELOW: Partial<Record<SortColumn, number>> = { created: 1100, organizations: 900, scope: 640 };

/** The sortable columns shown at this frame width, in table order. */
function visibleColumns(frameWidth: number): SortColumn[] {
  const all: SortColumn[] = ["name", "status", "expires", "created", "scope", "organizations"];
  return all.filter((id) => frameWidth >= (DROP_BELOW[id] ?? 0));
}

function useFrameWidth(): number {
  const [width, setWidth] = React.useState(() => window.innerWidth);
  React.useEffect(() => {
    const onResize = () => setWidth(window.innerWidth);
    window.addEventListener("resize", onResize);
    return () => window.removeEventListener("resize", onResize);
  }, []);
  return width;
}

/** Memoized: re-renders only when its rows or columns change, not for spinners around it. */
export const PatTable = React.memo(function PatTable(props: PatTableProps): JSX.Element {
  const { rows, organization, order, onOrderChange, onAction } = props;
  const shown = visibleColumns(useFrameWidth()).join(" ");
  const columns = React.useMemo(
    () => buildColumns(shown.split(" ") as SortColumn[], organization, order, onAction),
    [shown, organization, order, onAction],
  );
  const columnIds = React.useRef<string[]>([]);
  columnIds.current = columns.map((c) => c.id);
  // The table keeps the behavior it mounted with, so it must always call the latest handler.
  const latestOrderChange = React.useRef(onOrderChange);
  latestOrderChange.current = onOrderChange;
  const sorting = React.useMemo(
    () =>
      new ColumnSorting<PatView>((columnIndex, proposed) => {
        const column = columnIds.current[columnIndex] as SortColumn | undefined;
        if (column && column !== ("actions" as string)) latestOrderChange.current({ column, ascending: proposed === SortOrder.ascending });
      }),
    [],
  );
  const provider = React.useMemo(() => new ArrayItemProvider<PatView>(rows), [rows]);
  return (
    <Card className="bolt-table-card pat-table-card" contentProps={{ contentPadding: false }}>
      <Table<PatView>
        ariaLabel={strings.pageTitle}
        className="pat-table"
        columns={columns}
        behaviors={[sorting]}
        itemProvider={provider}
        selectableText={true}
      />
    </Card>
  );
});

function buildColumns(
  shown: SortColumn[],
  organization: HubOrganization,
  order: TableOrder,
  onAction: PatTableProps["onAction"],
): ITableColumn<PatView>[] {
  /** A sortable column whose cells hold `content(view)`. */
  const sortable = (id: SortColumn, name: string, width: number, content: (view: PatView) => React.ReactNode): ITableColumn<PatView> => ({
    id,
    name,
    width,
    sortProps: {
      sortOrder: order.column === id ? (order.ascending ? SortOrder.ascending : SortOrder.descending) : undefined,
      ariaLabelAscending: "Sorted A to Z",
      ariaLabelDescending: "Sorted Z to A",
    },
    renderCell: (_r, columnIndex, column, view) => (
      <SimpleTableCell columnIndex={columnIndex} tableColumn={column} key={`${id}-${columnIndex}`}>
        {content(view)}
      </SimpleTableCell>
    ),
  });
  const columns = [
    sortable("name", strings.columnName, -30, (view) => (
      // Names are user text: React renders them as text, never as markup.
      <Tooltip text={view.pat.displayName} overflowOnly={true}>
        <span className="pat-name text-ellipsis font-weight-semibold">{view.pat.displayName}</span>
      </Tooltip>
    )),
    sortable("status", strings.columnStatus, -14, (view) => <StatusCell status={view.status} />),
    sortable("expires", strings.columnExpires, -16, (view) => <ExpiresCell view={view} />),
    sortable("created", strings.columnCreated, -12, (view) => <span className="pat-created">{formatDay(view.pat.validFrom)}</span>),
    sortable("scope", strings.columnScope, -28, (view) => <ScopeCell scope={view.pat.scope} />),
    sortable("organizations", strings.columnOrganizations, -20, (view) => <OrganizationsCell view={view} organization={organization} />),
  ].filter((c) => shown.includes(c.id as SortColumn));
  const actions: ITableColumn<PatView> = {
    id: "actions",
    name: strings.columnActions,
    width: 48,
    renderHeaderCell: (columnIndex) => (
      <th key="actions" className="bolt-table-header-cell" aria-colindex={columnIndex + 1} data-column-index={columnIndex}>
        <span className="visually-hidden">{strings.columnActions}</span>
      </th>
    ),
    renderCell: (_r, columnIndex, column, view) => (
      <SimpleTableCell columnIndex={columnIndex} tableColumn={column} key="actions">
        <RowActionsButton view={view} onAction={onAction} />
      </SimpleTableCell>
    ),
  };
  return [...columns, actions];
}

function StatusCell(props: { status: PatStatus }): JSX.Element {
  const look = STATUS_LOOK[props.status];
  return (
    <>
      <Status {...look.status} size={StatusSize.m} className="flex-noshrink" ariaLabel={look.text} />
      <span className="pat-status padding-left-8" data-status={props.status}>
        {look.text}
      </span>
    </>
  );
}

function ScopeCell(props: { scope: string }): JSX.Element {
  const text = isFullAccess(props.scope) ? strings.fullAccess : describeScope(props.scope);
  return (
    <Tooltip text={text} overflowOnly={true}>
      <span className="pat-scope text-ellipsis">{text}</span>
    </Tooltip>
  );
}

const ACTION_ICONS: Record<RowAction, string> = { edit: "Edit", extend: "Calendar", rotate: "Sync", revoke: "Blocked" };

/** The row's menu, named for the token ("Actions for nightly-build") and its menu named too. */
function RowActionsButton(props: { view: PatView; onAction: PatTableProps["onAction"] }): JSX.Element | null {
  const { view, onAction } = props;
  const actions = actionsFor(view);
  if (actions.length === 0) return null;
  const label = strings.rowActions(view.pat.displayName);
  const menuId = `menu-${view.pat.authorizationId}`;
  return (
    <MenuButton
      id={rowActionsButtonId(view.pat.authorizationId)}
      className="pat-row-actions"
      ariaLabel={label}
      subtle={true}
      hideDropdownIcon={true}
      iconProps={{ iconName: "MoreVertical" }}
      // The library gives the menu's dialog no name; it gets the button's.
      onExpand={() => requestAnimationFrame(() => nameMenuDialog(menuId, label))}
      contextualMenuProps={{
        menuProps: {
          id: menuId,
          ariaLabel: label,
          items: actions.map((action) => ({
            id: action,
            text: strings[action],
            iconProps: { iconName: ACTION_ICONS[action] },
            onActivate: () => onAction(action, view),
          })),
        },
      }}
    />
  );
}

/** The id of a row's actions button, where focus returns after that row's dialog closes. */
export function rowActionsButtonId(authorizationId: string): string {
  return `actions-${authorizationId}`;
}

function nameMenuDialog(menuId: string, label: string): void {
  const callout =
    document.querySelector(`[id$="${CSS.escape(menuId)}-callout"] [role="dialog"]`) ??
    document.querySelector(`[id$="${CSS.escape(menuId)}-callout"][role="dialog"]`);
  callout?.setAttribute("aria-label", label);
}

/** When the token stops working: validTo, or the global cut-off when that comes first; nothing relative once revoked. */
function ExpiresCell(props: { view: PatView }): JSX.Element {
  const { view } = props;
  const day = formatDay(view.breaksAt || view.pat.validTo);
  const relative =
    view.status === "revoked"
      ? strings.revokedNoExpiry
      : view.status === "stoppedWorking"
        ? strings.globalStopped
        : relativeDays(view.daysToBreak);
  return (
    <div className="flex-column pat-expires-cell">
      <span className="pat-expires">{day}</span>
      <span className="pat-expires-relative secondary-text font-size-s">{relative}</span>
      {view.breaksAtGlobalCutoff && view.status !== "stoppedWorking" && view.status !== "revoked" && (
        <span className="pat-expires-global secondary-text font-size-s">{strings.globalStops}</span>
      )}
    </div>
  );
}

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
