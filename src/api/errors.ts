/** Error classes every face of PAT Lifecycle maps to a message a person can act on. */
import type { PatToken, SessionTokenError } from "./model";
import { describePatTokenError } from "./pat-token-errors";

/** Any failure talking to Azure DevOps; `status` and `url` when a response or request was involved. */
export class ApiError extends Error {
  readonly status?: number;
  readonly url?: string;
  /** The ActivityId header of the answer, when there was one: what Microsoft support asks for. */
  activityId?: string;
  constructor(message: string, o: { status?: number; url?: string } = {}) {
    super(message);
    this.name = "ApiError";
    this.status = o.status;
    this.url = o.url;
  }
}

/** Azure DevOps did not accept the credential (203 / 302 / HTML sign-in page / 401). */
export class NotSignedInError extends ApiError {
  /** What the service said, when it answered with a VSS error body (401 TF400813, …). */
  readonly serviceMessage?: string;
  constructor(message: string, o: { status?: number; url?: string; serviceMessage?: string } = {}) {
    super(message, o);
    this.name = "NotSignedInError";
    this.serviceMessage = o.serviceMessage;
  }
}

/** The service answered with a VSS error body (`message`, `typeKey`). */
export class VssApiError extends ApiError {
  override readonly status: number;
  constructor(
    message: string,
    readonly typeKey: string,
    readonly serviceMessage: string,
    o: { status: number; url?: string },
  ) {
    super(message, o);
    this.name = "VssApiError";
    this.status = o.status;
  }
}

/** HTTP 200 with `patTokenError` other than `none`: carries the enum value and its sentence. */
export class PatTokenApiError extends ApiError {
  readonly sentence: string;
  constructor(
    readonly code: SessionTokenError,
    action: string,
    o: { url?: string; serviceMessage?: string | null } = {},
  ) {
    const sentence = describePatTokenError(code);
    const extra = o.serviceMessage ? ` Azure DevOps said: ${o.serviceMessage}` : "";
    super(`Could not ${action}: ${sentence} (patTokenError: ${code})${extra}`, { status: 200, url: o.url });
    this.name = "PatTokenApiError";
    this.sentence = sentence;
  }
}

/** No answer within the time limit. */
export class RequestTimeoutError extends ApiError {
  constructor(message: string, o: { url?: string } = {}) {
    super(message, o);
    this.name = "RequestTimeoutError";
  }
}

/** The connection failed (DNS, refused, reset, TLS, proxy). */
export class NetworkError extends ApiError {
  constructor(message: string, o: { url?: string } = {}) {
    super(message, o);
    this.name = "NetworkError";
  }
}

/** 429 / 503 persisted past the retry budget. */
export class ThrottledError extends ApiError {
  /** What the service last asked to wait, when it said. */
  readonly retryAfterMs?: number;
  constructor(message: string, o: { status: number; url?: string; retryAfterMs?: number }) {
    super(message, o);
    this.name = "ThrottledError";
    this.retryAfterMs = o.retryAfterMs;
  }
}

/** A create failed ambiguously; `found` is the PAT it did create (its secret is lost), if any. */
export class CreateOutcomeUnknownError extends ApiError {
  constructor(
    message: string,
    readonly found: PatToken | undefined,
    readonly failure: unknown,
  ) {
    super(message, { url: failure instanceof ApiError ? failure.url : undefined });
    this.name = "CreateOutcomeUnknownError";
  }
}

/** A write whose answer never came (or a 5xx): it may or may not have been applied; a read-back decides. */
export function answerLost(error: unknown): boolean {
  if (error instanceof NetworkError || error instanceof RequestTimeoutError) return true;
  return error instanceof ApiError && (error.status ?? 0) >= 500;
}
