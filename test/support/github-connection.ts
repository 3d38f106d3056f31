/** A GitHub service connection as the agent hands it to a task: ENDPOINT_URL/AUTH/AUTH_SCHEME/AUTH_PARAMETER variables. */

/** The token parameter of each scheme, as Azure Pipelines names it (see tasks/RotatePatV1/github-connection.ts). */
const PARAMETER: Record<string, string> = {
  PersonalAccessToken: "accessToken",
  OAuth: "AccessToken",
  InstallationToken: "IdToken",
};

/** The environment of a connection `id` with `scheme` carrying `token` (UsernamePassword etc.: a username and password). */
export function githubConnectionEnv(id: string, scheme: string, token: string): Record<string, string> {
  const parameters = PARAMETER[scheme] ? { [PARAMETER[scheme]]: token } : { username: "ci", password: token };
  const env: Record<string, string> = {
    [`ENDPOINT_URL_${id}`]: "https://github.com",
    [`ENDPOINT_AUTH_${id}`]: JSON.stringify({ scheme, parameters }),
    [`ENDPOINT_AUTH_SCHEME_${id}`]: scheme,
  };
  for (const [key, value] of Object.entries(parameters)) env[`ENDPOINT_AUTH_PARAMETER_${id}_${key.toUpperCase()}`] = value;
  return env;
}
