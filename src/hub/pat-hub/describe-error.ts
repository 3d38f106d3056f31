/**
 * Any failure as one sentence a person can act on (what happened, what to do), with the technical
 * details (service message, status, Activity Id) kept apart for "Show details" and support.
 */
import { ApiError, NetworkError, NotSignedInError, PatTokenApiError, RequestTimeoutError, ThrottledError } from "../../api/errors";
import { strings } from "./strings";

/** An error whose message is already a sentence for the person using the page; `details` for support. */
export class PlainWordsError extends Error {
  constructor(
    message: string,
    readonly details?: string,
    readonly activityId?: string,
  ) {
    super(message);
    this.name = "PlainWordsError";
  }
}

export interface ErrorInWords {
  /** One sentence: what happened and what to do. */
  sentence: string;
  /** What the service and the HTTP layer said, for "Show details". */
  details: string;
  activityId?: string;
}

export function explainError(e: unknown): ErrorInWords {
  if (e instanceof PlainWordsError) return { sentence: e.message, details: e.details ?? "", activityId: e.activityId };
  const details = e instanceof Error ? e.message : String(e);
  const activityId = e instanceof ApiError ? e.activityId : undefined;
  return { sentence: sentenceFor(e), details, activityId };
}

/** The sentence alone, where there is no room for details (sign-in cards). */
export function describeError(e: unknown): string {
  return explainError(e).sentence;
}

function sentenceFor(e: unknown): string {
  if (e instanceof NotSignedInError) return strings.errorNotSignedIn;
  if (e instanceof ThrottledError) return e.status === 503 ? strings.errorUnavailable : strings.errorThrottled(e.retryAfterMs);
  if (e instanceof NetworkError || e instanceof RequestTimeoutError) return strings.errorNetwork;
  if (e instanceof PatTokenApiError) return e.sentence.charAt(0).toUpperCase() + e.sentence.slice(1);
  if (e instanceof ApiError && e.status !== undefined && e.status >= 500) return strings.errorServiceFault;
  if (e instanceof ApiError && e.status !== undefined && e.status >= 400) return strings.errorRefused;
  return strings.errorUnknown;
}
