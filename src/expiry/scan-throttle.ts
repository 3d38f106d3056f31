/**
 * Shared pacing for an organization scan: at most `limit` requests in flight, at most `rate`
 * started per second, and everyone waits when Azure DevOps says to slow down. Azure DevOps mostly
 * delays requests past its budget (200 with `X-RateLimit-Delay`): the scan keeps its rate then, since
 * the service paces it, and only sends fewer at once when the delay nears the point where it blocks.
 * A 429 (or `X-RateLimit-Remaining: 0` without a delay) pauses all requests for its
 * Retry-After, halves the limit and caps the rate at 80% of what was sent in the last second (the
 * budget we just overran). Once nothing has slowed us for `calmMs`, clean answers raise both again
 * slowly: probing upward gently keeps a scan just under a budget it would otherwise keep hitting.
 */
import { parseRetryAfter } from "../api/retry-after";

/** A delay this long means a deep queue at the service; it blocks (429) past 30 s (Learn, "Rate and usage limits"). */
const DEEP_DELAY_MS = 10_000;

export interface ScanThrottleOptions {
  maxConcurrency: number;
  /** Pause after a 429 without Retry-After. Default 1 s. */
  defaultPauseMs?: number;
  /** Quiet time after a slow-down before the limit may grow again. Default 1 s. */
  calmMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Told once per slow-down episode, with the pause, the new limit and the new rate cap. */
  onSlowDown?: (e: { status: number; pauseMs: number; limit: number; rate: number }) => void;
}

export class ScanThrottle {
  private limitNow: number;
  private active = 0;
  private pausedUntil = 0;
  private cleanAnswers = 0;
  private lastSlowDown = Number.NEGATIVE_INFINITY;
  private episodeStart = Number.NEGATIVE_INFINITY;
  private waiters: Array<() => void> = [];
  /** Requests per second; Infinity until the service first slows us down. */
  private rateNow = Number.POSITIVE_INFINITY;
  private nextStart = 0;
  /** Start times within the last second, to measure the rate that got us throttled. */
  private recentStarts: number[] = [];
  private firstStart = Number.POSITIVE_INFINITY;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  /** 429 answers seen. */
  throttled = 0;
  /** Answers the service delayed (X-RateLimit-Delay on a success). */
  delayed = 0;

  constructor(private readonly o: ScanThrottleOptions) {
    this.limitNow = Math.max(1, Math.floor(o.maxConcurrency));
    this.now = o.now ?? Date.now;
    this.sleep = o.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  get limit(): number {
    return this.limitNow;
  }

  /** Requests started per second at most (Infinity: no cap yet). */
  get rate(): number {
    return this.rateNow;
  }

  /** Waits for a free slot outside any pause. Pair with release(). */
  async acquire(): Promise<void> {
    for (;;) {
      const pause = this.pausedUntil - this.now();
      if (pause > 0) {
        await this.sleep(pause);
        continue;
      }
      if (this.active >= this.limitNow) {
        await new Promise<void>((resolve) => this.waiters.push(resolve));
        continue;
      }
      const now = this.now();
      if (this.nextStart > now) {
        await this.sleep(this.nextStart - now);
        continue;
      }
      this.active++;
      if (this.firstStart === Number.POSITIVE_INFINITY) this.firstStart = now;
      this.nextStart = now + 1000 / this.rateNow;
      this.recentStarts.push(now);
      while (this.recentStarts[0] <= now - 1000) this.recentStarts.shift();
      return;
    }
  }

  release(): void {
    this.active--;
    const waiting = this.waiters;
    this.waiters = [];
    for (const wake of waiting) wake(); // they re-check the limit and the pause themselves
  }

  /** Learns from one answer's status and rate-limit headers. */
  observe(status: number, headers: Pick<Headers, "get">): void {
    const remaining = headers.get("x-ratelimit-remaining");
    const retryAfterMs = parseRetryAfter(headers.get("retry-after"), this.now());
    const delayHeader = headers.get("x-ratelimit-delay");
    const delayedMs = delayHeader === null ? Number.NaN : Number(delayHeader) * 1000;
    if (status === 429) {
      this.throttled++;
      this.slowDown(status, retryAfterMs ?? this.o.defaultPauseMs ?? 1000);
    } else if (delayedMs >= 0 && status < 400) {
      // Delayed (or about to be), not refused: the service already paces us at its budget, so sending slower would
      // only waste it. Only a queue deep enough to near the delay at which it blocks (30 s) needs fewer in flight.
      if (delayedMs > 0) this.delayed++;
      this.lastSlowDown = this.now();
      if (retryAfterMs) this.pausedUntil = Math.max(this.pausedUntil, this.now() + retryAfterMs);
      if (delayedMs >= DEEP_DELAY_MS) this.shrinkInFlight();
    } else if (remaining !== null && Number(remaining) <= 0) {
      this.slowDown(status, retryAfterMs ?? 0);
    } else if (status < 500 && this.now() - this.lastSlowDown >= (this.o.calmMs ?? 1000)) {
      if (this.limitNow < this.o.maxConcurrency && ++this.cleanAnswers >= this.limitNow) {
        this.limitNow++;
        this.cleanAnswers = 0;
      }
      if (Number.isFinite(this.rateNow)) this.rateNow *= 1 + 0.05 / this.rateNow; // about 5% more per second of clean answers
    }
  }

  /** Halves the requests in flight, once per second at most (answers already under way are the same episode). */
  private shrinkInFlight(): void {
    const now = this.now();
    if (now - this.episodeStart < 1000) return;
    this.episodeStart = now;
    this.limitNow = Math.ceil(this.limitNow / 2);
  }

  private slowDown(status: number, pauseMs: number): void {
    const now = this.now();
    this.cleanAnswers = 0;
    this.lastSlowDown = now;
    // Answers to requests already in flight belong to the same episode: slow down once per episode.
    const newEpisode = now >= this.pausedUntil && now - this.episodeStart >= 1000;
    this.pausedUntil = Math.max(this.pausedUntil, now + pauseMs);
    if (!newEpisode) return;
    this.episodeStart = now;
    this.limitNow = Math.ceil(this.limitNow / 2);
    // The rate we were sending at: over the last second, or over the time since the first request.
    const spanMs = Math.max(100, Math.min(1000, now - this.firstStart));
    const sentPerSecond = (this.recentStarts.filter((t) => t >= now - spanMs).length * 1000) / spanMs;
    // Never more than halve per episode: right after a pause, the last second shows little traffic.
    const floor = Number.isFinite(this.rateNow) ? this.rateNow / 2 : 1;
    this.rateNow = Math.min(this.rateNow, Math.max(1, floor, sentPerSecond * 0.8));
    this.o.onSlowDown?.({ status, pauseMs, limit: this.limitNow, rate: this.rateNow });
  }
}

/** A fetch that goes through the throttle: the HTTP layer's own retries are paced as well. */
export function throttledFetch(base: typeof fetch, throttle: ScanThrottle): typeof fetch {
  return async (input, init) => {
    await throttle.acquire();
    try {
      const response = await base(input, init);
      throttle.observe(response.status, response.headers);
      return response;
    } finally {
      throttle.release();
    }
  };
}
