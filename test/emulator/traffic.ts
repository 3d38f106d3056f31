/** Fault injection, rate limiting and the request log: what happens to a request before and after its route. */
import type { Exchange } from "./exchange";
import { githubFaultAnswer } from "./github/github-answers";
import { THROTTLED, sendVssError, SERVICE_UNAVAILABLE, INTERNAL, vssErrorBody } from "./vss-errors";
import type { FaultSpec, LoggedRequest, RateLimitSpec } from "./wire-types";
import { sendKeyVaultError } from "./key-vault/key-vault-errors";

const MAX_LOGGED = 50_000;

interface ActiveFault extends FaultSpec {
  regex: RegExp;
  remaining: number;
}

/**
 * What the server should do with a request once faults and the rate limit have looked at it: wait
 * `delayMs`, then either run the route (maybe dropping its answer) or send the injected answer.
 */
export type Admission =
  | { kind: "handle"; delayMs: number; commitThenDrop: boolean; commitLateMs?: number }
  | { kind: "injected"; delayMs: number; answer: () => void };

export class Traffic {
  private faults: ActiveFault[] = [];
  private rateLimit: RateLimitSpec | null = null;
  /** Units used (leaky bucket), as of `drainedAt`. */
  private usage = 0;
  private drainedAt = 0;
  readonly log: LoggedRequest[] = [];

  constructor(public baseLatencyMs = 0) {}

  addFault(f: FaultSpec): void {
    const regex = new RegExp(f.path, "i"); // a bad pattern throws here, before anything is stored
    this.faults.push({ ...f, method: f.method?.toUpperCase(), regex, remaining: f.times ?? Number.POSITIVE_INFINITY });
  }

  clearFaults(): void {
    this.faults = [];
  }

  setRateLimit(r: RateLimitSpec | null): void {
    this.rateLimit = r;
    this.usage = 0;
    this.drainedAt = Date.now();
  }

  /** Decides the request's fate; consumes one use of each matching fault. */
  admit(ex: Exchange): Admission {
    let delayMs = this.baseLatencyMs;
    let commitThenDrop = false;
    let commitLateMs: number | undefined;
    for (const fault of this.faults) {
      if (fault.remaining <= 0 || (fault.method && fault.method !== ex.method) || !fault.regex.test(ex.path)) continue;
      fault.remaining--;
      switch (fault.kind) {
        case "latency":
          delayMs += fault.ms ?? 0;
          break;
        case "commitThenDrop":
          commitThenDrop = true;
          break;
        case "commitLate":
          commitLateMs = fault.ms ?? 0;
          break;
        case "drop":
          return { kind: "injected", delayMs, answer: () => ex.destroy() };
        case "status": {
          const { status, retryAfterSec } = fault;
          return { kind: "injected", delayMs, answer: () => sendFaultStatus(ex, status ?? 500, retryAfterSec) };
        }
      }
    }
    const throttle = this.throttle(ex);
    if (throttle && "answer" in throttle) return { kind: "injected", delayMs, answer: throttle.answer };
    if (throttle) Object.assign(ex.answerHeaders, throttle.headers);
    return {
      kind: "handle",
      delayMs: delayMs + (throttle?.delayMs ?? 0),
      commitThenDrop,
      ...(commitLateMs !== undefined ? { commitLateMs } : {}),
    };
  }

  record(ex: Exchange): void {
    // A playground left running for days must not grow without bound.
    if (this.log.length >= MAX_LOGGED) this.log.splice(0, this.log.length - MAX_LOGGED + 1);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(ex.headers)) {
      if (v === undefined) continue;
      const value = Array.isArray(v) ? v.join(", ") : v;
      headers[k] = k === "authorization" ? value.split(" ")[0] : value;
    }
    this.log.push({
      service: ex.service,
      method: ex.method,
      path: ex.path,
      query: ex.queryRecord(),
      status: ex.status,
      headers,
      httpVersion: ex.req.httpVersion,
      receivedAtMs: ex.receivedAtMs,
      answeredAtMs: Date.now(),
      ...(ex.dropped ? { dropped: true } : {}),
    });
  }

  /**
   * The rate limit as a leaky bucket: usage drains at budget/windowMs. Within the budget nothing happens;
   * past it (delay mode) the request waits until the usage is back at the budget and its answer carries
   * X-RateLimit-*; a wait beyond maxDelayMs, or any excess in block mode, is a 429 that costs nothing.
   */
  private throttle(ex: Exchange): { delayMs: number; headers: Record<string, string | number> } | { answer: () => void } | undefined {
    const r = this.rateLimit;
    if (!r) return undefined;
    const now = Date.now();
    const perMs = r.budget / r.windowMs;
    this.usage = Math.max(0, this.usage - (now - this.drainedAt) * perMs);
    this.drainedAt = now;
    const resource = "Emulator/RequestsPerWindow";
    const excess = this.usage + 1 - r.budget;
    const waitMs = excess <= 0 ? 0 : perMs > 0 ? excess / perMs : Number.POSITIVE_INFINITY;
    const headersAt = (usage: number, delayMs: number): Record<string, string | number> => ({
      "x-ratelimit-resource": resource,
      "x-ratelimit-delay": (delayMs / 1000).toFixed(3),
      "x-ratelimit-limit": r.budget,
      // 0 only once requests are delayed or blocked (Learn: "If requests are already being delayed or blocked, it's 0").
      "x-ratelimit-remaining": delayMs > 0 ? 0 : Math.max(0, Math.ceil(r.budget - usage)),
      "x-ratelimit-reset": perMs > 0 ? Math.ceil((now + usage / perMs) / 1000) : Math.ceil((now + r.windowMs) / 1000),
    });
    if (waitMs > 0 && (r.mode === "block" || waitMs > (r.maxDelayMs ?? 30_000))) {
      const retryAfterSec = r.retryAfterSec ?? Math.max(1, Math.ceil((this.usage - r.budget + 1) / Math.max(perMs, 1e-9) / 1000));
      const headers = { "retry-after": retryAfterSec, ...headersAt(this.usage, 0), "x-ratelimit-remaining": 0 };
      return { answer: () => sendThrottled(ex, resource, headers) };
    }
    this.usage += 1;
    // Headers only when delayed or close to the limit (the last quarter), as clients see them near a threshold.
    if (waitMs === 0 && this.usage < r.budget * 0.75) return { delayMs: 0, headers: {} };
    return { delayMs: waitMs, headers: headersAt(this.usage - waitMs * perMs, waitMs) };
  }
}

/** 429 in the service's own dialect: TF400733 VSS error, an OAuth error on Entra, a secondary rate limit on GitHub. */
function sendThrottled(ex: Exchange, resource: string, headers: Record<string, string | number>): void {
  if (ex.service === "github") return githubFaultAnswer(ex, 429, Number(headers["retry-after"]) || undefined);
  if (ex.service === "entra") {
    ex.json(
      429,
      {
        error: "temporarily_unavailable",
        error_description: "AADSTS50196: The server terminated an operation because it encountered a client request loop.",
        error_codes: [50196],
      },
      headers,
    );
    return;
  }
  sendVssError(
    ex,
    429,
    THROTTLED,
    `TF400733: The request has been canceled: Request was blocked due to exceeding usage of resource '${resource}' in namespace 'User'.`,
    headers,
  );
}

function sendFaultStatus(ex: Exchange, status: number, retryAfterSec: number | undefined): void {
  const headers: Record<string, string | number> = retryAfterSec !== undefined ? { "retry-after": retryAfterSec } : {};
  if (ex.service === "keyvault") {
    // learn.microsoft.com/azure/key-vault/general/overview-throttling: 429 "Throttled" with Retry-After.
    const [code, message] =
      status === 429
        ? ["Throttled", "Request was not processed because too many requests were received. Reason: VaultRequestTypeLimitReached"]
        : ["InternalServerError", "An internal server error occurred. Please try again."];
    return sendKeyVaultError(ex, status, code, message, undefined, headers);
  }
  if (ex.service === "github") return githubFaultAnswer(ex, status, retryAfterSec);
  if (ex.service === "entra") {
    ex.json(
      status,
      {
        error: status === 429 ? "temporarily_unavailable" : "server_error",
        error_description: `AADSTS90033: A transient error has occurred. Please try again.`,
        error_codes: [90033],
      },
      headers,
    );
    return;
  }
  if (status === 429) {
    sendThrottled(ex, "Emulator/Fault", {
      ...headers,
      "x-ratelimit-resource": "Emulator/Fault",
      "x-ratelimit-remaining": 0,
      "x-ratelimit-limit": 200,
    });
  } else if (status === 503) {
    sendVssError(ex, 503, SERVICE_UNAVAILABLE, "TF400898: The service is temporarily unavailable.", headers);
  } else if (status >= 500) {
    sendVssError(ex, status, INTERNAL, `TF400898: An Internal Error Occurred. Activity Id: 00000000-0000-0000-0000-000000000000.`, headers);
  } else {
    ex.json(
      status,
      vssErrorBody({ typeKey: "EmulatorInjectedFault", typeName: "Emulator.InjectedFault, Emulator" }, `Injected fault ${status}.`),
      headers,
    );
  }
}
