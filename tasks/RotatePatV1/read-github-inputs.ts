/** The GitHub Actions secret inputs: connection, owner/name, optional environment and a secret name GitHub accepts. */
import { InputError } from "../../src/api/input-error";
import { readString } from "../../src/pipeline/inputs";
import { readGithubConnection, type GithubConnection } from "./github-connection";
import { loc } from "./loc";

export interface GithubSecretInputs {
  connection: GithubConnection;
  /** owner/name */
  repository: string;
  environment?: string;
  secretName: string;
}

/** GitHub's owner (user or organization) and repository name rules. */
const REPOSITORY = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/;
/** Secret (and variable) names: letters, digits and underscores, not starting with a digit (docs.github.com, "Naming your secrets"). */
const SECRET_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** undefined when none of the GitHub inputs is set. */
export function readGithubInputs(action: "rotate" | "extend"): GithubSecretInputs | undefined {
  const connection = readString("githubConnection");
  const repository = readString("githubRepository");
  const environment = readString("githubEnvironment");
  const secretName = readString("githubSecretName");
  if (!connection) {
    const set = { githubRepository: repository, githubEnvironment: environment, githubSecretName: secretName };
    const given = Object.entries(set).find(([, value]) => value !== undefined)?.[0];
    if (given) throw new InputError("githubConnection", loc("InputGithubConnectionRequired", given));
    return undefined;
  }
  if (action === "extend") throw new InputError("githubConnection", loc("InputExtendWithGithub"));
  if (!repository) throw new InputError("githubRepository", loc("InputGithubRequired", "githubRepository"));
  if (!secretName) throw new InputError("githubSecretName", loc("InputGithubRequired", "githubSecretName"));
  const ownerAndName = repository.replace(/^https:\/\/github\.com\//i, "").replace(/(\.git)?\/?$/, "");
  const name = ownerAndName.split("/")[1] ?? "";
  if (!REPOSITORY.test(ownerAndName) || name === "." || name === "..")
    throw new InputError("githubRepository", loc("InputGithubRepositoryInvalid", repository));
  if (!SECRET_NAME.test(secretName)) throw new InputError("githubSecretName", loc("InputGithubSecretNameInvalid", secretName));
  if (/^GITHUB_/i.test(secretName)) throw new InputError("githubSecretName", loc("InputGithubSecretNameReserved", secretName));
  if (environment !== undefined && (environment.length > 255 || [...environment].some((c) => c.charCodeAt(0) < 32)))
    throw new InputError("githubEnvironment", loc("InputGithubEnvironmentInvalid", environment));
  // Read last: the token is masked as it is read, and only when the other inputs are sound.
  return { connection: readGithubConnection(connection), repository: ownerAndName, environment, secretName };
}
