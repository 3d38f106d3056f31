/**
 * The service connection types that hold a PAT, and where: type -> authorization scheme -> parameter.
 * Sources: the tasks that read them (azure-pipelines-tasks: npm/NuGet/Maven/TwineAuthenticate/Docker read
 * `apitoken` for scheme Token and `username`/`password` for UsernamePassword) and the service connection
 * reference (learn.microsoft.com/azure/devops/pipelines/library/service-endpoints); see README.md.
 */
const TOKEN_OR_PASSWORD = { Token: "apitoken", UsernamePassword: "password" } as const;

const PAT_CONNECTION_TYPES: Readonly<Record<string, { label: string; parameters: Readonly<Record<string, string>> }>> = {
  externaltfs: { label: "Azure Repos/Team Foundation Server", parameters: { Token: "apitoken" } },
  externalnpmregistry: { label: "npm", parameters: TOKEN_OR_PASSWORD },
  externalnugetfeed: { label: "NuGet", parameters: TOKEN_OR_PASSWORD },
  externalpythonuploadfeed: { label: "Python package upload", parameters: TOKEN_OR_PASSWORD },
  externalmavenrepository: { label: "Maven", parameters: TOKEN_OR_PASSWORD },
  dockerregistry: { label: "Docker Registry (Others)", parameters: { UsernamePassword: "password" } },
  generic: { label: "Generic", parameters: { UsernamePassword: "password" } },
};

/** The parameter that holds the PAT for this type and scheme, or a sentence saying why there is none. */
export function patParameter(connection: string, type: string, scheme: string | undefined): { parameter: string } | { problem: string } {
  const known = PAT_CONNECTION_TYPES[type.toLowerCase()];
  const list = Object.entries(PAT_CONNECTION_TYPES)
    .map(([t, k]) => `${k.label} (${t})`)
    .join(", ");
  if (!known) {
    return {
      problem: `The service connection '${connection}' is of type '${type}', which does not hold a PAT. Give a connection of one of these types: ${list}.`,
    };
  }
  const entry = Object.entries(known.parameters).find(([s]) => s.toLowerCase() === (scheme ?? "").toLowerCase());
  if (!entry) {
    const schemes = Object.keys(known.parameters).join(" or ");
    return {
      problem:
        `The service connection '${connection}' (${known.label}) uses the authentication scheme '${scheme ?? "none"}', which does not hold a PAT. ` +
        `Edit it to use ${schemes === "Token" ? "a personal access token" : `the scheme ${schemes}`} (Project settings > Service connections), then run again.`,
    };
  }
  return { parameter: entry[1] };
}
