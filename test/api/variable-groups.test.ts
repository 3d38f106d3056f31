/**
 * Variable groups against the emulator's fidelity switches: the Administrator role, a job identity
 * limited to its project, references required on PUT, the organization-level PUT URL; and the
 * merge-safe write (re-read, only the caller's variables, confirm, retry).
 */
import * as assert from "assert";
import { ApiError } from "../../src/api/errors";
import { bearer } from "../../src/api/credential";
import type { VariableGroup } from "../../src/api/model";
import { findVariableGroup, setVariableGroupSecret } from "../../src/api/variablegroups";
import { assertNoSecrets } from "../support/secrets";
import { rejectionOf } from "../support/rejection";
import { ORG, startWorld, type World } from "./emulator-world";

describe("variable groups: fidelity switches and merge-safe writes", function () {
  this.timeout(60_000);
  let w: World;
  before(async () => (w = await startWorld()));
  after(async () => w?.emu.stop());
  beforeEach(async () => {
    await w.emu.clearFaults();
    await w.emu.clearRequests();
    await w.emu.configure({ requireVariableGroupReferences: true, acceptProjectLevelVariableGroupPut: false });
  });

  const collectionUrl = () => `${w.endpoints.devops}/${ORG}/`;
  const jobCtx = async (o: { admin: boolean; project?: string }) => {
    const job = await w.emu.issueJobToken(ORG, { variableGroupAdmin: o.admin, project: o.project });
    return { ctx: { http: w.client(bearer(() => job, "jobToken")), collectionUrl: collectionUrl() }, job };
  };
  /** A person's PUT as Ada, on the documented organization-level URL. */
  const personPut = (id: number, body: unknown) =>
    w.client().request<VariableGroup>({
      method: "PUT",
      url: `${collectionUrl()}_apis/distributedtask/variablegroups/${id}`,
      apiVersion: "7.1",
      body,
    });

  it("a job identity limited to its project (the default) does not see another project's group; the organization-wide one does", async () => {
    await w.emu.addVariableGroup(ORG, "other", { name: "other-secrets", variables: { a: { value: "1" } } });
    const projectJob = await jobCtx({ admin: true, project: "web" });
    const e = await rejectionOf(findVariableGroup(projectJob.ctx, "other", "other-secrets"));
    assert.match(
      e.message,
      /^The variable group 'other-secrets' was not found in project 'other', or the pipeline may not see it\. Check the name or id\. The pipeline's identity, 'other Build Service \(contoso\)'/,
    );
    const orgJob = await jobCtx({ admin: true });
    assert.strictEqual((await findVariableGroup(orgJob.ctx, "other", "other-secrets")).name, "other-secrets");
  });

  it("without the Administrator role: the message names the identity, the role, the group and the project", async () => {
    const { id } = await w.emu.addVariableGroup(ORG, "web", { name: "web-locked", variables: { a: { value: "1" } } });
    const { ctx, job } = await jobCtx({ admin: false, project: "web" });
    const e = await rejectionOf(setVariableGroupSecret(ctx, "web", "web-locked", "RefreshToken", "never-stored-value-5678"));
    assert.ok(e instanceof ApiError);
    assert.strictEqual(e.status, 403);
    assert.match(
      e.message,
      /^The pipeline may not write the secret 'RefreshToken' to the variable group 'web-locked' \(HTTP 403\)\. The pipeline's identity, 'web Build Service \(contoso\)' \(or 'Project Collection Build Service \(contoso\)' when the pipeline's job authorization scope is the whole organization\), needs the Administrator role on the variable group 'web-locked' of project 'web': Pipelines > Library > 'web-locked' > Security\. Azure DevOps said: Access denied\. web Build Service \(contoso\) needs Administrator permissions/,
    );
    assertNoSecrets([e.message], [job, "never-stored-value-5678"]);
    assert.strictEqual((await w.emu.variableGroup(ORG, id)).secrets.RefreshToken, undefined);
  });

  it("the product PUTs on the organization-level URL with project references; the emulator refuses a PUT without them and the project-level URL unless switched", async () => {
    const { id } = await w.emu.addVariableGroup(ORG, "web", { name: "web-refs", variables: { a: { value: "1" } } });
    const { ctx } = await jobCtx({ admin: true, project: "web" });
    await setVariableGroupSecret(ctx, "web", "web-refs", "Token", "stored-secret-value-0001");
    const puts = (await w.emu.requests()).filter((r) => r.method === "PUT");
    assert.deepStrictEqual(
      puts.map((r) => [r.path, r.query["api-version"], r.status]),
      [[`/${ORG}/_apis/distributedtask/variablegroups/${id}`, "7.1", 200]],
    );

    const noRefs = await rejectionOf(personPut(id, { name: "web-refs", variables: { a: { value: "2" } } }));
    assert.ok(noRefs instanceof ApiError);
    assert.strictEqual(noRefs.status, 401, "answered as reported in MicrosoftDocs/vsts-rest-api-specs#531");
    const noProjectName = await rejectionOf(
      personPut(id, {
        name: "web-refs",
        variables: { a: { value: "2" } },
        variableGroupProjectReferences: [{ name: "web-refs", projectReference: { id: "x" } }],
      }),
    );
    assert.strictEqual((noProjectName as ApiError).status, 400);
    assert.match(noProjectName.message, /Project information name is not valid for variable group\./);
    assert.strictEqual((await w.emu.variableGroup(ORG, id)).variables.a.value, "1", "a refused PUT changed the group");
    const projectLevel = () =>
      w.client().request({
        method: "PUT",
        url: `${collectionUrl()}web/_apis/distributedtask/variablegroups/${id}`,
        apiVersion: "7.1",
        body: {
          name: "web-refs",
          variables: { a: { value: "3" }, Token: { isSecret: true, value: null } },
          variableGroupProjectReferences: [{ name: "web-refs", projectReference: { name: "web" } }],
        },
      });
    assert.strictEqual(((await rejectionOf(projectLevel())) as ApiError).status, 405);
    await w.emu.configure({ acceptProjectLevelVariableGroupPut: true, requireVariableGroupReferences: false });
    await projectLevel();
    await personPut(id, { name: "web-refs", variables: { a: { value: "4" }, Token: { isSecret: true, value: null } } });
    const group = await w.emu.variableGroup(ORG, id);
    assert.strictEqual(group.variables.a.value, "4");
    assert.strictEqual(group.secrets.Token, "stored-secret-value-0001");
  });

  it("a person's change that lands between the write and its confirmation is kept, and the write is made again", async () => {
    const { id } = await w.emu.addVariableGroup(ORG, "web", { name: "web-merge", variables: { keep: { value: "plain" } } });
    const { ctx } = await jobCtx({ admin: true, project: "web" });
    // The person's editor loaded the group before the task wrote to it.
    const stale = (
      await w.client().request<VariableGroup>({
        method: "GET",
        url: `${collectionUrl()}web/_apis/distributedtask/variablegroups/${id}`,
        apiVersion: "7.1",
      })
    ).body;
    await w.emu.addFault({ method: "GET", path: `/variablegroups/${id}$`, kind: "latency", ms: 600, times: 1 });
    const writing = setVariableGroupSecret(ctx, "web", "web-merge", "RefreshToken", "refresh-token-value-0002");
    for (let i = 0; i < 200 && !(await w.emu.requests()).some((r) => r.method === "PUT"); i++) await new Promise((r) => setTimeout(r, 10));
    await personPut(id, { ...stale, variables: { ...stale.variables, Added: { value: "by a person" } } });
    await writing;
    const group = await w.emu.variableGroup(ORG, id);
    assert.strictEqual(group.variables.Added?.value, "by a person", "the person's change was lost");
    assert.strictEqual(group.secrets.RefreshToken, "refresh-token-value-0002", "the task's change was lost");
    assert.strictEqual(group.variables.keep.value, "plain");
    assert.strictEqual(
      (await w.emu.requests()).filter((r) => r.method === "PUT").length,
      3,
      "the task's write, the person's, the task's again",
    );
  });

  it("a write that cannot be confirmed fails naming the group and the project", async () => {
    await w.emu.addVariableGroup(ORG, "web", { name: "web-broken", variables: { a: { value: "1" } } });
    const { ctx } = await jobCtx({ admin: true, project: "web" });
    await w.emu.addFault({ method: "PUT", path: "/variablegroups/", kind: "status", status: 500, times: 3 });
    const e = await rejectionOf(setVariableGroupSecret(ctx, "web", "web-broken", "RefreshToken", "refresh-token-value-0003"));
    assert.match(
      e.message,
      /^Could not confirm the write to the variable group 'web-broken' in project 'web' after 3 attempts \(.*\)\. Check the group in Pipelines > Library and run the task again\.$/,
    );
  });
});
