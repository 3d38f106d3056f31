/**
 * The emulator's GitHub half, driven by Octokit unmodified (as the GitHub store uses it): sealed secrets
 * opened with the private key, a wrong key_id refused, environments, variables, and GitHub's refusals by
 * token kind (401, 403, 404) with its rate-limit headers.
 */
import * as assert from "assert";
import { Octokit } from "@octokit/rest";
import sodium from "libsodium-wrappers";
import type { Emulator } from "./client";
import { startSeededEmulator } from "../support/seeded-emulator";

const REPO = { owner: "contoso", repo: "web-app" };
const PLACE = { repository: "contoso/web-app" };

describe("emulator: GitHub Actions secrets and variables", function () {
  let emu: Emulator;
  const client = (token: string) =>
    new Octokit({ auth: token, baseUrl: emu.githubUrl, log: { debug() {}, info() {}, warn() {}, error() {} } });
  const seal = async (value: string, key: string) => {
    await sodium.ready;
    const box = sodium.crypto_box_seal(sodium.from_string(value), sodium.from_base64(key, sodium.base64_variants.ORIGINAL));
    return sodium.to_base64(box, sodium.base64_variants.ORIGINAL);
  };
  /** The status and message Octokit's error carries. */
  const refusal = async (call: Promise<unknown>) => {
    const error = (await call.then(
      () => assert.fail("expected GitHub to refuse"),
      (e: unknown) => e,
    )) as { status: number; response: { data: { message: string }; headers: Record<string, string> } };
    return { status: error.status, message: error.response.data.message, headers: error.response.headers };
  };

  before(async () => {
    ({ emu } = await startSeededEmulator());
    await emu.github.addRepository({ owner: "contoso", name: "web-app", environments: ["production"] });
    await emu.github.addRepository({ owner: "contoso", name: "other" });
    await emu.github.addToken({
      token: "github_pat_writer",
      kind: "fineGrained",
      permissions: { secrets: "write", variables: "write", environments: "write" },
      repositories: ["contoso/web-app"],
    });
    await emu.github.addToken({ token: "github_pat_reader", kind: "fineGrained", permissions: { secrets: "read", variables: "read" } });
    await emu.github.addToken({ token: "ghp_classic_norepo", kind: "classic", scopes: ["read:org"] });
    await emu.github.addToken({ token: "ghs_app", kind: "app", permissions: { secrets: "read" } });
  });
  after(async () => emu?.stop());

  it("opens a sealed repository secret with the private key; a second write updates it (201, then 204) with whole-second timestamps", async () => {
    const gh = client("github_pat_writer");
    const { data: key } = await gh.rest.actions.getRepoPublicKey(REPO);
    assert.match(key.key_id, /^\d+$/);
    const statuses = [];
    // The second write names the secret in other case: GitHub's names are not case-sensitive.
    for (const [secret_name, value] of [
      ["ado_pat", "one"],
      ["ADO_PAT", "two"],
    ]) {
      const encrypted_value = await seal(value, key.key);
      statuses.push((await gh.rest.actions.createOrUpdateRepoSecret({ ...REPO, secret_name, encrypted_value, key_id: key.key_id })).status);
    }
    assert.deepStrictEqual(statuses, [201, 204]);
    assert.strictEqual((await emu.github.secret(PLACE, "ado_pat"))?.value, "two");
    const { data: meta } = await gh.rest.actions.getRepoSecret({ ...REPO, secret_name: "ADO_PAT" });
    assert.strictEqual(meta.name, "ADO_PAT");
    assert.match(meta.updated_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.strictEqual("value" in meta, false, "GitHub never returns a secret's value");
  });

  it("refuses a wrong key_id, and a box sealed for another key, with 422", async () => {
    const gh = client("github_pat_writer");
    const { data: key } = await gh.rest.actions.getRepoPublicKey(REPO);
    const { data: envKey } = await gh.rest.actions.getEnvironmentPublicKey({ ...REPO, environment_name: "production" });
    const wrongId = await refusal(
      gh.rest.actions.createOrUpdateRepoSecret({ ...REPO, secret_name: "X", encrypted_value: await seal("v", key.key), key_id: "1" }),
    );
    assert.deepStrictEqual([wrongId.status, wrongId.message], [422, "Bad request - key_id does not match the current public key."]);
    const otherKey = await refusal(
      gh.rest.actions.createOrUpdateRepoSecret({
        ...REPO,
        secret_name: "X",
        encrypted_value: await seal("v", envKey.key),
        key_id: key.key_id,
      }),
    );
    assert.strictEqual(otherKey.status, 422);
    assert.strictEqual(await emu.github.secret(PLACE, "X"), null);
  });

  it("keeps an environment's secrets and variables apart from the repository's, under the environment's own key", async () => {
    const gh = client("github_pat_writer");
    const env = { ...REPO, environment_name: "production" };
    const { data: key } = await gh.rest.actions.getEnvironmentPublicKey(env);
    await gh.rest.actions.createOrUpdateEnvironmentSecret({
      ...env,
      secret_name: "DEPLOY",
      encrypted_value: await seal("prod", key.key),
      key_id: key.key_id,
    });
    await gh.rest.actions.createEnvironmentVariable({ ...env, name: "DEPLOY_PAT_RECORD", value: "{}" });
    await gh.rest.actions.updateEnvironmentVariable({ ...env, name: "DEPLOY_PAT_RECORD", value: '{"a":1}' });
    assert.strictEqual((await emu.github.secret({ ...PLACE, environment: "production" }, "DEPLOY"))?.value, "prod");
    assert.strictEqual(await emu.github.secret(PLACE, "DEPLOY"), null);
    assert.strictEqual((await gh.rest.actions.getEnvironmentVariable({ ...env, name: "deploy_pat_record" })).data.value, '{"a":1}');
    const missing = await refusal(gh.rest.actions.getEnvironmentPublicKey({ ...REPO, environment_name: "staging" }));
    assert.strictEqual(missing.status, 404);
    const twice = await refusal(gh.rest.actions.createEnvironmentVariable({ ...env, name: "DEPLOY_PAT_RECORD", value: "{}" }));
    assert.strictEqual(twice.status, 409);
  });

  it("answers 401 without or with a bad token, 404 for a repository the token cannot reach, 403 for a missing permission", async () => {
    assert.deepStrictEqual(await refusal(client("ghp_unknown").rest.actions.getRepoPublicKey(REPO)).then((r) => [r.status, r.message]), [
      401,
      "Bad credentials",
    ]);
    // The writer token lists only web-app; the classic one lacks the repo scope for a private repository.
    assert.strictEqual(
      (await refusal(client("github_pat_writer").rest.actions.getRepoPublicKey({ owner: "contoso", repo: "other" }))).status,
      404,
    );
    assert.strictEqual((await refusal(client("ghp_classic_norepo").rest.actions.getRepoPublicKey(REPO))).status, 404);
    assert.strictEqual(
      (await refusal(client("github_pat_writer").rest.actions.getRepoPublicKey({ owner: "contoso", repo: "nope" }))).status,
      404,
    );
    const { data: key } = await client("github_pat_reader").rest.actions.getRepoPublicKey(REPO);
    const put = (token: string) =>
      seal("v", key.key).then((encrypted_value) =>
        client(token).rest.actions.createOrUpdateRepoSecret({ ...REPO, secret_name: "Y", encrypted_value, key_id: key.key_id }),
      );
    assert.deepStrictEqual(await refusal(put("github_pat_reader")).then((r) => [r.status, r.message]), [
      403,
      "Resource not accessible by personal access token",
    ]);
    assert.deepStrictEqual(await refusal(put("ghs_app")).then((r) => [r.status, r.message]), [
      403,
      "Resource not accessible by integration",
    ]);
  });

  it("sends GitHub's rate-limit headers, and 403 with x-ratelimit-remaining 0 once the limit is used up", async () => {
    const ok = await client("github_pat_reader").rest.actions.getRepoPublicKey(REPO);
    assert.strictEqual(ok.headers["x-ratelimit-limit"], "5000");
    assert.ok(Number(ok.headers["x-ratelimit-remaining"]) > 0);
    await emu.github.exhaustRateLimit(600);
    try {
      const limited = await refusal(client("github_pat_reader").rest.actions.getRepoPublicKey(REPO));
      assert.strictEqual(limited.status, 403);
      assert.strictEqual(limited.headers["x-ratelimit-remaining"], "0");
      assert.match(limited.message, /^API rate limit exceeded/);
    } finally {
      await emu.github.exhaustRateLimit(null);
    }
  });
});
