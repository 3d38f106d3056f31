/** Who the job's System.AccessToken is, and the sentence that names the role it lacks on a library or connection item. */
import { ApiError, VssApiError } from "./errors";
import type { CollectionContext } from "./context";

/**
 * The project's build service by default (job authorization scope limited to the project), the
 * collection's one when that scope is the organization. `item` is e.g. "variable group 'x'" and
 * `where` how to reach its security page.
 */
export function jobRoleHint(ctx: CollectionContext, project: string, item: string, where: string): string {
  const org = organizationOf(ctx.collectionUrl);
  return (
    `The pipeline's identity, '${project} Build Service (${org})' (or 'Project Collection Build Service (${org})' when the ` +
    `pipeline's job authorization scope is the whole organization), needs the Administrator role on the ${item} ` +
    `of project '${project}': ${where}.`
  );
}

/** dev.azure.com/{org}/ or {org}.visualstudio.com/. */
function organizationOf(collectionUrl: string): string {
  const url = new URL(collectionUrl);
  const segment = url.pathname.split("/").filter(Boolean)[0];
  return segment ? decodeURIComponent(segment) : url.hostname.split(".")[0];
}

/** A 403 means the role is missing: say which role, for whom and where to give it. */
export async function forbiddenAsRoleHint<T>(action: string, hint: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 403) throw e;
    const said = e instanceof VssApiError ? e.serviceMessage : e.message;
    throw new ApiError(`The pipeline may not ${action} (HTTP 403). ${hint} Azure DevOps said: ${said}`, {
      status: 403,
      url: e.url,
    });
  }
}
