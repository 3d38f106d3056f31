/**
 * The GitHub Actions secret store, run as the PACKAGED RotatePat against the emulator's GitHub: success
 * (the secret GitHub opens is the new PAT), an environment through a GitHub App connection, the dry run,
 * permission denied, not found, bad credentials, wrong connection type, a lost answer, throttling, and a
 * failure in GitHub while a variable group succeeds. After each run every store holds a working PAT; after a
 * rerun exactly one working PAT carries the name and every store (and record) holds it.
 */
import * as assert from "assert";
import type { EmuPat } from "../emulator/client";
import type { GithubPlace } from "../emulator/github/github-control";
import type { NewGithubToken } from "../emulator/github/github-wire";
import { assertOneCurrentPat, assertStoresWork, type Holding } from "../support/consumer-invariant";
import { failing, lostAnswer } from "../support/faults";
import { githubConnectionEnv } from "../support/github-connection";
import { family, ROTATION_PROJECT as PROJECT, rotationWorld, runPackagedRotatePat } from "../support/rotation-world";
import type { RotateRun, ConsumerBase } from "../support/rotation-world";

const WRITER = { secrets: "write", variables: "write", environments: "write" } as const;
/** The repository secret's PUT. */
const SECRET_PUT = "/actions/secrets/FEED_PAT$";

interface Consumer extends ConsumerBase {
  place: GithubPlace;
  secretName: string;
  connection: string;
  /** The connection's env (ENDPOINT_*) and its token, a secret the output must never show. */
  env: Record<string, string>;
  token: string;
  groupId?: number;
}

describe("GitHub Actions secret store (packaged RotatePat)", function () {
  this.timeout(300_000);
  const world = rotationWorld({ now: "2026-11-20T10:00:00.000Z" });
  let repositories = 0;

  /**
   * A PAT whose secret a GitHub repository (or environment) already holds, set by hand (no record yet), and a
   * connection to it; `token` shapes the connection's GitHub token, `group` adds a variable group holding it too.
   */
  async function consumer(
    name: string,
    o: { token?: Partial<NewGithubToken>; scheme?: string; environment?: string; group?: boolean } = {},
  ): Promise<Consumer> {
    const emulator = world.emulator;
    const old = await emulator.addPat(world.ada.id, {
      displayName: name,
      scope: "vso.packaging",
      validTo: world.inDays(5),
      validFrom: world.inDays(-25),
      organizations: ["contoso"],
    });
    const repository = `contoso/app-${++repositories}`;
    await emulator.github.addRepository({ owner: "contoso", name: `app-${repositories}`, environments: ["production"] });
    const place = { repository, environment: o.environment };
    await emulator.github.putSecret(place, "FEED_PAT", old.token);
    const token = `github_pat_${name.replace(/\W/g, "_")}`;
    await emulator.github.addToken({ token, kind: "fineGrained", permissions: WRITER, repositories: [repository], ...o.token });
    const connection = `gh-${name}`;
    const group = o.group
      ? await emulator.addVariableGroup("contoso", PROJECT, {
          name: `${name}-secrets`,
          variables: { FeedPat: { value: old.token, isSecret: true } },
        })
      : undefined;
    const env = githubConnectionEnv(connection, o.scheme ?? "PersonalAccessToken", token);
    return { name, old, place, secretName: "FEED_PAT", connection, env, token, groupId: group?.id };
  }

  function rotatePat(c: Consumer, extra: Record<string, string> = {}): Promise<RotateRun> {
    const group: Record<string, string> = c.groupId ? { variableGroup: `${c.name}-secrets`, variableName: "FeedPat" } : {};
    const inputs = {
      displayName: c.name,
      githubConnection: c.connection,
      githubRepository: c.place.repository,
      githubSecretName: c.secretName,
      ...(c.place.environment ? { githubEnvironment: c.place.environment } : {}),
      ...group,
      ...extra,
    };
    return runPackagedRotatePat(world, inputs, { env: c.env, secrets: [c.token] });
  }

  const live = (c: Consumer) => family(world, c.name);

  /** The secret GitHub opened, and the PAT its record names (while the record is settled). */
  async function holdings(c: Consumer): Promise<Holding[]> {
    const out: Holding[] = [];
    if (c.groupId) out.push({ store: "group", token: (await world.emulator.variableGroup("contoso", c.groupId)).secrets.FeedPat });
    const secret = await world.emulator.github.secret(c.place, c.secretName);
    const variable = await world.emulator.github.variable(c.place, `${c.secretName}_PAT_RECORD`);
    const record = variable ? (JSON.parse(variable.value) as { holds?: { authorizationId: string } }).holds?.authorizationId : undefined;
    out.push({ store: "GitHub", token: secret?.value, ...(record !== undefined ? { record } : {}) });
    return out;
  }

  async function assertConverged(c: Consumer, run: RotateRun): Promise<EmuPat> {
    return assertOneCurrentPat({ name: c.name, alive: await live(c), holdings: await holdings(c), reportedIn: run.log });
  }

  /** The PUTs of the consumer's repository secret, as the emulator logged them. */
  const secretPuts = async (c: Consumer) =>
    (await world.emulator.requests()).filter(
      (r) => r.method === "PUT" && r.path.endsWith(`${c.place.repository}/actions/secrets/FEED_PAT`),
    );

  const assertEveryStoreWorks = async (c: Consumer, run: RotateRun) => assertStoresWork(await live(c), await holdings(c), run.log);

  /** Nothing changed: no new PAT, GitHub still holds the old one. */
  async function assertUntouched(c: Consumer, run: RotateRun): Promise<void> {
    assert.deepStrictEqual(
      (await live(c)).map((p) => p.authorizationId),
      [c.old.authorizationId],
      run.log,
    );
    assert.strictEqual((await world.emulator.github.secret(c.place, c.secretName))?.value, c.old.token);
  }

  it("success: GitHub opens the new PAT from the sealed secret, the record names it, the old PAT is revoked; the rerun has nothing to do", async () => {
    const c = await consumer("gh-ok");
    const run = await rotatePat(c);
    assert.strictEqual(run.result, "Succeeded", run.log);
    const fresh = await assertConverged(c, run);
    assert.notStrictEqual(fresh.authorizationId, c.old.authorizationId);
    assert.strictEqual(run.newAuthorizationId, fresh.authorizationId);
    assert.match(run.log, /Step store: saved the new secret to GitHub secret 'FEED_PAT' of the repository 'contoso\/app-\d+'\./);
    const record = JSON.parse((await world.emulator.github.variable(c.place, "FEED_PAT_PAT_RECORD"))?.value ?? "{}");
    assert.strictEqual(record.holds.validTo, fresh.validTo);
    assert.match(record.holds.leftovers, new RegExp(`replaced:${c.old.authorizationId}`));
    assert.strictEqual(record.holds.secretUpdatedAt, (await world.emulator.github.secret(c.place, "FEED_PAT"))?.updatedAt);
    const rerun = await rotatePat(c, { onlyIfExpiringWithinDays: "7" });
    assert.strictEqual(rerun.result, "Succeeded", rerun.log);
    assert.match(rerun.log, /nothing to do\. It will be due for rotation on/);
    await assertConverged(c, rerun);
  });

  it("an environment's secret through a GitHub App connection (InstallationToken), sealed with the environment's key", async () => {
    const c = await consumer("gh-env", { environment: "production", scheme: "InstallationToken", token: { kind: "app" } });
    const run = await rotatePat(c);
    assert.strictEqual(run.result, "Succeeded", run.log);
    const fresh = await assertConverged(c, run);
    assert.strictEqual((await world.emulator.github.secret({ repository: c.place.repository }, "FEED_PAT"))?.value, undefined);
    assert.match(run.log, /saved the new secret to GitHub secret 'FEED_PAT' of the environment 'production' of the repository/);
    assert.notStrictEqual(fresh.authorizationId, c.old.authorizationId);
  });

  it("dry run: lists the GitHub write with its key and record variable, and changes nothing", async () => {
    const c = await consumer("gh-dry");
    const run = await rotatePat(c, { dryRun: "true" });
    assert.strictEqual(run.result, "Succeeded", run.log);
    assert.match(
      run.log,
      /Plan: write the new secret to GitHub secret 'FEED_PAT' of the repository 'contoso\/app-\d+' \(sealed with the public key of the repository 'contoso\/app-\d+'; the record of which PAT it holds goes into the Actions variable 'FEED_PAT_PAT_RECORD' beside it\./,
    );
    assert.match(run.log, /Dry run: nothing was changed\./);
    await assertUntouched(c, run);
    assert.strictEqual(await world.emulator.github.variable(c.place, "FEED_PAT_PAT_RECORD"), null);
  });

  it("permission denied: a token that may only read secrets fails the write with what to grant; the new PAT is rolled back", async () => {
    const c = await consumer("gh-denied", { token: { permissions: { secrets: "read", variables: "write" } } });
    const run = await rotatePat(c);
    assert.strictEqual(run.result, "Failed", run.log);
    assert.match(
      run.errors.join("\n"),
      /GitHub refused to write the secret 'FEED_PAT' in the repository 'contoso\/app-\d+' \(403: Resource not accessible by personal access token\)\. The personal access token of the service connection 'gh-gh-denied' needs, on this repository, the fine-grained permissions 'Secrets: Read and write' and 'Variables: Read and write'/,
    );
    assert.match(run.log, /Rollback: revoked the new PAT/);
    await assertUntouched(c, run);
    await assertEveryStoreWorks(c, run);
  });

  it("not found: a repository the token cannot see, and an environment that does not exist, fail before any change with a sentence", async () => {
    const c = await consumer("gh-missing");
    const repo = await rotatePat({ ...c, place: { repository: "contoso/no-such-repo" } });
    assert.strictEqual(repo.result, "Failed", repo.log);
    assert.match(
      repo.errors.join("\n"),
      /GitHub answered 404 for the repository 'contoso\/no-such-repo': it does not exist, or the token of the service connection 'gh-gh-missing' cannot see it \(GitHub answers 404 for both\)\. Check the input githubRepository/,
    );
    const env = await rotatePat({ ...c, place: { ...c.place, environment: "staging" } });
    assert.match(
      env.errors.join("\n"),
      /The repository 'contoso\/app-\d+' has no environment 'staging'\. Create it in the repository's Settings > Environments/,
    );
    await assertUntouched(c, env);
  });

  it("bad credentials and a wrong connection type: a sentence naming the connection, nothing changed", async () => {
    const c = await consumer("gh-creds");
    await world.emulator.github.revokeToken(c.token);
    const revoked = await rotatePat(c);
    assert.match(
      revoked.errors.join("\n"),
      /GitHub did not accept the token of the service connection 'gh-gh-creds' \(401: Bad credentials\): it expired, was revoked or is wrong\. Create a new token and update the service connection/,
    );
    const wrongType = await rotatePat({ ...c, env: githubConnectionEnv(c.connection, "UsernamePassword", c.token) });
    assert.strictEqual(wrongType.result, "Failed", wrongType.log);
    assert.match(
      wrongType.errors.join("\n"),
      /The service connection 'gh-gh-creds' \(input 'githubConnection'\) authorizes with the scheme 'UsernamePassword', which carries no GitHub token\./,
    );
    assert.doesNotMatch(wrongType.log, /Signed in to Microsoft Entra/, "a wrong input fails before sign-in");
    await assertUntouched(c, wrongType);
  });

  it("lost answer: GitHub stores the secret but the answer never comes; the task confirms it by the secret's updated_at", async () => {
    const c = await consumer("gh-lost");
    await world.emulator.addFault(lostAnswer("PUT", SECRET_PUT));
    const run = await rotatePat(c);
    assert.strictEqual(run.result, "Succeeded", run.log);
    await assertConverged(c, run);
    const puts = await secretPuts(c);
    assert.deepStrictEqual(
      puts.map((r) => r.dropped === true),
      [true],
      "the one PUT lost its answer, and the write was confirmed by reading, not by writing again",
    );
  });

  it("throttled: a secondary rate limit with retry-after is waited out once; a used-up rate limit fails before any change", async () => {
    const c = await consumer("gh-throttled");
    await world.emulator.addFault(failing("PUT", SECRET_PUT, 429, 1, 1));
    const run = await rotatePat(c);
    assert.strictEqual(run.result, "Succeeded", run.log);
    await assertConverged(c, run);
    const puts = await secretPuts(c);
    assert.deepStrictEqual(
      puts.map((r) => r.status),
      [429, 204],
    );

    const d = await consumer("gh-limited");
    await world.emulator.github.exhaustRateLimit(3600);
    try {
      const limited = await rotatePat(d);
      assert.strictEqual(limited.result, "Failed", limited.log);
      assert.match(
        limited.errors.join("\n"),
        /GitHub is rate limiting the token of the service connection 'gh-gh-limited' \(API rate limit exceeded .*\); its rate limit resets at .*, longer than this task waits\. Run the task again after that/,
      );
      await assertUntouched(d, limited);
    } finally {
      await world.emulator.github.exhaustRateLimit(null);
    }
  });

  it("GitHub fails while the variable group succeeds: both PATs stay, the log says which store holds which; the rerun converges", async () => {
    const c = await consumer("gh-split", { group: true });
    await world.emulator.addFault(failing("PUT", SECRET_PUT, 502, 99));
    const run = await rotatePat(c);
    assert.strictEqual(run.result, "Failed", run.log);
    assert.match(run.warnings.join("\n"), /Stores now holding the NEW PAT [0-9a-f-]{36}: variable group 'gh-split-secrets' \(FeedPat\)\./);
    assert.match(
      run.warnings.join("\n"),
      new RegExp(`Stores still holding the OLD PAT ${c.old.authorizationId}: GitHub secret 'FEED_PAT' of the repository`),
    );
    await assertEveryStoreWorks(c, run);
    assert.strictEqual((await live(c)).length, 2, "neither PAT was revoked");

    await world.emulator.clearFaults();
    const rerun = await rotatePat(c, { onlyIfExpiringWithinDays: "7" });
    assert.strictEqual(rerun.result, "Succeeded", rerun.log);
    assert.match(rerun.log, /GitHub secret 'FEED_PAT' of the repository 'contoso\/app-\d+' does not hold the current PAT/);
    await assertConverged(c, rerun);
  });
});
