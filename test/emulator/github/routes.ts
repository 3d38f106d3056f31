/**
 * GitHub's Actions secrets and variables endpoints, for a repository and for an environment of it
 * (docs.github.com/en/rest/actions/secrets, /actions/variables), plus GET /repos/{owner}/{repo}.
 * Secrets arrive sealed for the scope's public key and are opened here, so tests can read the value.
 */
import { anyMethod, type EmulatorContext, type Route } from "../context";
import type { Exchange } from "../exchange";
import { githubFailure, githubHeaders, githubJson } from "./github-answers";
import { authenticate, permitted, reachRepository } from "./github-access";
import type { GithubScope, GithubWorld, StoredGithubItem } from "./github-state";

/** Secret and variable names (docs.github.com/en/actions/security-guides/using-secrets-in-github-actions#naming-your-secrets). */
const ITEM_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** "Variables can be up to 48 KB" (docs.github.com/en/actions/learn-github-actions/variables#limits-for-configuration-variables). */
const MAX_VARIABLE_BYTES = 48 * 1024;

const SEGMENT = "([^/]+)";
const SCOPE = `^/repos/${SEGMENT}/${SEGMENT}(?:/actions|/environments/${SEGMENT})`;

export const githubRoutes: Route[] = [
  { service: "github", method: "GET", pattern: new RegExp(`^/repos/${SEGMENT}/${SEGMENT}$`, "i"), handle: getRepository },
  anyMethod("github", new RegExp(`${SCOPE}/secrets(?:/${SEGMENT})?$`, "i"), (ex, m, ctx) => items(ex, m, ctx, "secrets")),
  anyMethod("github", new RegExp(`${SCOPE}/variables(?:/${SEGMENT})?$`, "i"), (ex, m, ctx) => items(ex, m, ctx, "variables")),
];

function getRepository(ex: Exchange, m: RegExpExecArray, { state }: EmulatorContext): void {
  const world = state.github;
  const token = authenticate(ex, world);
  const repository = token && reachRepository(ex, world, token, `${m[1]}/${m[2]}`);
  if (!repository) return;
  githubJson(ex, world, 200, {
    id: repository.id,
    name: repository.name,
    full_name: `${repository.owner}/${repository.name}`,
    private: repository.private,
    owner: { login: repository.owner, type: "Organization" },
  });
}

async function items(ex: Exchange, m: RegExpExecArray, { state }: EmulatorContext, kind: "secrets" | "variables"): Promise<void> {
  const world = state.github;
  const [, owner, repo, environment, name] = m;
  // /actions/... is the repository's; /environments/{env}/... an environment's (no "actions" there).
  const token = authenticate(ex, world);
  const repository = token && reachRepository(ex, world, token, `${owner}/${repo}`);
  if (!token || !repository) return;
  const scope = environment === undefined ? repository : repository.environments.get(environment.toLowerCase());
  if (!scope) return githubFailure(ex, world, 404, "Not Found");
  const write = ex.method !== "GET";
  if (!permitted(ex, world, token, kind, write ? "write" : "read", environment !== undefined)) return;
  if (kind === "secrets") return secrets(ex, world, scope, name);
  return variables(ex, world, scope, name);
}

async function secrets(ex: Exchange, world: GithubWorld, scope: GithubScope, name: string | undefined): Promise<void> {
  if (name === "public-key" && ex.method === "GET") {
    return githubJson(ex, world, 200, { key_id: scope.key.keyId, key: Buffer.from(scope.key.publicKey).toString("base64") });
  }
  if (name === undefined || ITEM_NAME.test(name) === false) return githubFailure(ex, world, 404, "Not Found");
  if (ex.method === "GET") {
    const found = scope.secrets.get(name.toUpperCase());
    if (!found) return githubFailure(ex, world, 404, "Not Found");
    return githubJson(ex, world, 200, { name: found.name, created_at: found.createdAt, updated_at: found.updatedAt });
  }
  if (ex.method !== "PUT") return githubFailure(ex, world, 404, "Not Found");
  const body = await jsonBody(ex);
  if (/^GITHUB_/i.test(name)) return githubFailure(ex, world, 422, "Secret names must not start with GITHUB_.");
  if (typeof body.encrypted_value !== "string" || typeof body.key_id !== "string")
    return githubFailure(ex, world, 422, 'Invalid request.\n\n"encrypted_value" and "key_id" are required.');
  // A key_id other than the current key's, or a box not sealed for it, is refused.
  if (body.key_id !== scope.key.keyId) return githubFailure(ex, world, 422, "Bad request - key_id does not match the current public key.");
  const value = world.open(scope, body.encrypted_value);
  if (value === undefined) return githubFailure(ex, world, 422, "Bad request - encrypted_value could not be decrypted with the key.");
  const outcome = world.put(scope.secrets, name, value);
  return outcome === "created" ? githubJson(ex, world, 201, {}) : ex.empty(204, githubHeaders(world));
}

async function variables(ex: Exchange, world: GithubWorld, scope: GithubScope, name: string | undefined): Promise<void> {
  if (name === undefined) {
    if (ex.method !== "POST") return githubFailure(ex, world, 404, "Not Found");
    const body = await jsonBody(ex);
    const problem = variableProblem(body.name, body.value);
    if (problem) return githubFailure(ex, world, 422, problem);
    if (scope.variables.has(String(body.name).toUpperCase()))
      return githubFailure(ex, world, 409, "Already exists - Variable already exists");
    world.put(scope.variables, String(body.name), String(body.value));
    return githubJson(ex, world, 201, {});
  }
  const found = scope.variables.get(name.toUpperCase());
  if (!found) return githubFailure(ex, world, 404, "Not Found");
  if (ex.method === "GET") return githubJson(ex, world, 200, wireVariable(found));
  if (ex.method !== "PATCH") return githubFailure(ex, world, 404, "Not Found");
  const body = await jsonBody(ex);
  const problem = variableProblem(body.name ?? found.name, body.value ?? found.value);
  if (problem) return githubFailure(ex, world, 422, problem);
  world.put(scope.variables, found.name, String(body.value ?? found.value));
  return ex.empty(204, githubHeaders(world));
}

function variableProblem(name: unknown, value: unknown): string | undefined {
  if (typeof name !== "string" || !ITEM_NAME.test(name) || /^GITHUB_/i.test(name)) return "Invalid request.\n\nInvalid property /name.";
  if (typeof value !== "string") return "Invalid request.\n\nInvalid property /value.";
  if (Buffer.byteLength(value, "utf8") > MAX_VARIABLE_BYTES) return "Variable value is too large.";
  return undefined;
}

function wireVariable(v: StoredGithubItem): object {
  return { name: v.name, value: v.value, created_at: v.createdAt, updated_at: v.updatedAt };
}

async function jsonBody(ex: Exchange): Promise<Record<string, unknown>> {
  try {
    const parsed = JSON.parse((await ex.bodyText()) || "{}") as unknown;
    return typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
