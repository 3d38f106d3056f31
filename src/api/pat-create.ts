/**
 * Creating a PAT without ever making two: when the answer to the POST is lost, look for the PAT the
 * service may have created before deciding whether a resend is safe.
 */
import { ApiError, CreateOutcomeUnknownError, NetworkError, RequestTimeoutError } from "./errors";
import type { ApiResponse } from "./http";
import type { PagedPatTokens, PatListOptions, PatToken, PatTokenCreateRequest } from "./model";

/** How createPatSafely sends the POST and reads a page of the PAT list. */
export interface CreateSteps {
  send: () => Promise<PatToken>;
  listPage: (o: PatListOptions) => Promise<ApiResponse<PagedPatTokens>>;
}

// Dates from the service have 1 s resolution (Date header) and ~3 ms rounding (validTo).
const CLOCK_SLACK_MS = 2000;
const VALID_TO_SLACK_MS = 1000;

/** Sends once; on an ambiguous failure finds the created PAT or resends at most once when that is safe. */
export async function createPatSafely(req: PatTokenCreateRequest, steps: CreateSteps): Promise<PatToken> {
  const started = Date.now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await steps.send();
    } catch (error) {
      if (!isAmbiguous(error)) throw error;
      let found: PatToken | undefined;
      try {
        found = await findCreated(req, started, steps.listPage);
      } catch (lookupError) {
        throw new CreateOutcomeUnknownError(lookupFailedMessage(req, error, lookupError), undefined, error);
      }
      if (found) throw new CreateOutcomeUnknownError(foundMessage(req, found, error), found, error);
      // A timed-out POST may still be applied by the server: resending could make a second PAT.
      if (error instanceof RequestTimeoutError || attempt >= 2) {
        throw new CreateOutcomeUnknownError(notFoundMessage(req, error), undefined, error);
      }
    }
  }
}

/** The failure leaves open whether the service applied the create. */
function isAmbiguous(error: unknown): boolean {
  if (error instanceof NetworkError || error instanceof RequestTimeoutError) return true;
  return error instanceof ApiError && (error.status ?? 0) >= 500;
}

async function findCreated(req: PatTokenCreateRequest, started: number, listPage: CreateSteps["listPage"]): Promise<PatToken | undefined> {
  const matches: PatToken[] = [];
  let continuationToken = "";
  do {
    const res = await listPage({ displayFilterOption: "active", sortByOption: "displayName", top: 100, continuationToken });
    // The service's clock dates validFrom: place our start on it using the answer's Date header.
    const serverNow = Date.parse(res.headers.get("date") ?? "");
    const startOnServer = (Number.isNaN(serverNow) ? Date.now() : serverNow - (Date.now() - started)) - CLOCK_SLACK_MS;
    matches.push(...res.body.patTokens.filter((p) => isTheCreatedPat(p, req, startOnServer)));
    continuationToken = res.body.continuationToken;
  } while (continuationToken !== "");
  return matches.sort((a, b) => Date.parse(b.validFrom) - Date.parse(a.validFrom))[0];
}

function isTheCreatedPat(p: PatToken, req: PatTokenCreateRequest, startOnServer: number): boolean {
  if (p.displayName !== req.displayName) return false;
  if (!sameScope(p.scope, req.scope) || (p.targetAccounts === null) !== req.allOrgs) return false;
  const sameValidTo = Math.abs(Date.parse(p.validTo) - Date.parse(req.validTo)) <= VALID_TO_SLACK_MS;
  return sameValidTo || Date.parse(p.validFrom) >= startOnServer;
}

function sameScope(a: string, b: string): boolean {
  const norm = (s: string) =>
    s
      .split(/\s+/)
      .filter(Boolean)
      .map((x) => x.toLowerCase())
      .sort()
      .join(" ");
  return norm(a) === norm(b);
}

function foundMessage(req: PatTokenCreateRequest, found: PatToken, error: unknown): string {
  return (
    `The answer to creating the PAT '${req.displayName}' was lost (${messageOf(error)}), but Azure DevOps did create it: ` +
    `authorizationId ${found.authorizationId}, valid to ${found.validTo}. Its secret was only in the lost answer and ` +
    "cannot be read again: revoke this PAT and create a new one. No second PAT was created."
  );
}

function notFoundMessage(req: PatTokenCreateRequest, error: unknown): string {
  return (
    `Creating the PAT '${req.displayName}' got no answer (${messageOf(error)}) and no such PAT has appeared yet; ` +
    "Azure DevOps may still create it. Check the list of PATs before trying again, so as not to create a second one."
  );
}

function lookupFailedMessage(req: PatTokenCreateRequest, error: unknown, lookupError: unknown): string {
  return (
    `Creating the PAT '${req.displayName}' got no answer (${messageOf(error)}), and looking for it failed too ` +
    `(${messageOf(lookupError)}); Azure DevOps may have created it. Check the list of PATs before trying again, so as not to create a second one.`
  );
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
