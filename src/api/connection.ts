/** `{collection}/_apis/connectionData`: the cheapest authenticated call, used to verify a credential works. */
import { collectionBase, type CollectionContext } from "./context";
import { ApiError, NotSignedInError } from "./errors";
import { notSignedInMessage } from "./messages";

const ANONYMOUS_ID = "aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa";

/** Who the collection sees as the caller. */
export interface ConnectionData {
  authenticatedUser: { id: string; providerDisplayName: string };
}

/** Reads connectionData (no api-version: the service serves it unversioned). */
export async function getConnectionData(ctx: CollectionContext): Promise<ConnectionData> {
  const url = `${collectionBase(ctx)}_apis/connectionData`;
  const res = await ctx.http.request<ConnectionData>({ method: "GET", url, action: "read the connection data of the collection" });
  if (!res.body?.authenticatedUser || typeof res.body.authenticatedUser.id !== "string") {
    throw new ApiError("Azure DevOps answered connectionData without an authenticated user.", { status: res.status, url });
  }
  // connectionData also answers anonymous callers, as this well-known identity.
  if (res.body.authenticatedUser.id === ANONYMOUS_ID) {
    throw new NotSignedInError(notSignedInMessage(ctx.http.credentialKind, "an anonymous identity", `GET ${url}`), {
      status: res.status,
      url,
    });
  }
  return res.body;
}
