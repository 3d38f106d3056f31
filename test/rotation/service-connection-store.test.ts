/**
 * The service connection store, run as the PACKAGED RotatePat against the emulator: success with a
 * variable group and two connections, permission denied, not found, wrong type, another project, a
 * lost answer, throttling, one store failing while the others succeed, and the dry run. After each run
 * every store holds a live PAT; after a rerun exactly one live PAT carries the name and every store holds it.
 */
import * as assert from "assert";
import type { EmuPat } from "../emulator/client";
import type { EmuServiceEndpoint } from "../emulator/wire-types";
import { assertOneCurrentPat, assertStoresWork, type Holding } from "../support/consumer-invariant";
import { consumerPat, family, ROTATION_PROJECT as PROJECT, rotationWorld, runPackagedRotatePat } from "../support/rotation-world";
import type { RotateRun as Run, ConsumerBase } from "../support/rotation-world";

interface Consumer extends ConsumerBase {
  groupId?: number;
  /** Connection ids, in the order given to the task. */
  connections: string[];
}

describe("service connection store (packaged RotatePat)", function () {
  this.timeout(300_000);
  const world = rotationWorld({ now: "2026-11-20T10:00:00.000Z" });
  let emulator: typeof world.emulator;
  let adminJob: string;
  before(async () => {
    emulator = world.emulator;
    adminJob = await world.jobToken({ serviceEndpointAdmin: true });
  });

  /** A PAT held by an npm connection (Token) and a Docker registry connection (UsernamePassword), and optionally a group. */
  async function consumer(name: string, o: { group?: boolean; docker?: boolean } = {}): Promise<Consumer> {
    const old = await consumerPat(world, name, { scope: "vso.packaging" });
    const npm = await emulator.addServiceEndpoint("contoso", {
      projects: [PROJECT, "Shared"],
      name: `${name}-npm`,
      type: "externalnpmregistry",
      url: "https://pkgs.dev.azure.com/contoso/_packaging/feed/npm/registry/",
      description: "the feed",
      scheme: "Token",
      parameters: { apitoken: old.token },
      data: { note: "kept" },
    });
    const connections = [npm.id];
    if (o.docker !== false) {
      const docker = await emulator.addServiceEndpoint("contoso", {
        projects: [PROJECT],
        name: `${name}-docker`,
        type: "dockerregistry",
        url: "https://contoso.azurecr.io",
        scheme: "UsernamePassword",
        parameters: { registry: "https://contoso.azurecr.io", username: "ci", password: old.token, email: "" },
      });
      connections.push(docker.id);
    }
    const group =
      o.group === false
        ? undefined
        : await emulator.addVariableGroup("contoso", PROJECT, {
            name: `${name}-secrets`,
            variables: { DeployPat: { value: old.token, isSecret: true } },
          });
    return { name, old, groupId: group?.id, connections };
  }

  async function rotatePat(c: Consumer, extra: Record<string, string> = {}, job = adminJob): Promise<Run> {
    const names = await Promise.all(c.connections.map(async (id) => (await emulator.serviceEndpoint(id)).name));
    const group: Record<string, string> = c.groupId ? { variableGroup: `${c.name}-secrets`, variableName: "DeployPat" } : {};
    return runPackagedRotatePat(world, { displayName: c.name, serviceConnection: names.join("\n"), ...group, ...extra }, { job });
  }

  const live = (c: Consumer) => family(world, c.name);
  const secretOf = (e: EmuServiceEndpoint) => e.parameters[e.scheme === "Token" ? "apitoken" : "password"];

  /** What each store holds: the secret, and the connections' record. */
  async function holdings(c: Consumer): Promise<Holding[]> {
    const out: Holding[] = [];
    if (c.groupId) out.push({ store: "group", token: (await emulator.variableGroup("contoso", c.groupId)).secrets.DeployPat });
    for (const id of c.connections) {
      const e = await emulator.serviceEndpoint(id);
      out.push({ store: e.name, token: secretOf(e), record: e.data["patLifecycle.authorizationId"] });
    }
    return out;
  }

  /** Every store holds a live PAT of the name (old or new). */
  const assertEveryStoreWorks = async (c: Consumer, run: Run) => assertStoresWork(await live(c), await holdings(c), run.log);

  /** Exactly one live PAT, every store holds it, and every connection's record names it (or, not recorded, none does). */
  async function assertConverged(c: Consumer, run: Run, o: { recorded: boolean } = { recorded: true }): Promise<EmuPat> {
    const held = await holdings(c);
    if (!o.recorded) assert.deepStrictEqual(held.map((h) => h.record).filter(Boolean), [], "a connection records a PAT");
    return assertOneCurrentPat({ name: c.name, alive: await live(c), holdings: held, reportedIn: run.log });
  }

  async function rerunConverges(c: Consumer): Promise<Run> {
    const rerun = await rotatePat(c, { onlyIfExpiringWithinDays: "7" });
    assert.match(rerun.result ?? "", /^Succeeded/, rerun.log);
    await assertConverged(c, rerun);
    return rerun;
  }

  it("success: the group and both connections get the new PAT; everything else of each connection is kept", async () => {
    const c = await consumer("sc-ok");
    const before = await Promise.all(c.connections.map((id) => emulator.serviceEndpoint(id)));
    const run = await rotatePat(c);
    assert.strictEqual(run.result, "Succeeded", run.log);
    const fresh = await assertConverged(c, run);
    assert.notStrictEqual(fresh.authorizationId, c.old.authorizationId);
    const [npm, docker] = await Promise.all(c.connections.map((id) => emulator.serviceEndpoint(id)));
    assert.deepStrictEqual(
      [npm.name, npm.url, npm.description, npm.projects, npm.data.note],
      [before[0].name, before[0].url, before[0].description, before[0].projects, "kept"],
    );
    assert.deepStrictEqual(
      { ...docker.parameters, password: "" },
      { ...before[1].parameters, password: "" },
      "the registry, username and email are kept",
    );
    assert.strictEqual(npm.data["patLifecycle.validTo"], fresh.validTo);
    assert.match(npm.data["patLifecycle.leftovers"], new RegExp(`replaced:${c.old.authorizationId}`));
    assert.match(
      run.log,
      /Done: rotated 'sc-ok'\. .*stored in: variable group 'sc-ok-secrets' \(DeployPat\), service connection 'sc-ok-npm', service connection 'sc-ok-docker'/,
    );
    const rerun = await rerunConverges(c);
    assert.match(rerun.log, /nothing to do\. It will be due for rotation on/);
  });

  it("dry run: lists every store's write with the connection's type, scheme and parameter, and changes nothing", async () => {
    const c = await consumer("sc-dry");
    const run = await rotatePat(c, { dryRun: "true" });
    assert.strictEqual(run.result, "Succeeded", run.log);
    assert.match(run.log, /Plan: write the new secret to variable group 'sc-dry-secrets' \(DeployPat\)\./);
    assert.match(
      run.log,
      /Plan: write the new secret to service connection 'sc-dry-npm' \(type externalnpmregistry, scheme Token: the PAT goes into the parameter 'apitoken'/,
    );
    assert.match(
      run.log,
      /Plan: write the new secret to service connection 'sc-dry-docker' \(type dockerregistry, scheme UsernamePassword: the PAT goes into the parameter 'password'/,
    );
    assert.deepStrictEqual(
      (await live(c)).map((p) => p.authorizationId),
      [c.old.authorizationId],
    );
    assert.strictEqual((await emulator.serviceEndpoint(c.connections[0])).data["patLifecycle.authorizationId"], undefined);
  });

  it("permission denied (no Administrator role): names identity, role and connection; the new PAT is rolled back", async () => {
    const c = await consumer("sc-denied", { group: false, docker: false });
    const user = await emulator.issueJobToken("contoso", { variableGroupAdmin: true, serviceEndpointAdmin: false, project: PROJECT });
    const run = await rotatePat(c, {}, user);
    assert.strictEqual(run.result, "Failed", run.log);
    assert.match(
      run.errors.join("\n"),
      /Could not store the new PAT, so it was rolled back; the old PAT .* stays in use\. .*The pipeline may not update the service connection 'sc-denied-npm' \(HTTP 403\)\. The pipeline's identity, 'Fabrikam Build Service \(contoso\)' .* needs the Administrator role on the service connection 'sc-denied-npm' of project 'Fabrikam': Project settings > Service connections > 'sc-denied-npm' > Security\./,
    );
    await assertConverged(c, run, { recorded: false });
    assert.strictEqual((await live(c))[0].authorizationId, c.old.authorizationId);
  });

  /** A connection of contoso shared with `projects`. */
  const connection = (projects: string[], name: string, type: string, scheme: string, parameters: Record<string, string>) =>
    emulator.addServiceEndpoint("contoso", { projects, name, type, scheme, parameters });

  it("not found, wrong type, wrong scheme and another project's connection: a sentence each, nothing changed", async () => {
    const c = await consumer("sc-bad", { docker: false });
    const azurerm = await connection([PROJECT], "sc-bad-arm", "azurerm", "ServicePrincipal", { serviceprincipalid: "x" });
    const apiKey = await connection([PROJECT], "sc-bad-nuget", "externalnugetfeed", "None", { nugetkey: "k" });
    const elsewhere = await connection(["Other"], "sc-bad-other", "generic", "UsernamePassword", { username: "u", password: "p" });
    const orgJob = await emulator.issueJobToken("contoso", { variableGroupAdmin: true, serviceEndpointAdmin: true });
    const cases: Array<[string, string, RegExp]> = [
      [
        "no-such-connection",
        adminJob,
        /No service connection named 'no-such-connection' was found in project 'Fabrikam' that the pipeline can see\. Check the name or id in Project settings > Service connections; a connection of another project must first be shared with 'Fabrikam'\./,
      ],
      [
        "sc-bad-arm",
        adminJob,
        /The service connection 'sc-bad-arm' is of type 'azurerm', which does not hold a PAT\. Give a connection of one of these types: Azure Repos\/Team Foundation Server \(externaltfs\), npm/,
      ],
      [
        "sc-bad-nuget",
        adminJob,
        /The service connection 'sc-bad-nuget' \(NuGet\) uses the authentication scheme 'None', which does not hold a PAT\. Edit it to use the scheme Token or UsernamePassword/,
      ],
      [
        elsewhere.id,
        orgJob,
        /The service connection 'sc-bad-other' belongs to project Other, not to 'Fabrikam' where this pipeline runs\. Share it with 'Fabrikam'/,
      ],
    ];
    assert.ok(azurerm.id && apiKey.id);
    for (const [connection, job, sentence] of cases) {
      const run = await rotatePat({ ...c, connections: [] }, { serviceConnection: connection }, job);
      assert.strictEqual(run.result, "Failed", run.log);
      assert.match(run.errors.join("\n"), sentence);
      assert.doesNotMatch(run.log, /Step create/i, "nothing is created before every store was read");
      assert.deepStrictEqual(
        (await live(c)).map((p) => p.authorizationId),
        [c.old.authorizationId],
      );
    }
  });

  it("lost answer: the connection's PUT applied but its answer dropped is read back, not resent", async () => {
    const c = await consumer("sc-lost", { docker: false });
    await emulator.addFault({ method: "PUT", path: "/_apis/serviceendpoint/endpoints/", kind: "commitThenDrop", times: 1 });
    await emulator.clearRequests();
    const run = await rotatePat(c);
    assert.strictEqual(run.result, "Succeeded", run.log);
    const puts = (await emulator.requests()).filter((r) => r.method === "PUT" && /serviceendpoint/.test(r.path));
    assert.deepStrictEqual(
      puts.map((r) => r.dropped === true),
      [true],
    );
    await assertConverged(c, run);
    await rerunConverges(c);
  });

  it("throttled: a 429 on the connection's PUT is retried after Retry-After", async () => {
    const c = await consumer("sc-429", { docker: false });
    await emulator.addFault({
      method: "PUT",
      path: "/_apis/serviceendpoint/endpoints/",
      kind: "status",
      status: 429,
      retryAfterSec: 1,
      times: 2,
    });
    const run = await rotatePat(c);
    assert.strictEqual(run.result, "Succeeded", run.log);
    await assertConverged(c, run);
  });

  it("one store fails while the others succeed: neither PAT is revoked, the log says which store holds which, the rerun converges", async () => {
    const c = await consumer("sc-split");
    await emulator.addFault({
      method: "PUT",
      path: `/_apis/serviceendpoint/endpoints/${c.connections[1]}`,
      kind: "status",
      status: 500,
      times: 3,
    });
    const run = await rotatePat(c);
    assert.strictEqual(run.result, "Failed", run.log);
    await assertEveryStoreWorks(c, run);
    const pats = await world.emulator.pats(world.ada.id);
    const held = (await holdings(c)).map((h) => pats.find((p) => p.token === h.token)?.authorizationId);
    const fresh = pats.find((p) => p.authorizationId === held[0]) as EmuPat;
    assert.notStrictEqual(fresh.authorizationId, c.old.authorizationId);
    assert.deepStrictEqual(held, [fresh.authorizationId, fresh.authorizationId, c.old.authorizationId]);
    assert.match(
      run.log,
      new RegExp(
        `Stores now holding the NEW PAT ${fresh.authorizationId}: variable group 'sc-split-secrets' \\(DeployPat\\), service connection 'sc-split-npm'\\.`,
      ),
    );
    assert.match(run.log, new RegExp(`Stores still holding the OLD PAT ${c.old.authorizationId}: service connection 'sc-split-docker'\\.`));
    assert.match(
      run.errors.join("\n"),
      /Could not store the new PAT in every store, so neither PAT was revoked: .*Could not confirm the write to the service connection 'sc-split-docker'/,
    );
    // A dry run now says what the rerun will do, and changes nothing.
    const dry = await rotatePat(c, { dryRun: "true", onlyIfExpiringWithinDays: "7" });
    assert.match(
      dry.log,
      new RegExp(
        `service connection 'sc-split-docker' does not hold the current PAT ${fresh.authorizationId} \\(it holds no record of this task, so whichever PAT it had before\\)`,
      ),
    );
    assert.match(dry.log, new RegExp(`once every store holds the new PAT, revoke 'sc-split' \\(${c.old.authorizationId}\\)`));
    assert.match(
      dry.log,
      new RegExp(
        `\\(authorizationId ${c.old.authorizationId}\\), replaced by an earlier rotation and recorded by the store as left behind: this run revokes it`,
      ),
    );
    await assertEveryStoreWorks(c, dry);
    const rerun = await rerunConverges(c);
    assert.match(rerun.log, /This run rotates so that every store gets the same new PAT/);
    const revoked = (await emulator.pats(world.ada.id)).filter((p) => p.revoked).map((p) => p.authorizationId);
    assert.ok(revoked.includes(c.old.authorizationId) && revoked.includes(fresh.authorizationId), rerun.log);
  });
});
