/**
 * Who may do what, as GitHub decides it: no token 401 "Requires authentication", an unknown or revoked one
 * 401 "Bad credentials", a repository the token cannot reach 404 (as for one that does not exist), and a
 * missing permission 403 "Resource not accessible by personal access token" / "by integration".
 * docs.github.com/en/rest/using-the-rest-api/troubleshooting-the-rest-api; permissions per endpoint:
 * docs.github.com/en/rest/actions/secrets and /actions/variables ("Fine-grained access tokens" sections).
 */
import type { Exchange } from "../exchange";
import { githubFailure, primaryRateLimited } from "./github-answers";
import { permissionLevel, type GithubRepository, type GithubToken, type GithubWorld } from "./github-state";
import type { GithubPermissions } from "./github-wire";

/** The caller's token, or undefined once the failure was answered. */
export function authenticate(ex: Exchange, world: GithubWorld): GithubToken | undefined {
  const match = /^(?:token|bearer)\s+(\S+)$/i.exec(ex.header("authorization") ?? "");
  if (!match) {
    githubFailure(ex, world, 401, "Requires authentication");
    return undefined;
  }
  const token = world.tokens.get(match[1]);
  if (!token || token.revoked) {
    githubFailure(ex, world, 401, "Bad credentials");
    return undefined;
  }
  if (!world.countRequest()) {
    primaryRateLimited(ex, world);
    return undefined;
  }
  return token;
}

/** The repository when the token reaches it; else a 404 was answered (GitHub does not say which). */
export function reachRepository(ex: Exchange, world: GithubWorld, token: GithubToken, fullName: string): GithubRepository | undefined {
  const repository = world.repository(fullName);
  const listed = !token.repositories || token.repositories.includes(fullName.toLowerCase());
  // Classic and OAuth tokens see private repositories only with the repo scope.
  const scoped = token.kind === "fineGrained" || token.kind === "app" || !repository?.private || token.scopes.includes("repo");
  if (!repository || !listed || !scoped) {
    githubFailure(ex, world, 404, "Not Found");
    return undefined;
  }
  return repository;
}

/**
 * Fine-grained and app tokens need `permission` at `level`; for an environment's secrets and variables also
 * "Environments" (strict: the docs list it for the environment endpoints). Classic and OAuth tokens: the repo scope.
 */
export function permitted(
  ex: Exchange,
  world: GithubWorld,
  token: GithubToken,
  permission: keyof GithubPermissions,
  level: "read" | "write",
  environment: boolean,
): boolean {
  if (token.kind === "classic" || token.kind === "oauth") return true;
  const needs: Array<keyof GithubPermissions> = environment ? [permission, "environments"] : [permission];
  const enough = needs.every((p) => {
    const has = permissionLevel(token, p);
    return has === "write" || (has === "read" && level === "read");
  });
  if (enough) return true;
  githubFailure(
    ex,
    world,
    403,
    token.kind === "app" ? "Resource not accessible by integration" : "Resource not accessible by personal access token",
  );
  return false;
}
