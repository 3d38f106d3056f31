/** A 403 from a dev.azure.com write means a missing role: the error then says which role, and where to give it. */
import { ApiError, VssApiError } from "./errors";

/** Runs `call`; a 403 becomes "The pipeline may not <action> (HTTP 403). <roleHint> Azure DevOps said: …". */
export async function withRoleHint<T>(action: string, roleHint: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 403) throw e;
    const said = e instanceof VssApiError ? e.serviceMessage : e.message;
    throw new ApiError(`The pipeline may not ${action} (HTTP 403). ${roleHint} Azure DevOps said: ${said}`, { status: 403, url: e.url });
  }
}
