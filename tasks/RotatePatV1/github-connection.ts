/** The GitHub service connection of the input githubConnection: its token (masked at once) and how it authorizes. */
import * as tl from "azure-pipelines-task-lib/task";
import { InputError } from "../../src/api/input-error";
import type { GithubTokenKind } from "../../src/github/github-errors";
import { readEndpointField } from "../../src/pipeline/secrets";
import { loc } from "./loc";

export interface GithubConnection {
  /** The input's value (the connection's id, or its name in YAML), for messages. */
  name: string;
  token: string;
  kind: GithubTokenKind;
}

/**
 * Where each scheme of a GitHub connection keeps its token, as Microsoft's own tasks read it
 * (azure-pipelines-tasks Tasks/UsePythonVersionV1/main.ts, getGithubTokenFromServiceConnection).
 */
const TOKEN_PARAMETERS: Record<string, { parameter: string; kind: GithubTokenKind }> = {
  personalaccesstoken: { parameter: "accessToken", kind: "personalAccessToken" },
  token: { parameter: "AccessToken", kind: "personalAccessToken" },
  oauth: { parameter: "AccessToken", kind: "oauth" },
  oauth2: { parameter: "AccessToken", kind: "oauth" },
  installationtoken: { parameter: "IdToken", kind: "githubApp" },
};

export function readGithubConnection(id: string): GithubConnection {
  const scheme = tl.getEndpointAuthorizationScheme(id, true) ?? "";
  const known = TOKEN_PARAMETERS[scheme.toLowerCase()];
  if (!known) throw new InputError("githubConnection", loc("InputGithubConnectionScheme", id, scheme || "none"));
  const token = readEndpointField(id, known.parameter, { secret: true });
  if (!token) throw new InputError("githubConnection", loc("InputGithubConnectionNoToken", id, scheme, known.parameter));
  return { name: id, token, kind: known.kind };
}
