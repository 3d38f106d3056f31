/** GitHub's failures as sentences that say what to do: 401, 403 (permission or rate limit), 404, lost answers. */
import { ApiError, NetworkError } from "../api/errors";

/** How the service connection authorizes: what a missing permission means depends on it. */
export type GithubTokenKind = "personalAccessToken" | "oauth" | "githubApp";

/** Who calls and where, for the sentences. */
export interface GithubCallContext {
  connection: string;
  kind: GithubTokenKind;
  /** owner/name */
  repository: string;
  environment?: string;
}

/** Thrown when GitHub answered 404 for the repository or the environment itself. */
export class GithubNotFoundError extends ApiError {
  constructor(message: string) {
    super(message, { status: 404 });
    this.name = "GithubNotFoundError";
  }
}

/** The error `error` from an Octokit call doing `action` ("write the secret 'X'") means, as an ApiError with a sentence. */
export function githubError(error: unknown, action: string, ctx: GithubCallContext): ApiError {
  const answered = asHttpError(error);
  if (!answered) {
    // No answer at all (connection reset, DNS, TLS): the call may or may not have been applied.
    const why = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
    return new NetworkError(`No answer from GitHub to ${action} in ${where(ctx)} (${why}).`);
  }
  const { status, headers } = answered;
  const said = serviceMessage(answered.data);
  if (rateLimited(status, headers, said)) return new ApiError(rateLimitSentence(headers, said, ctx), { status });
  if (status === 401) {
    return new ApiError(
      `GitHub did not accept the token of the service connection '${ctx.connection}' (401${said ? `: ${said}` : ""}): it expired, was revoked or is wrong. ` +
        `${reauthorize(ctx)}`,
      { status },
    );
  }
  if (status === 403) {
    return new ApiError(`GitHub refused to ${action} in ${where(ctx)} (403${said ? `: ${said}` : ""}). ${permissionHint(ctx)}`, { status });
  }
  return new ApiError(`GitHub answered ${status} to ${action} in ${where(ctx)}${said ? `: ${said}` : ""}.`, { status });
}

/** The 404 sentence for the repository: GitHub answers 404 both for a missing repository and for one the token cannot see. */
export function repositoryNotFound(ctx: GithubCallContext): GithubNotFoundError {
  return new GithubNotFoundError(
    `GitHub answered 404 for the repository '${ctx.repository}': it does not exist, or the token of the service connection '${ctx.connection}' cannot see it ` +
      `(GitHub answers 404 for both). Check the input githubRepository (owner/name), and that ${accessHint(ctx)}.`,
  );
}

export function environmentNotFound(ctx: GithubCallContext): GithubNotFoundError {
  return new GithubNotFoundError(
    `The repository '${ctx.repository}' has no environment '${ctx.environment}'. Create it in the repository's Settings > Environments, ` +
      "or correct the input githubEnvironment (leave it empty for a repository secret).",
  );
}

export function where(ctx: GithubCallContext): string {
  return ctx.environment
    ? `the environment '${ctx.environment}' of the repository '${ctx.repository}'`
    : `the repository '${ctx.repository}'`;
}

function accessHint(ctx: GithubCallContext): string {
  switch (ctx.kind) {
    case "githubApp":
      return "the GitHub App's installation includes that repository (GitHub > Settings > Applications > the app > Repository access)";
    case "oauth":
      return "the GitHub user who authorized the connection is a collaborator on it";
    default:
      return "the personal access token may reach it (a fine-grained token lists it under Repository access; a classic token's user is a collaborator)";
  }
}

function permissionHint(ctx: GithubCallContext): string {
  const environments = ctx.environment ? ", 'Environments: Read and write'" : "";
  switch (ctx.kind) {
    case "githubApp":
      return (
        `The GitHub App of the service connection '${ctx.connection}' needs the repository permissions 'Secrets: Read and write' and 'Variables: Read and write'${environments}. ` +
        "If the app cannot be given them (an app published by someone else, such as Azure Pipelines, has the permissions its owner chose), use a GitHub service connection with a fine-grained personal access token instead."
      );
    case "oauth":
      return (
        `The GitHub user who authorized the service connection '${ctx.connection}' needs write (collaborator) access to the repository, and the OAuth token the 'repo' scope. ` +
        "Authorize the connection again as such a user, or use a connection with a fine-grained personal access token."
      );
    default:
      return (
        `The personal access token of the service connection '${ctx.connection}' needs, on this repository, the fine-grained permissions 'Secrets: Read and write' and 'Variables: Read and write'${environments} ` +
        "(a classic token: the 'repo' scope, and its user write access). Give the token those permissions, or create one that has them and update the connection."
      );
  }
}

function reauthorize(ctx: GithubCallContext): string {
  if (ctx.kind === "githubApp")
    return `Open the service connection '${ctx.connection}' in Project settings > Service connections and authorize it again.`;
  if (ctx.kind === "oauth") return `Authorize the service connection '${ctx.connection}' again in Project settings > Service connections.`;
  return `Create a new token and update the service connection '${ctx.connection}' in Project settings > Service connections.`;
}

/** Primary limit: 403/429 with x-ratelimit-remaining 0; secondary: 403/429 saying so, usually with retry-after. */
function rateLimited(status: number, headers: Record<string, unknown>, said: string): boolean {
  if (status !== 403 && status !== 429) return false;
  return (
    String(headers["x-ratelimit-remaining"] ?? "") === "0" ||
    /rate limit/i.test(said) ||
    (status === 429 && headers["retry-after"] !== undefined)
  );
}

function rateLimitSentence(headers: Record<string, unknown>, said: string, ctx: GithubCallContext): string {
  const resetSeconds = Number(headers["x-ratelimit-reset"]);
  const retryAfter = Number(headers["retry-after"]);
  const when =
    String(headers["x-ratelimit-remaining"] ?? "") === "0" && Number.isFinite(resetSeconds) && resetSeconds > 0
      ? `its rate limit resets at ${new Date(resetSeconds * 1000).toISOString()}`
      : Number.isFinite(retryAfter) && retryAfter > 0
        ? `it asked to wait ${retryAfter} s`
        : "it asked to wait a few minutes";
  return (
    `GitHub is rate limiting the token of the service connection '${ctx.connection}' (${said || "rate limit exceeded"}); ${when}, longer than this task waits. ` +
    "Run the task again after that; a store that could not be written still holds a working PAT."
  );
}

function serviceMessage(data: unknown): string {
  const message = typeof data === "object" && data !== null ? (data as { message?: unknown }).message : undefined;
  return typeof message === "string" ? message.replace(/\s+/g, " ").trim().slice(0, 300) : "";
}

/** Octokit's RequestError (name "HttpError") when GitHub answered; undefined when no answer came. */
function asHttpError(error: unknown): { status: number; headers: Record<string, unknown>; data: unknown } | undefined {
  const e = error as { name?: unknown; status?: unknown; response?: { headers?: Record<string, unknown>; data?: unknown } } | null;
  if (!e || e.name !== "HttpError" || typeof e.status !== "number" || !e.response) return undefined;
  return { status: e.status, headers: e.response.headers ?? {}, data: e.response.data };
}
