/**
 * The GitHub Actions calls the GitHub store makes, through Octokit (with its throttling plugin): public
 * key, secret metadata and write, and the companion variable. Every failure becomes a sentence (github-errors.ts).
 */
import { Octokit } from "@octokit/rest";
import { throttling } from "@octokit/plugin-throttling";
import { environmentNotFound, githubError, repositoryNotFound, type GithubCallContext } from "./github-errors";

const ThrottledOctokit = Octokit.plugin(throttling);

/** The longest rate-limit wait the task sits out (once); a longer one fails with a sentence. */
const MAX_RATE_LIMIT_WAIT_SECONDS = 60;

export interface GithubClientOptions extends GithubCallContext {
  token: string;
  baseUrl: string;
  fetch?: typeof fetch;
}

/** Calls for one repository, or one environment of it when `environment` is set. */
export interface GithubActionsClient {
  publicKey(): Promise<{ keyId: string; key: string }>;
  /** The secret's updated_at; undefined when there is no such secret. */
  secretUpdatedAt(name: string): Promise<string | undefined>;
  putSecret(name: string, encryptedValue: string, keyId: string): Promise<void>;
  variable(name: string): Promise<{ value: string } | undefined>;
  /** Creates the variable (`exists` false) or updates it. */
  writeVariable(name: string, value: string, exists: boolean): Promise<void>;
  /** GitHub's clock (the Date header) at the latest answer. */
  serverTime(): number | undefined;
}

export function githubActionsClient(o: GithubClientOptions): GithubActionsClient {
  const octokit = new ThrottledOctokit({
    auth: o.token,
    baseUrl: o.baseUrl,
    userAgent: "pat-lifecycle",
    request: o.fetch ? { fetch: o.fetch } : {},
    log: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
    throttle: {
      onRateLimit: (retryAfter: number, _options: unknown, _octokit: unknown, retryCount: number) =>
        retryCount === 0 && retryAfter <= MAX_RATE_LIMIT_WAIT_SECONDS,
      onSecondaryRateLimit: (retryAfter: number, _options: unknown, _octokit: unknown, retryCount: number) =>
        retryCount === 0 && retryAfter <= MAX_RATE_LIMIT_WAIT_SECONDS,
    },
  });
  let lastDate: number | undefined;
  octokit.hook.after("request", (response) => {
    const date = Date.parse(String(response.headers.date ?? ""));
    if (!Number.isNaN(date)) lastDate = date;
  });
  const [owner, repo] = o.repository.split("/");
  const env = o.environment;
  const call = async <T>(action: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw githubError(error, action, o);
    }
  };
  /** undefined on 404: the item is absent (the repository and environment were checked by publicKey). */
  const absentOn404 = async <T>(action: string, run: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await run();
    } catch (error) {
      if ((error as { status?: unknown }).status === 404) return undefined;
      throw githubError(error, action, o);
    }
  };
  /** A 404 for the key means the repository or the environment is missing (or hidden): say which. */
  const notFound = async (): Promise<Error> => {
    if (!env) return repositoryNotFound(o);
    const repository = await absentOn404("read the repository", () => octokit.rest.repos.get({ owner, repo }));
    return repository ? environmentNotFound(o) : repositoryNotFound(o);
  };
  return {
    async publicKey() {
      try {
        const { data } = env
          ? await octokit.rest.actions.getEnvironmentPublicKey({ owner, repo, environment_name: env })
          : await octokit.rest.actions.getRepoPublicKey({ owner, repo });
        return { keyId: data.key_id, key: data.key };
      } catch (error) {
        if ((error as { status?: unknown }).status === 404) throw await notFound();
        throw githubError(error, "read the public key for secrets", o);
      }
    },
    async secretUpdatedAt(name) {
      const action = `read the secret '${name}'`;
      const found = await absentOn404(action, () =>
        env
          ? octokit.rest.actions.getEnvironmentSecret({ owner, repo, environment_name: env, secret_name: name })
          : octokit.rest.actions.getRepoSecret({ owner, repo, secret_name: name }),
      );
      return found?.data.updated_at;
    },
    async putSecret(name, encryptedValue, keyId) {
      await call(`write the secret '${name}'`, () =>
        env
          ? octokit.rest.actions.createOrUpdateEnvironmentSecret({
              owner,
              repo,
              environment_name: env,
              secret_name: name,
              encrypted_value: encryptedValue,
              key_id: keyId,
            })
          : octokit.rest.actions.createOrUpdateRepoSecret({
              owner,
              repo,
              secret_name: name,
              encrypted_value: encryptedValue,
              key_id: keyId,
            }),
      );
    },
    async variable(name) {
      const found = await absentOn404(`read the variable '${name}'`, () =>
        env
          ? octokit.rest.actions.getEnvironmentVariable({ owner, repo, environment_name: env, name })
          : octokit.rest.actions.getRepoVariable({ owner, repo, name }),
      );
      return found ? { value: found.data.value } : undefined;
    },
    async writeVariable(name, value, exists) {
      await call<unknown>(`write the variable '${name}'`, () => {
        if (exists) {
          return env
            ? octokit.rest.actions.updateEnvironmentVariable({ owner, repo, environment_name: env, name, value })
            : octokit.rest.actions.updateRepoVariable({ owner, repo, name, value });
        }
        return env
          ? octokit.rest.actions.createEnvironmentVariable({ owner, repo, environment_name: env, name, value })
          : octokit.rest.actions.createRepoVariable({ owner, repo, name, value });
      });
    },
    serverTime: () => lastDate,
  };
}
