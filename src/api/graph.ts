/** Graph users of an organization (`{vssps}/{org}/_apis/graph/users`), paged by a response header. */
import { vsspsApiBase, type OrgContext } from "./context";
import { ApiError } from "./errors";
import { GRAPH_API_VERSION, type GraphUser } from "./model";

/** Filters and paging of the user list. */
export interface GraphUserListOptions {
  continuationToken?: string;
  /** e.g. ["aad", "msa"]; all kinds when omitted. */
  subjectTypes?: string[];
}

/** One page of users; the next page's token comes from the `X-MS-ContinuationToken` header (null at the end). */
export async function listUsers(
  ctx: OrgContext,
  o: GraphUserListOptions = {},
): Promise<{ users: GraphUser[]; continuationToken: string | null }> {
  const url = `${vsspsApiBase(ctx)}graph/users`;
  const res = await ctx.http.request<{ value?: GraphUser[] } | GraphUser[]>({
    method: "GET",
    url,
    apiVersion: GRAPH_API_VERSION,
    action: `list the users of organization '${ctx.organization}'`,
    query: { subjectTypes: o.subjectTypes?.join(","), continuationToken: o.continuationToken || undefined },
  });
  // The spec says a bare array; the wire has { count, value }. Accept both.
  const users = Array.isArray(res.body) ? res.body : res.body?.value;
  if (!Array.isArray(users)) throw new ApiError("Azure DevOps answered the user list without a value array.", { url });
  return { users, continuationToken: res.headers.get("x-ms-continuationtoken") || null };
}

/** Every page of users (Microsoft Entra and Microsoft accounts by default) until no continuation header. */
export async function* iterateUserPages(ctx: OrgContext, o: { subjectTypes?: string[] } = {}): AsyncGenerator<GraphUser[]> {
  const subjectTypes = o.subjectTypes ?? ["aad", "msa"];
  const seen = new Set<string>();
  let continuationToken: string | null = null;
  do {
    const page: { users: GraphUser[]; continuationToken: string | null } = await listUsers(ctx, {
      subjectTypes,
      continuationToken: continuationToken ?? undefined,
    });
    yield page.users;
    continuationToken = page.continuationToken;
    if (continuationToken !== null && seen.has(continuationToken)) {
      throw new ApiError("Azure DevOps repeated a continuation token while listing users; stopped to avoid a loop.");
    }
    if (continuationToken !== null) seen.add(continuationToken);
  } while (continuationToken !== null);
}
