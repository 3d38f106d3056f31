/** The test side of the GitHub control operations (emulator.github). */
import type { EmuGithubSecret, NewGithubRepository, NewGithubToken } from "./github-wire";

/** Where a secret or variable lives: a repository (owner/name), or an environment of it. */
export interface GithubPlace {
  repository: string;
  environment?: string;
}

export interface GithubControl {
  addRepository(r: NewGithubRepository): Promise<{ fullName: string }>;
  addToken(t: NewGithubToken): Promise<void>;
  revokeToken(token: string): Promise<void>;
  /** The secret as stored, its value opened from the sealed box; null when there is none. */
  secret(place: GithubPlace, name: string): Promise<EmuGithubSecret | null>;
  variable(place: GithubPlace, name: string): Promise<EmuGithubSecret | null>;
  /** Sets a secret directly (as someone did in GitHub's settings). */
  putSecret(place: GithubPlace, name: string, value: string): Promise<void>;
  /** Uses up the primary rate limit for `seconds`; null restores it. */
  exhaustRateLimit(seconds: number | null): Promise<void>;
}

export function githubControl(call: <T>(op: string, args?: object) => Promise<T>): GithubControl {
  return {
    addRepository: (r) => call("addGithubRepository", r),
    addToken: (t) => call("addGithubToken", t),
    revokeToken: (token) => call("revokeGithubToken", { token }),
    secret: (place, name) => call("githubSecret", { ...place, name }),
    variable: (place, name) => call("githubVariable", { ...place, name }),
    putSecret: (place, name, value) => call("putGithubSecret", { ...place, name, value }),
    exhaustRateLimit: (seconds) => call("exhaustGithubRateLimit", { seconds }),
  };
}
