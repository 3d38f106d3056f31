/** The GitHub Actions secret store for RotatePat: Octokit on api.github.com (or the emulator), and its dry-run line. */
import { githubApiUrl } from "../../src/github/github-api-url";
import { githubActionsClient } from "../../src/github/github-client";
import { where } from "../../src/github/github-errors";
import { recordVariableName } from "../../src/github/github-record";
import { githubSecretStore, githubStoreName } from "../../src/github/github-secret-store";
import type { SecretStore } from "../../src/rotation";
import type { GithubSecretInputs } from "./read-github-inputs";
import { loc } from "./loc";

export function githubStore(inputs: GithubSecretInputs, o: { fetch: typeof fetch; storeDetails: Map<string, string> }): SecretStore {
  const context = {
    connection: inputs.connection.name,
    kind: inputs.connection.kind,
    repository: inputs.repository,
    environment: inputs.environment,
  };
  const client = githubActionsClient({ ...context, token: inputs.connection.token, baseUrl: githubApiUrl(), fetch: o.fetch });
  o.storeDetails.set(
    githubStoreName(context, inputs.secretName),
    loc("PlanStoreGithub", where(context), recordVariableName(inputs.secretName)),
  );
  return githubSecretStore({ client, context, secretName: inputs.secretName });
}
