/** Any failure as one sentence a person can act on: the API module already words its own errors. */
import { ApiError, NetworkError, NotSignedInError } from "../../api/errors";
import { strings } from "./strings";

/** An error whose message is already a sentence for the person using the page. */
export class PlainWordsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PlainWordsError";
  }
}

export function describeError(e: unknown): string {
  if (e instanceof PlainWordsError) return e.message;
  if (e instanceof NotSignedInError) return strings.errorNotSignedIn;
  if (e instanceof NetworkError) return strings.errorNetwork;
  if (e instanceof ApiError) return e.message;
  if (e instanceof Error && e.message) return strings.errorUnknown(e.message);
  return strings.errorUnknown(String(e));
}
