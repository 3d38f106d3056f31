/** The signed-in page: header and commands, status tabs with search, the table, and the action dialogs. */
import * as React from "react";
import { MessageCard, MessageCardSeverity } from "azure-devops-ui/MessageCard";
import { Page } from "azure-devops-ui/Page";
import { Spinner, SpinnerSize } from "azure-devops-ui/Spinner";
import { Tab, TabBar, TabSize } from "azure-devops-ui/Tabs";
import { TextField, TextFieldWidth } from "azure-devops-ui/TextField";
import { getSafeId } from "azure-devops-ui/Util";
import { ZeroData } from "azure-devops-ui/ZeroData";
import type { DisplayFilterOption, PatToken } from "../../../api/model";
import type { PatService, RotationOutcome } from "../pat-service";
import type { PatView } from "../pat-status";
import { strings } from "../strings";
import { useLifespanPolicy } from "../use-lifespan-policy";
import { usePatList, type PatListState } from "../use-pat-list";
import { CreatePanel } from "./CreatePanel";
import { ExtendDialog } from "./ExtendDialog";
import { HubHeader } from "./HubHeader";
import { LoadMore } from "./LoadMore";
import { EditPanel } from "./EditPanel";
import { ErrorCard } from "./ErrorCard";
import { PatTable, rowActionsButtonId, type RowAction } from "./PatTable";
import { RevokeDialog } from "./RevokeDialog";
import { RotateDialog } from "./RotateDialog";
import { SecretDialog } from "./SecretDialog";

export interface PatListPageProps {
  service: PatService;
  now: () => number;
  onOpenSettings(): void;
}

type Overlay =
  { kind: RowAction; view: PatView } | { kind: "create" } | { kind: "secret"; displayName: string; secret: string; notes: string[] };

const FILTER_TABS: Array<{ id: DisplayFilterOption; name: string }> = [
  { id: "active", name: strings.filterActive },
  { id: "expired", name: strings.filterExpired },
  { id: "revoked", name: strings.filterRevoked },
  { id: "all", name: strings.filterAll },
];

export function PatListPage(props: PatListPageProps): JSX.Element {
  const { service, now, onOpenSettings } = props;
  const list = usePatList(service.listPage, now);
  const lifespan = useLifespanPolicy(service);
  const [overlay, setOverlay] = React.useState<Overlay | undefined>();
  const [notice, setNotice] = React.useState<string | undefined>();
  // Where focus goes back to once the dialog or panel closes: what opened it.
  const returnFocusTo = React.useRef<string | undefined>();
  const close = React.useCallback(() => setOverlay(undefined), []);
  const onAction = React.useCallback((kind: RowAction, view: PatView) => {
    returnFocusTo.current = rowActionsButtonId(view.pat.authorizationId);
    setOverlay({ kind, view });
  }, []);
  const openCreate = () => {
    returnFocusTo.current = NEW_TOKEN_ID;
    setOverlay({ kind: "create" });
  };
  useFocusReturn(overlay === undefined, returnFocusTo);

  /** After create or rotate: the new secret once, and the list reloaded with the new PAT. */
  const showSecret = (result: PatToken | RotationOutcome, message: string) => {
    setNotice(message);
    if ("secret" in result)
      setOverlay({ kind: "secret", displayName: result.replacement.displayName, secret: result.secret, notes: result.notes });
    else if (result.token) setOverlay({ kind: "secret", displayName: result.displayName, secret: result.token, notes: [] });
    else setOverlay(undefined);
    list.reload();
  };

  return (
    <Page className="flex-grow pat-hub-page">
      <HubHeader
        commands={[
          {
            id: NEW_TOKEN_ID,
            text: strings.newToken,
            important: true,
            isPrimary: true,
            iconProps: { iconName: "Add" },
            onActivate: openCreate,
          },
          {
            id: "settings",
            text: strings.settingsButton,
            important: true,
            iconProps: { iconName: "Settings" },
            onActivate: onOpenSettings,
          },
        ]}
      />
      <TabBar
        selectedTabId={list.filter}
        onSelectedTabChanged={(id) => list.setFilter(id as DisplayFilterOption)}
        tabSize={TabSize.Tall}
        ariaLabel={strings.filterLabel}
        renderAdditionalContent={() => (
          <div className="flex-row flex-center padding-right-16">
            <TextField
              inputId="pat-search"
              value={list.search}
              onChange={(_e, v) => list.setSearch(v)}
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
      <div className="page-content page-content-top flex-column flex-grow rhythm-vertical-16">
        {notice && (
          <MessageCard severity={MessageCardSeverity.Info} onDismiss={() => setNotice(undefined)} className="pat-notice">
            {notice}
          </MessageCard>
        )}
        <ListBody list={list} service={service} onAction={onAction} />
      </div>
      {overlay?.kind === "extend" && (
        <ExtendDialog
          pat={overlay.view.pat}
          now={now}
          policyDays={lifespan.days}
          extend={lifespan.extend}
          onDismiss={close}
          onRotateInstead={() => setOverlay({ kind: "rotate", view: overlay.view })}
          onDone={(updated, message) => {
            list.replace(updated);
            setNotice(message);
            close();
          }}
        />
      )}
      {overlay?.kind === "revoke" && (
        <RevokeDialog
          pat={overlay.view.pat}
          revoke={service.revoke}
          onDismiss={close}
          onDone={(message) => {
            list.markRevoked(overlay.view.pat.authorizationId);
            setNotice(message);
            close();
          }}
        />
      )}
      {overlay?.kind === "rotate" && <RotateDialog pat={overlay.view.pat} rotate={service.rotate} onDismiss={close} onDone={showSecret} />}
      {overlay?.kind === "edit" && (
        <EditPanel
          pat={overlay.view.pat}
          update={service.update}
          onDismiss={close}
          onDone={(updated, message) => {
            list.replace(updated);
            setNotice(message);
            close();
          }}
        />
      )}
      {overlay?.kind === "create" && (
        <CreatePanel now={now} policyDays={lifespan.days} create={lifespan.create} onDismiss={close} onDone={showSecret} />
      )}
      {overlay?.kind === "secret" && (
        <SecretDialog displayName={overlay.displayName} secret={overlay.secret} notes={overlay.notes} onDismiss={close} />
      )}
    </Page>
  );
}

const NEW_TOKEN_ID = "new-token";

/** Once nothing is open, focus goes back to the element that opened it, or to the search box when it is gone. */
function useFocusReturn(closed: boolean, target: React.MutableRefObject<string | undefined>): void {
  React.useEffect(() => {
    if (!closed || !target.current) return;
    const id = target.current;
    target.current = undefined;
    // After the dialog's own focus handling has run.
    const timer = window.setTimeout(() => {
      const element = document.getElementById(getSafeId(id) ?? id) ?? document.getElementById(getSafeId("pat-search") ?? "");
      element?.focus();
    }, 0);
    return () => window.clearTimeout(timer);
  }, [closed, target]);
}

function ListBody(props: { list: PatListState; service: PatService; onAction(kind: RowAction, view: PatView): void }): JSX.Element {
  const { list, service, onAction } = props;
  if (list.error) {
    return <ErrorCard error={list.error} lead={`${strings.errorTitle}.`} className="pat-load-error" onRetry={list.reload} />;
  }
  if (list.loading) return <Spinner size={SpinnerSize.large} label={strings.loading} className="padding-vertical-20" />;
  const searching = list.search.trim() !== "";
  if (list.rows.length === 0 && list.complete) {
    const filterName = FILTER_TABS.find((t) => t.id === list.filter)?.name ?? list.filter;
    return (
      <ZeroData
        className="pat-empty"
        imageAltText=""
        iconProps={{ iconName: searching ? "Search" : "Permissions" }}
        primaryText={searching ? strings.noMatchTitle : list.filter === "all" ? strings.emptyAll : strings.emptyTitle(filterName)}
        secondaryText={searching ? strings.noMatch(list.search.trim()) : strings.emptyHint}
      />
    );
  }
  return (
    <>
      <div className="flex-row flex-center">
        <span className="pat-count secondary-text" role="status" aria-live="polite">
          {searching ? strings.countMatching(list.rows.length, list.loadedCount) : strings.countLoaded(list.loadedCount, !list.complete)}
        </span>
        {list.loadingMore && <Spinner size={SpinnerSize.small} className="padding-left-8" ariaLabel={strings.loadingMore} />}
      </div>
      <PatTable rows={list.rows} organization={service.organization} order={list.order} onOrderChange={list.setOrder} onAction={onAction} />
      {!list.complete && <LoadMore loading={list.loadingMore} onLoadMore={list.loadMore} />}
    </>
  );
}
