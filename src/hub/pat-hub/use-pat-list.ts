/**
 * The list behind the table: the status filter and name order go to the API; search and the other
 * orders work on loaded rows, so they load every page first; scrolling past the first page loads
 * the rest behind the user. Under "All" the revoked PATs are listed too (the API marks nothing else as revoked).
 */
import * as React from "react";
import type { DisplayFilterOption, PatToken } from "../../api/model";
import { explainError, type ErrorInWords } from "./describe-error";
import { PatPager, type ListPatPage } from "./pat-pager";
import { viewPat, type PatView } from "./pat-status";
import { DEFAULT_ORDER, needsEveryPage, orderRows, type TableOrder } from "./table-order";

export interface PatListState {
  filter: DisplayFilterOption;
  search: string;
  order: TableOrder;
  /** Rows to show, searched and ordered. */
  rows: PatView[];
  /** PATs loaded so far under the filter. */
  loadedCount: number;
  /** True until the first page arrived. */
  loading: boolean;
  loadingMore: boolean;
  complete: boolean;
  error: ErrorInWords | undefined;
  setFilter(filter: DisplayFilterOption): void;
  setSearch(search: string): void;
  setOrder(order: TableOrder): void;
  loadMore(): void;
  reload(): void;
  /** Local updates after an action, without a round trip. */
  replace(pat: PatToken): void;
  markRevoked(authorizationId: string): void;
}

/** How often rows loading in the background reach the table: each render of it costs a layout of the whole view. */
const RENDER_EVERY_MS = 250;

interface Pagers {
  main: PatPager;
  /** Under "all": which PATs are revoked. */
  revoked?: PatPager;
}

export function usePatList(listPage: ListPatPage, now: () => number): PatListState {
  const [filter, setFilterState] = React.useState<DisplayFilterOption>("active");
  const [search, setSearch] = React.useState("");
  const [order, setOrderState] = React.useState<TableOrder>(DEFAULT_ORDER);
  const [pagers, setPagers] = React.useState<Pagers>(() => createPagers(listPage, "active", true));
  const [revokedNow, setRevokedNow] = React.useState<ReadonlySet<string>>(new Set());
  const [error, setError] = React.useState<ErrorInWords | undefined>();
  const [loadingMore, setLoadingMore] = React.useState(false);
  // Bumped after every page so React re-reads the pagers (they are mutable).
  const [version, setVersion] = React.useState(0);
  const bump = React.useCallback(() => setVersion((v) => v + 1), []);
  const current = React.useRef(pagers);
  current.current = pagers;
  // One loading loop per set of pagers at a time.
  const busyWith = React.useRef<Pagers | undefined>();

  const run = React.useCallback(
    (target: Pagers, work: () => Promise<void>) => {
      if (busyWith.current === target) return;
      busyWith.current = target;
      setLoadingMore(true);
      const settle = (failure?: unknown) => {
        if (busyWith.current === target) busyWith.current = undefined;
        if (current.current !== target) return;
        setLoadingMore(false);
        if (failure !== undefined) setError(explainError(failure));
        else bump();
      };
      work().then(
        () => settle(),
        (e: unknown) => settle(e ?? new Error("unknown failure")),
      );
    },
    [bump],
  );

  const everyPage = needsEveryPage(search, order);
  React.useEffect(() => {
    if (error) return;
    const target = pagers;
    if (!target.main.started || (everyPage && !target.main.complete)) {
      run(target, async () => {
        const revokedIds = target.revoked?.loadAll();
        if (everyPage) await target.main.loadAll(() => current.current === target && bump());
        else await target.main.loadNext();
        await revokedIds;
      });
    }
  }, [pagers, everyPage, error, run, bump, version]);

  const replacePagers = (next: Pagers) => {
    setError(undefined);
    setRevokedNow(new Set());
    setPagers(next);
  };
  const setFilter = (f: DisplayFilterOption) => {
    if (f === filter) return;
    setFilterState(f);
    replacePagers(createPagers(listPage, f, order.column !== "name" || order.ascending));
  };
  const staleRows = React.useRef<PatView[] | undefined>();
  const latestRows = React.useRef<PatView[]>([]);
  const latest = React.useRef({ pagers, filter });
  latest.current = { pagers, filter };
  // Stable, so the memoized table does not re-render for it.
  const setOrder = React.useCallback(
    (o: TableOrder) => {
      setOrderState(o);
      // Only the name order comes from the server: a new direction means new pages. The rows shown
      // stay until the first new page arrives, so the table (and focus on its header) stays too.
      const { pagers: p, filter: f } = latest.current;
      if (o.column === "name" && o.ascending !== p.main.query.nameAscending) {
        setError(undefined);
        setRevokedNow(new Set());
        staleRows.current = latestRows.current;
        setPagers(createPagers(listPage, f, o.ascending));
      }
    },
    [listPage],
  );
  // Someone who scrolls past a page goes on: the rest loads behind them (one request at a time, as a
  // search does), and the table takes the new rows at most every RENDER_EVERY_MS rather than per page.
  const loadMore = () => {
    if (error || pagers.main.complete) return;
    const target = pagers;
    let shown = Date.now();
    const showNow = () => {
      if (current.current !== target || Date.now() - shown < RENDER_EVERY_MS) return;
      shown = Date.now();
      bump();
    };
    run(target, () => target.main.loadAll(showNow));
  };
  const reload = () => replacePagers(createPagers(listPage, filter, pagers.main.query.nameAscending));

  // Rows are derived once per page or change, not on every render (the table is the costly part).
  const pagerRows = pagers.main.rows;
  const revokedRows = pagers.revoked?.rows;
  // Views of unchanged PATs are reused: each page only adds its own (PatTokens are never mutated).
  const viewCache = React.useRef({ day: "", views: new WeakMap<PatToken, PatView>() });
  const rows = React.useMemo(() => {
    const nowMs = now();
    const day = new Date(nowMs).toISOString().slice(0, 10);
    if (viewCache.current.day !== day) viewCache.current = { day, views: new WeakMap() };
    const cache = viewCache.current.views;
    const revokedIds = new Set([...(revokedRows ?? []).map((p) => p.authorizationId), ...revokedNow]);
    const views = pagerRows.map((pat) => {
      const revoked = filter === "revoked" || revokedIds.has(pat.authorizationId);
      let view = cache.get(pat);
      if (!view || (view.status === "revoked") !== revoked) {
        view = viewPat(pat, nowMs, revoked);
        cache.set(pat, view);
      }
      return view;
    });
    return orderRows(views, search, order);
  }, [pagerRows, revokedRows, revokedNow, filter, search, order, now]);
  if (pagers.main.started) staleRows.current = undefined;
  const shownRows = staleRows.current && !error ? staleRows.current : rows;
  latestRows.current = shownRows;

  return {
    filter,
    search,
    order,
    rows: shownRows,
    loadedCount: pagers.main.rows.length,
    loading: !pagers.main.started && !error && !staleRows.current,
    loadingMore,
    complete: pagers.main.complete,
    error,
    setFilter,
    setSearch,
    setOrder,
    loadMore,
    reload,
    replace: (pat) => {
      pagers.main.replace(pat);
      bump();
    },
    markRevoked: (authorizationId) => {
      // Under "active" or "expired" a revoked PAT no longer belongs to the list.
      if (filter === "all") setRevokedNow((s) => new Set([...s, authorizationId]));
      else pagers.main.remove(authorizationId);
      bump();
    },
  };
}

function createPagers(listPage: ListPatPage, filter: DisplayFilterOption, nameAscending: boolean): Pagers {
  return {
    main: new PatPager(listPage, { filter, nameAscending }),
    revoked: filter === "all" ? new PatPager(listPage, { filter: "revoked", nameAscending: true }) : undefined,
  };
}
