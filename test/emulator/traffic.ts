/** Fault injection, rate limiting and the request log: what happens to a request before and after its route. */
import type { Exchange } from "./exchange";
import { THROTTLED, sendVssError, SERVICE_UNAVAILABLE, INTERNAL, vssErrorBody } from "./vss-errors";
import type { FaultSpec, LoggedRequest, RateLimitSpec } from "./wire-types";

const MAX_LOGGED = 50_000;

interface ActiveFault extends FaultSpec {
  regex: RegExp;
  remaining: number;
}

/**
 * What the server should do with a request once faults and the rate limit have looked at it: wait
 * `delayMs`, then either run the route (maybe dropping its answer) or send the injected answer.
 */
export type Admission = { kind: "handle"; delayMs: number; commitThenDrop: boolean; commitLateMs?: number } | { kind: "injected"; delayMs: number; answer: () => void };

export class Traffic {
  private faults: ActiveFault[] = [];
  private rateLimit: RateLimitSpec | null = null;
  private windowStart = 0;
  private windowCount = 0;
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
    this.windowStart = Date.now();
    this.windowCount = 0;
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
    if (throttle) return { kind: "injected", delayMs, answer: throttle };
    return { kind: "handle", delayMs, commitThenDrop, ...(commitLateMs !== undefined ? { commitLateMs } : {}) };
  }

  record(ex: Exchange): void {
    // A playground left running for days must not grow without bound.
    if (this.log.length >= MAX_LOGGED) this.log.splice(0, this.log.length - MAX_LOGGED + 1);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(ex.req.headers)) {
      if (v === undefined) continue;
      const value = Array.isArray(v) ? v.join(", ") : v;
      headers[k] = k === "authorization" ? value.split(" ")[0] : value;
    }
    this.log.push({ service: ex.service, method: ex.method, path: ex.path, query: ex.queryRecord(), status: ex.status, headers,
      ...(ex.dropped ? { dropped: true } : {}) });
  }

  private throttle(ex: Exchange): (() => void) | undefined {
    const r = this.rateLimit;
    if (!r) return undefined;
    const now = Date.now();
    if (now - this.windowStart >= r.windowMs) {
      this.windowStart = now;
      this.windowCount = 0;
    }
    this.windowCount++;
    if (this.windowCount <= r.budget) return undefined;
    const resource = "Emulator/RequestsPerWindow";
    const resetSec = Math.ceil((this.windowStart + r.windowMs) / 1000);
    return () => sendThrottled(ex, resource, {
      "retry-after": r.retryAfterSec,
      "x-ratelimit-resource": resource,
      "x-ratelimit-delay": "0.000",
      "x-ratelimit-limit": r.budget,
      "x-ratelimit-remaining": 0,
      "x-ratelimit-reset": resetSec,
    });
  }
}

/** 429 in the service's own dialect: TF400733 VSS error, or an OAuth error on Entra. */
function sendThrottled(ex: Exchange, resource: string, headers: Record<string, string | number>): void {
  if (ex.service === "entra") {
    ex.json(429, { error: "temporarily_unavailable", error_description: "AADSTS50196: The server terminated an operation because it encountered a client request loop.",
      error_codes: [50196] }, headers);
    return;
  }
  sendVssError(ex, 429, THROTTLED, `TF400733: The request has been canceled: Request was blocked due to exceeding usage of resource '${resource}' in namespace 'User'.`, headers);
}

function sendFaultStatus(ex: Exchange, status: number, retryAfterSec: number | undefined): void {
  const headers: Record<string, string | number> = retryAfterSec !== undefined ? { "retry-after": retryAfterSec } : {};
  if (ex.service === "entra") {
    ex.json(status, { error: status === 429 ? "temporarily_unavailable" : "server_error",
      error_description: `AADSTS90033: A transient error has occurred. Please try again.`, error_codes: [90033] }, headers);
    return;
  }
  if (status === 429) {
    sendThrottled(ex, "Emulator/Fault", { ...headers, "x-ratelimit-resource": "Emulator/Fault", "x-ratelimit-remaining": 0, "x-ratelimit-limit": 200 });
  } else if (status === 503) {
    sendVssError(ex, 503, SERVICE_UNAVAILABLE, "TF400898: The service is temporarily unavailable.", headers);
  } else if (status >= 500) {
    sendVssError(ex, status, INTERNAL, `TF400898: An Internal Error Occurred. Activity Id: 00000000-0000-0000-0000-000000000000.`, headers);
  } else {
    ex.json(status, vssErrorBody({ typeKey: "EmulatorInjectedFault", typeName: "Emulator.InjectedFault, Emulator" }, `Injected fault ${status}.`), headers);
  }
}
