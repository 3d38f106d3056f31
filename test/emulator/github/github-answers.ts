/**
 * How GitHub's REST API answers: JSON errors `{message, documentation_url, status}`, the rate-limit
 * headers on every answer, a Date header on the emulator's clock, and its two kinds of throttling
 * (docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api).
 */
import type { Exchange } from "../exchange";
import type { GithubWorld } from "./github-state";

const DOCS = "https://docs.github.com/rest";
const HOURLY_LIMIT = 5000;

/** Headers every GitHub answer carries. */
export function githubHeaders(world: GithubWorld): Record<string, string | number> {
  const limit = world.rateLimit;
  return {
    date: world.clock.now().toUTCString(),
    "x-github-api-version-selected": "2022-11-28",
    "x-ratelimit-limit": HOURLY_LIMIT,
    "x-ratelimit-remaining": limit.exhausted ? 0 : Math.max(0, HOURLY_LIMIT - limit.used),
    "x-ratelimit-used": limit.exhausted ? HOURLY_LIMIT : limit.used,
    "x-ratelimit-reset": Math.ceil(limit.resetAtMs / 1000),
    "x-ratelimit-resource": "core",
  };
}

export function githubJson(
  ex: Exchange,
  world: GithubWorld,
  status: number,
  body: unknown,
  headers: Record<string, string | number> = {},
): void {
  ex.json(status, body, { ...githubHeaders(world), ...headers });
}

export function githubFailure(
  ex: Exchange,
  world: GithubWorld,
  status: number,
  message: string,
  headers: Record<string, string | number> = {},
): void {
  githubJson(ex, world, status, { message, documentation_url: DOCS, status: String(status) }, headers);
}

/** Primary rate limit used up: 403 with x-ratelimit-remaining 0 and the reset time. */
export function primaryRateLimited(ex: Exchange, world: GithubWorld): void {
  githubFailure(
    ex,
    world,
    403,
    "API rate limit exceeded for user ID 1. If you reach out to GitHub Support for help, please include the request ID.",
  );
}

/**
 * An injected fault in GitHub's words (the fault mechanism has no state at hand): 403/429 is a secondary
 * rate limit, with retry-after when the fault gives one; 5xx GitHub's "Server Error".
 */
export function githubFaultAnswer(ex: Exchange, status: number, retryAfterSec: number | undefined): void {
  const message =
    status === 403 || status === 429
      ? "You have exceeded a secondary rate limit. Please wait a few minutes before you try again."
      : status >= 500
        ? "Server Error"
        : `Injected fault ${status}.`;
  ex.json(
    status,
    { message, documentation_url: DOCS, status: String(status) },
    { "x-github-api-version-selected": "2022-11-28", ...(retryAfterSec !== undefined ? { "retry-after": retryAfterSec } : {}) },
  );
}
