/**
 * The PAT list as pages: follows the continuation token one page at a time (as the user scrolls)
 * or to the end (for search and client-side sorting), always with the same filter and sort, as
 * the API requires. Once the user scrolls past the first page, a few pages are fetched ahead, one
 * after another (each continuation comes with the page before it), and shown together when asked for.
 */
import type { DisplayFilterOption, PagedPatTokens, PatListOptions, PatToken } from "../../api/model";

/** The largest page the API serves. */
const PAGE_SIZE = 100;
/** Pages fetched ahead of the table once the user scrolls: rows are there when the list's end comes into view. */
const PAGES_AHEAD = 5;

export interface PatListQuery {
  filter: DisplayFilterOption;
  /** Server-side sort by name; other orders are applied by the view once every page is loaded. */
  nameAscending: boolean;
}

export type ListPatPage = (options: PatListOptions) => Promise<PagedPatTokens>;

export class PatPager {
  private shown: PatToken[] = [];
  /** Fetched, not shown yet. */
  private ahead: PatToken[] = [];
  private anyShown = false;
  // Of the last page fetched. undefined: not asked yet; "": no more pages.
  private continuation: string | undefined;
  private inFlight: Promise<void> | undefined;
  private fetchingAhead = false;

  constructor(
    private readonly listPage: ListPatPage,
    readonly query: PatListQuery,
    private readonly pageSize = PAGE_SIZE,
  ) {}

  get rows(): readonly PatToken[] {
    return this.shown;
  }

  get started(): boolean {
    return this.anyShown;
  }

  get complete(): boolean {
    return this.continuation === "" && this.ahead.length === 0;
  }

  /** Shows the next page, or every page fetched ahead; concurrent calls share one request. */
  async loadNext(): Promise<void> {
    if (this.complete) return;
    if (this.ahead.length === 0) await this.fetchPage();
    this.showFetched();
    this.anyShown = true; // an empty first page is an answer too
  }

  /** Shows at once the rows fetched ahead, if there are any (true), and fetches ahead again once the user is past the first page. */
  showFetched(): boolean {
    if (this.ahead.length === 0) return false;
    const scrolling = this.anyShown;
    this.shown = this.shown.concat(this.ahead);
    this.ahead = [];
    this.anyShown = true;
    if (scrolling) void this.fetchAhead();
    return true;
  }

  /** Loads every remaining page; `onPage` runs after each so the view can show progress. */
  async loadAll(onPage?: () => void): Promise<void> {
    while (!this.complete) {
      await this.loadNext();
      onPage?.();
    }
  }

  /** Forgets one PAT (revoked or replaced) without reloading. */
  remove(authorizationId: string): void {
    this.shown = this.shown.filter((p) => p.authorizationId !== authorizationId);
    this.ahead = this.ahead.filter((p) => p.authorizationId !== authorizationId);
  }

  /** Puts a changed PAT in place of the one with the same id. */
  replace(pat: PatToken): void {
    const same = (p: PatToken) => (p.authorizationId === pat.authorizationId ? pat : p);
    this.shown = this.shown.map(same);
    this.ahead = this.ahead.map(same);
  }

  /** Fills the pages ahead in the background; a page that fails here is asked for again when it is needed, and fails there in words. */
  private async fetchAhead(): Promise<void> {
    if (this.fetchingAhead) return;
    this.fetchingAhead = true;
    try {
      while (this.continuation !== "" && this.ahead.length < PAGES_AHEAD * this.pageSize) await this.fetchPage();
    } catch {
      // Left for loadNext, which asks again.
    } finally {
      this.fetchingAhead = false;
    }
  }

  /** One page after the last one fetched; concurrent calls share one request. */
  private fetchPage(): Promise<void> {
    this.inFlight ??= this.requestPage().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  private async requestPage(): Promise<void> {
    const page = await this.listPage({
      displayFilterOption: this.query.filter,
      sortByOption: "displayName",
      isSortAscending: this.query.nameAscending,
      top: this.pageSize,
      continuationToken: this.continuation || undefined,
    });
    this.ahead = this.ahead.concat(page.patTokens);
    this.continuation = page.continuationToken ?? "";
  }
}
