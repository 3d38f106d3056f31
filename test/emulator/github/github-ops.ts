/** The control API's GitHub operations (server side): repositories, tokens, and what a secret or variable holds. */
import type { EmulatorContext } from "../context";
import type { GithubScope } from "./github-state";
import type { EmuGithubSecret, NewGithubRepository, NewGithubToken } from "./github-wire";

type Op = (args: Record<string, unknown>, ctx: EmulatorContext) => unknown;

function scope(a: Record<string, unknown>, ctx: EmulatorContext): GithubScope {
  const environment = typeof a.environment === "string" ? a.environment : undefined;
  const found = ctx.state.github.scopeOf(String(a.repository), environment);
  if (!found) throw new Error(`no GitHub repository ${String(a.repository)}${environment ? ` with environment ${environment}` : ""}`);
  return found;
}

function item(items: GithubScope["secrets"], name: unknown): EmuGithubSecret | null {
  const found = items.get(String(name).toUpperCase());
  return found ? { ...found } : null;
}

export const githubOps: Record<string, Op> = {
  addGithubRepository: (a, { state }) => state.github.addRepository(a as unknown as NewGithubRepository),
  addGithubToken: (a, { state }) => void state.github.addToken(a as unknown as NewGithubToken),
  revokeGithubToken: (a, { state }) => void state.github.revokeToken(String(a.token)),
  githubSecret: (a, ctx) => item(scope(a, ctx).secrets, a.name),
  githubVariable: (a, ctx) => item(scope(a, ctx).variables, a.name),
  putGithubSecret: (a, ctx) => void ctx.state.github.put(scope(a, ctx).secrets, String(a.name), String(a.value)),
  exhaustGithubRateLimit: (a, { state }) => void state.github.exhaustRateLimit(typeof a.seconds === "number" ? a.seconds : null),
};
