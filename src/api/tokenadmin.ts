/** Token Admin API for organization administrators (`{vssps}/{org}/_apis/tokenadmin/...`). */
import { vsspsApiBase, type OrgContext } from "./context";
import { ApiError, NotSignedInError } from "./errors";
import { TOKENADMIN_API_VERSION, type SessionToken, type TokenAdminPagedSessionTokens } from "./model";

/** Paging of the per-user PAT list. */
export interface TokenAdminListOptions {
  pageSize?: number;
  continuationToken?: string;
}

/** One page of a user's PATs (not SSH keys); `continuationToken` is a GUID, null at the end. */
export async function listUserPatsAdmin(
  ctx: OrgContext,
  subjectDescriptor: string,
  o: TokenAdminListOptions = {},
): Promise<TokenAdminPagedSessionTokens> {
  const url = `${vsspsApiBase(ctx)}tokenadmin/personalaccesstokens/${encodeURIComponent(subjectDescriptor)}`;
  const action = `list the PATs of ${subjectDescriptor} as token administrator`;
  const res = await asAdmin(ctx, action, () =>
    ctx.http.request<TokenAdminPagedSessionTokens>({
      method: "GET",
      url,
      apiVersion: TOKENADMIN_API_VERSION,
      action,
      query: { pageSize: o.pageSize, continuationToken: o.continuationToken || undefined, isPublic: false },
    }),
  );
  if (!res.body || !Array.isArray(res.body.value)) throw new ApiError(`Azure DevOps answered ${action} without a value array.`, { url });
  return { value: res.body.value, continuationToken: res.body.continuationToken || null };
}

/** Every page of a user's PATs, until the continuation token is null. */
export async function* iterateUserPatsAdmin(
  ctx: OrgContext,
  subjectDescriptor: string,
  o: { pageSize?: number } = {},
): AsyncGenerator<SessionToken[]> {
  const seen = new Set<string>();
  let continuationToken: string | null = null;
  do {
    const page: TokenAdminPagedSessionTokens = await listUserPatsAdmin(ctx, subjectDescriptor, {
      ...o,
      continuationToken: continuationToken ?? undefined,
    });
    yield page.value;
    continuationToken = page.continuationToken;
    if (continuationToken !== null && seen.has(continuationToken)) {
      throw new ApiError(
        `Azure DevOps repeated a continuation token while listing the PATs of ${subjectDescriptor}; stopped to avoid a loop.`,
      );
    }
    if (continuationToken !== null) seen.add(continuationToken);
  } while (continuationToken !== null);
}

/** Revokes PATs of any user by authorizationId (204); revoking twice is harmless, so it may be retried. */
export async function revokeAuthorizationsAdmin(ctx: OrgContext, authorizationIds: string[]): Promise<void> {
  if (authorizationIds.length === 0) return;
  const action = `revoke ${authorizationIds.length} PAT(s) as token administrator`;
  await asAdmin(ctx, action, () =>
    ctx.http.request<void>({
      method: "POST",
      url: `${vsspsApiBase(ctx)}tokenadmin/revocations`,
      apiVersion: TOKENADMIN_API_VERSION,
      query: { isPublic: false },
      body: authorizationIds.map((authorizationId) => ({ authorizationId })),
      idempotent: true,
      action,
    }),
  );
}

/** tokenadmin answers 401 both for expired credentials and for callers who are not token administrators. */
async function asAdmin<T>(ctx: OrgContext, action: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    if (!(e instanceof NotSignedInError) || e.status !== 401) throw e;
    throw new NotSignedInError(
      `Azure DevOps refused to ${action} in organization '${ctx.organization}' (HTTP 401). The signed-in identity must be a ` +
        "token administrator of the organization (Project Collection Administrator); a PAT used for this needs the " +
        `vso.tokenadministration scope (and vso.graph to enumerate users). Also check the credential has not expired.` +
        (e.serviceMessage ? ` Azure DevOps said: ${e.serviceMessage}` : ""),
      { status: 401, url: e.url, serviceMessage: e.serviceMessage },
    );
  }
}
