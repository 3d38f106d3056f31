/**
 * The PAT list as pages: follows the continuation token one page at a time (as the user scrolls)
 * or to the end (for search and client-side sorting), always with the same filter and sort, as
 * the API requires.
 */
import type { DisplayFilterOption, PagedPatTokens, PatListOptions, PatToken } from "../../api/model";

/** The largest page the API serves. */
const PAGE_SIZE = 100;

export interface PatListQuery {
  filter: DisplayFilterOption;
  /** Server-side sort by name; other orders are applied by the view once every page is loaded. */
  nameAscending: boolean;
}

export type ListPatPage = (options: PatListOptions) => Promise<PagedPatTokens>;

export class PatPager {
  private loaded: PatToken[] = [];
  // undefined: not asked yet; "": no more pages.
  private continuation: string | undefined;
  private inFlight: Promise<void> | undefined;

  constructor(
    private readonly listPage: ListPatPage,
    readonly query: PatListQuery,
    private readonly pageSize = PAGE_SIZE,
  ) {}

  get rows(): readonly PatToken[] {
    return this.loaded;
  }

  get started(): boolean {
    return this.continuation !== undefined;
  }

  get complete(): boolean {
    return this.continuation === "";
  }

  /** Loads the next page; concurrent calls share one request. */
  loadNext(): Promise<void> {
    if (this.complete) return Promise.resolve();
    this.inFlight ??= this.fetchPage().finally(() => (this.inFlight = undefined));
    return this.inFlight;
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
    this.loaded = this.loaded.filter((p) => p.authorizationId !== authorizationId);
  }

  /** Puts a changed PAT in place of the one with the same id. */
  replace(pat: PatToken): void {
    this.loaded = this.loaded.map((p) => (p.authorizationId === pat.authorizationId ? pat : p));
  }

  private async fetchPage(): Promise<void> {
    const page = await this.listPage({
      displayFilterOption: this.query.filter,
      sortByOption: "displayName",
      isSortAscending: this.query.nameAscending,
      top: this.pageSize,
      continuationToken: this.continuation || undefined,
    });
    this.loaded = [...this.loaded, ...page.patTokens];
    this.continuation = page.continuationToken ?? "";
  }
}
