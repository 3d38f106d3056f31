/**
 * The one HTTP layer: api-version, headers, timeouts, retries on 429/503 honouring Retry-After,
 * and mapping of every failure to a typed error. Browser-safe (global fetch and AbortController).
 */
import type { Credential, CredentialKind } from "./credential";
import { ApiError, NetworkError, RequestTimeoutError, ThrottledError } from "./errors";
import { networkMessage, throttledMessage, timeoutMessage } from "./messages";
import { errorForResponse, parseVssError, type RawResponse } from "./response-errors";
import { parseRetryAfter } from "./retry-after";

/** HTTP methods the Azure DevOps calls use. */
type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** One call: absolute URL without api-version, which goes in `apiVersion`. */
export interface ApiRequest {
  method: HttpMethod;
  url: string;
  apiVersion?: string;
  query?: Record<string, string | number | boolean | null | undefined>;
  body?: unknown;
  /** Safe to send again when the outcome is unknown; default true for GET, PUT and DELETE. */
  idempotent?: boolean;
  /** What the call does, for messages ("list PATs"); default "METHOD url". */
  action?: string;
  /** Default application/json; work item writes send application/json-patch+json. */
  contentType?: string;
  /** "text": a success body that is not JSON (a webhook's "ok") is accepted and not parsed. */
  responseType?: "json" | "text";
}

/** A successful answer: `body` is the parsed JSON, or undefined when there was none. */
export interface ApiResponse<T> {
  status: number;
  headers: Headers;
  body: T;
}

/** Reported before each retry wait. */
export interface RetryEvent {
  attempt: number;
  delayMs: number;
  reason: string;
  status?: number;
  url: string;
}

/** Options of an HttpClient; all but the credential have safe defaults. */
export interface HttpClientOptions {
  credential: Credential;
  fetch?: typeof fetch;
  /**
   * Per attempt, including reading the body. Default 60 s: Azure DevOps delays requests past its rate budget
   * by up to 30 s (Learn, "Rate and usage limits"), and a delayed create must not pass for a lost one.
   */
  timeoutMs?: number;
  /**
   * Per attempt of a request that is not resent (a create): Azure DevOps may hold a throttled request
   * up to 30 s before working on it, so its answer gets that much longer. Default timeoutMs + 30 s.
   */
  writeTimeoutMs?: number;
  /** Default 5. */
  maxAttempts?: number;
  /** Cap on the time spent across attempts and waits. Default 120 s. */
  maxRetryTotalMs?: number;
  sleep?: (ms: number) => Promise<void>;
  onRetry?: (e: RetryEvent) => void;
}

type Attempt = { response: RawResponse; headers: Headers } | { error: ApiError };

/** The longest Azure DevOps holds a throttled request before answering (Learn, "Rate and usage limits"). */
const THROTTLE_HOLD_MS = 30_000;
const BACKOFF_BASE_MS = 1000;
const BACKOFF_MAX_MS = 30_000;

/** Sends requests to Azure DevOps with one set of rules for auth failures, errors and retries. */
export class HttpClient {
  private readonly o: Required<Omit<HttpClientOptions, "onRetry">> & Pick<HttpClientOptions, "onRetry">;

  constructor(o: HttpClientOptions) {
    this.o = {
      credential: o.credential,
      fetch: o.fetch ?? ((input, init) => globalThis.fetch(input, init)),
      timeoutMs: o.timeoutMs ?? 60_000,
      writeTimeoutMs: o.writeTimeoutMs ?? (o.timeoutMs ?? 60_000) + THROTTLE_HOLD_MS,
      maxAttempts: Math.max(1, o.maxAttempts ?? 5),
      maxRetryTotalMs: o.maxRetryTotalMs ?? 120_000,
      sleep: o.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
      onRetry: o.onRetry,
    };
  }

  /** The kind of credential this client sends, when known (refines auth error messages). */
  get credentialKind(): CredentialKind | undefined {
    return this.o.credential.kind;
  }

  /** Sends `r`, retrying what is safe to retry; resolves with a 2xx answer or throws an ApiError. */
  async request<T>(r: ApiRequest): Promise<ApiResponse<T>> {
    const url = buildUrl(r);
    const what = r.action ?? `${r.method} ${url.split("?")[0]}`;
    const idempotent = r.idempotent ?? (r.method === "GET" || r.method === "PUT" || r.method === "DELETE");
    const started = Date.now();
    let waited = 0;
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.attempt(r, url, what, idempotent ? this.o.timeoutMs : this.o.writeTimeoutMs);
      const status = "response" in outcome ? outcome.response.status : undefined;
      // A 429 was refused before any work; 503 and lost answers only when resending cannot duplicate work.
      const transient = status === 429 || (idempotent && (status === 503 || "error" in outcome));
      if (!transient) return finish<T>(outcome, what, url, this.o.credential.kind, r.responseType);
      const retryAfterMs = "headers" in outcome ? parseRetryAfter(outcome.headers.get("retry-after")) : undefined;
      const delayMs = retryAfterMs ?? Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** (attempt - 1));
      const spent = Math.max(Date.now() - started, waited);
      if (attempt >= this.o.maxAttempts || spent + delayMs > this.o.maxRetryTotalMs) {
        if ("error" in outcome) throw outcome.error;
        const throttled = new ThrottledError(
          throttledMessage({
            status: status ?? 429,
            what,
            attempts: attempt,
            spentMs: spent,
            retryAfterMs,
            serviceMessage: parseVssError(outcome.response.text)?.message,
          }),
          { status: status ?? 429, url, retryAfterMs },
        );
        throttled.activityId = outcome.headers.get("activityid") ?? undefined;
        throw throttled;
      }
      const reason = "error" in outcome ? outcome.error.message : `HTTP ${status}`;
      this.o.onRetry?.({ attempt, delayMs, reason, status, url });
      await this.o.sleep(delayMs);
      waited += delayMs;
    }
  }

  private async attempt(r: ApiRequest, url: string, what: string, timeoutMs: number): Promise<Attempt> {
    // Outside the try: a failing token source (e.g. a refused refresh) keeps its own error.
    const authorization = await this.o.credential();
    // No credential (a webhook): no Authorization and none of Azure DevOps' own headers.
    const headers: Record<string, string> = authorization
      ? { Accept: "application/json", "X-TFS-FedAuthRedirect": "Suppress", Authorization: authorization }
      : { Accept: "application/json" };
    if (r.body !== undefined) headers["Content-Type"] = r.contentType ?? "application/json";
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const res = await this.o.fetch(url, {
        method: r.method,
        headers,
        body: r.body === undefined ? undefined : JSON.stringify(r.body),
        redirect: "manual",
        signal: controller.signal,
      });
      const text = await res.text();
      const contentType = res.headers.get("content-type") ?? "";
      return { response: { status: res.status, type: res.type, contentType, text }, headers: res.headers };
    } catch (e) {
      if (controller.signal.aborted) return { error: new RequestTimeoutError(timeoutMessage(what, timeoutMs), { url }) };
      return { error: new NetworkError(networkMessage(what, describeFetchFailure(e)), { url }) };
    } finally {
      clearTimeout(timer);
    }
  }
}

function finish<T>(outcome: Attempt, what: string, url: string, kind: Credential["kind"], responseType?: "json" | "text"): ApiResponse<T> {
  if ("error" in outcome) throw outcome.error;
  const { response, headers } = outcome;
  const error = errorForResponse(response, what, url, kind);
  if (error) {
    error.activityId = headers.get("activityid") ?? undefined;
    throw error;
  }
  if (response.text.trim() === "" || responseType === "text") return { status: response.status, headers, body: undefined as T };
  try {
    return { status: response.status, headers, body: JSON.parse(response.text) as T };
  } catch {
    throw new ApiError(`Azure DevOps answered ${what} with something that is not JSON: ${response.text.slice(0, 120)}`, {
      status: response.status,
      url,
    });
  }
}

/** The request URL with its query, api-version last. */
function buildUrl(r: Pick<ApiRequest, "url" | "query" | "apiVersion">): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(r.query ?? {})) {
    if (value !== undefined && value !== null) params.append(name, String(value));
  }
  if (r.apiVersion) params.append("api-version", r.apiVersion);
  const query = params.toString();
  return query ? `${r.url}${r.url.includes("?") ? "&" : "?"}${query}` : r.url;
}

/** Node's fetch hides the reason in `cause` (ECONNREFUSED, certificate errors, "other side closed"). */
function describeFetchFailure(e: unknown): string {
  const parts: string[] = [];
  let current: unknown = e;
  for (let depth = 0; current instanceof Error && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code;
    parts.push(typeof code === "string" && !current.message.includes(code) ? `${current.message} (${code})` : current.message);
    current = (current as { cause?: unknown }).cause;
  }
  return parts.filter((p, i) => p && parts.indexOf(p) === i).join(": ") || String(e);
}
