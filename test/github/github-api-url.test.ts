/** The GitHub API base URL: api.github.com, and an override honoured only for the emulator on loopback. */
import * as assert from "assert";
import { InputError } from "../../src/api/input-error";
import { githubApiUrl } from "../../src/github/github-api-url";

const EMULATOR = {
  PAT_LIFECYCLE_VSSPS_URL: "https://127.0.0.1:1",
  PAT_LIFECYCLE_DEVOPS_URL: "https://127.0.0.1:2",
  PAT_LIFECYCLE_AUTHORITY_HOST: "https://127.0.0.1:3",
};

describe("GitHub API base URL", () => {
  it("is https://api.github.com without an override", () => {
    assert.strictEqual(githubApiUrl({}), "https://api.github.com");
  });

  it("takes a loopback override in emulator mode", () => {
    assert.strictEqual(githubApiUrl({ ...EMULATOR, PAT_LIFECYCLE_GITHUB_API_URL: "https://127.0.0.1:4/" }), "https://127.0.0.1:4");
  });

  for (const [what, env] of [
    ["another host, even in emulator mode", { ...EMULATOR, PAT_LIFECYCLE_GITHUB_API_URL: "https://github.example.com" }],
    ["a loopback URL outside emulator mode", { PAT_LIFECYCLE_GITHUB_API_URL: "https://127.0.0.1:4" }],
    ["something that is not a URL", { ...EMULATOR, PAT_LIFECYCLE_GITHUB_API_URL: "api github" }],
  ] as const) {
    it(`refuses ${what}, naming the variable and what to do`, () => {
      assert.throws(
        () => githubApiUrl(env),
        (e: unknown) =>
          e instanceof InputError &&
          e.input === "PAT_LIFECYCLE_GITHUB_API_URL" &&
          /can only point at the local emulator .*remove it from the pipeline's variables/.test(e.message),
      );
    });
  }
});
