/** What every API function needs first: a client and where to send it. */
import type { Endpoints } from "./endpoints";
import type { HttpClient } from "./http";

/** An organization on vssps (PATs, tokenadmin, graph). */
export interface OrgContext {
  http: HttpClient;
  endpoints: Endpoints;
  organization: string;
}

/** A project collection on dev.azure.com; `collectionUrl` ends with a slash. */
export interface CollectionContext {
  http: HttpClient;
  collectionUrl: string;
}

/** `${vssps}/${org}/_apis/` — the base of the vssps areas. */
export function vsspsApiBase(ctx: OrgContext): string {
  return `${ctx.endpoints.vssps}/${encodeURIComponent(ctx.organization)}/_apis/`;
}

/** The collection URL with exactly one trailing slash. */
export function collectionBase(ctx: CollectionContext): string {
  return ctx.collectionUrl.replace(/\/*$/, "/");
}
