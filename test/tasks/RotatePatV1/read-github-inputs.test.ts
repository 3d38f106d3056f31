/** RotatePat's GitHub inputs read in process: each connection scheme's token, masked at once, and every refusal's sentence. */
import * as assert from "assert";
import { readRotateInputs } from "../../../tasks/RotatePatV1/read-inputs";
import { githubConnectionEnv } from "../../support/github-connection";
import { readWithInputs, refusal, useTaskMessages } from "../../support/task-inputs";

const TOKEN = "github_pat_11AAAAAAA0example0token";
const base = { displayName: "feed", githubConnection: "gh", githubRepository: "contoso/web-app", githubSecretName: "FEED_PAT" };

const read = (inputs: Record<string, string>, scheme = "PersonalAccessToken") =>
  readWithInputs(inputs, readRotateInputs, githubConnectionEnv("gh", scheme, TOKEN));

describe("RotatePatV1 GitHub inputs read in process", () => {
  before(() => useTaskMessages("RotatePatV1"));

  for (const [scheme, kind] of [
    ["PersonalAccessToken", "personalAccessToken"],
    ["OAuth", "oauth"],
    ["InstallationToken", "githubApp"],
  ] as const) {
    it(`a ${scheme} connection: its token, masked before anything else is written`, () => {
      const { value, output } = read({ ...base, githubEnvironment: "production" }, scheme);
      assert.deepStrictEqual(value?.github, {
        connection: { name: "gh", token: TOKEN, kind },
        repository: "contoso/web-app",
        environment: "production",
        secretName: "FEED_PAT",
      });
      assert.ok(output.includes(`##vso[task.setsecret]${TOKEN}`), output);
    });
  }

  it("a repository URL is taken as owner/name", () => {
    assert.strictEqual(
      read({ ...base, githubRepository: "https://github.com/contoso/web-app.git" }).value?.github?.repository,
      "contoso/web-app",
    );
  });

  const refused: Array<[what: string, inputs: Record<string, string>, input: string, message: RegExp, scheme?: string]> = [
    [
      "a repository without an owner",
      { ...base, githubRepository: "web-app" },
      "githubRepository",
      /^The input 'githubRepository' must name a GitHub repository as owner\/name, for example contoso\/web-app; got 'web-app'\.$/,
    ],
    [
      "a secret name with a dash",
      { ...base, githubSecretName: "FEED-PAT" },
      "githubSecretName",
      /^The input 'githubSecretName' must be a GitHub secret name: letters, digits and underscores only, not starting with a digit; got 'FEED-PAT'\.$/,
    ],
    [
      "a secret name starting with a digit",
      { ...base, githubSecretName: "1PAT" },
      "githubSecretName",
      /not starting with a digit; got '1PAT'\.$/,
    ],
    [
      "a secret name GitHub reserves",
      { ...base, githubSecretName: "github_token" },
      "githubSecretName",
      /^The input 'githubSecretName' \('github_token'\) starts with GITHUB_, which GitHub reserves for its own secrets\. Choose another name\.$/,
    ],
    [
      "a repository without a connection",
      { displayName: "feed", githubRepository: "contoso/web-app" },
      "githubConnection",
      /^The input 'githubRepository' is set but the input 'githubConnection' is not: the task needs a GitHub service connection/,
    ],
    [
      "a connection without a secret name",
      { ...base, githubSecretName: "" },
      "githubSecretName",
      /^The input 'githubSecretName' is required when 'githubConnection' is set\.$/,
    ],
    [
      "an extension into GitHub",
      { ...base, action: "extend" },
      "githubConnection",
      /^The input 'action' is 'extend', which keeps the PAT's secret, so the GitHub secret \(input 'githubConnection'\) would receive nothing\./,
    ],
    [
      "a connection of another kind",
      base,
      "githubConnection",
      /^The service connection 'gh' \(input 'githubConnection'\) authorizes with the scheme 'UsernamePassword', which carries no GitHub token\. Use a GitHub service connection/,
      "UsernamePassword",
    ],
  ];
  for (const [what, inputs, input, message, scheme] of refused) {
    it(`refuses ${what}, naming the input`, () => {
      const result = read(inputs, scheme);
      const [named, sentence] = refusal(result);
      assert.strictEqual(named, input);
      assert.match(sentence, message);
      assert.ok(!result.output.includes(TOKEN), "the token never shows");
    });
  }

  it("a connection without its token says which parameter is empty", () => {
    const env = { ...githubConnectionEnv("gh", "OAuth", TOKEN), ENDPOINT_AUTH_PARAMETER_gh_ACCESSTOKEN: "" };
    const [input, sentence] = refusal(readWithInputs(base, readRotateInputs, env));
    assert.deepStrictEqual(
      [input, sentence],
      [
        "githubConnection",
        "The GitHub service connection 'gh' (scheme OAuth) has no token in its parameter 'AccessToken'. Edit the connection and authorize it again, or enter its personal access token.",
      ],
    );
  });
});
