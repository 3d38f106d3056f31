/**
 * Microsoft's own azure-devops-node-api, unmodified, against the emulator: it discovers locations first
 * (OPTIONS per area, ResourceAreas), then reads connection data and variable groups. It must see what
 * src/api sees on the same data, and an update it makes must be what src/api reads back.
 */
import * as assert from "assert";
import { WebApi, getBearerHandler } from "azure-devops-node-api";
import { getConnectionData } from "../../src/api/connection";
import { HttpClient } from "../../src/api/http";
import { bearer } from "../../src/api/credential";
import { findVariableGroup } from "../../src/api/variablegroups";
import { startEmulator, type Emulator } from "../emulator/client";

const PROJECT = "PatOps";

describe("azure-devops-node-api against the emulator (location discovery)", function () {
  this.timeout(60_000);
  let emu: Emulator;
  let jobToken: string;
  let groupId: number;

  before(async () => {
    emu = await startEmulator();
    emu.trustInThisProcess();
    await emu.addOrganization("contoso");
    await emu.addUser({ displayName: "Ada Lovelace", principalName: "ada@contoso.test", organizations: ["contoso"] });
    groupId = (
      await emu.addVariableGroup("contoso", PROJECT, {
        name: "deploy-secrets",
        variables: { DeployPat: { value: "s3cret-value", isSecret: true }, Region: { value: "westeurope", isSecret: false } },
      })
    ).id;
    jobToken = await emu.issueJobToken("contoso", { variableGroupAdmin: true });
  });
  after(async () => emu?.stop());
  afterEach(async () => emu.setFidelity({ locationDiscovery: true }));

  const official = () => new WebApi(`${emu.devopsUrl}/contoso`, getBearerHandler(jobToken), { cert: { caFile: emu.caFile } });
  const ours = () => ({ http: new HttpClient({ credential: bearer(() => jobToken) }), collectionUrl: `${emu.devopsUrl}/contoso/` });

  it("connection data: the same authenticated identity, and the collection's public access point", async () => {
    const theirs = await official().connect();
    const mine = await getConnectionData(ours());
    assert.strictEqual(theirs.authenticatedUser?.id, mine.authenticatedUser.id);
    assert.strictEqual(theirs.authenticatedUser?.providerDisplayName, mine.authenticatedUser.providerDisplayName);
    assert.strictEqual(theirs.locationServiceData?.accessMappings?.[0]?.accessPoint, `${emu.devopsUrl}/contoso/`);
  });

  it("variable groups list, get and update: discovered through OPTIONS and ResourceAreas, seen as src/api sees them", async () => {
    await emu.clearRequests();
    const taskAgent = await official().getTaskAgentApi();
    const listed = await taskAgent.getVariableGroups(PROJECT, "deploy-*");
    const got = await taskAgent.getVariableGroup(PROJECT, groupId);
    const mine = await findVariableGroup(ours(), PROJECT, "deploy-secrets");
    assert.deepStrictEqual(
      listed.map((g) => g.id),
      [groupId],
    );
    for (const theirs of [listed[0], got]) {
      assert.strictEqual(theirs.id, mine.id);
      assert.strictEqual(theirs.name, mine.name);
      assert.deepStrictEqual(theirs.variables, mine.variables);
    }
    assert.deepStrictEqual(mine.variables.DeployPat, { isSecret: true, value: null });

    const updated = await taskAgent.updateVariableGroup(
      {
        name: got.name,
        description: got.description,
        type: got.type,
        variables: { ...got.variables, Region: { value: "northeurope", isSecret: false } },
        variableGroupProjectReferences: got.variableGroupProjectReferences ?? [
          { name: got.name, projectReference: { id: "", name: PROJECT } },
        ],
      },
      groupId,
    );
    assert.strictEqual(updated.variables?.Region?.value, "northeurope");
    const after = await findVariableGroup(ours(), PROJECT, String(groupId));
    assert.strictEqual(after.variables.Region.value, "northeurope");
    assert.strictEqual((await emu.variableGroup("contoso", groupId)).secrets.DeployPat, "s3cret-value", "the secret sent as null was kept");

    const log = (await emu.requests()).filter((r) => r.service === "devops").map((r) => `${r.method} ${r.path} ${r.status}`);
    assert.ok(log.includes("OPTIONS /contoso/_apis/Location 200"), log.join("\n"));
    assert.ok(
      log.some((l) => /^GET \/contoso\/_apis\/ResourceAreas 200$/.test(l)),
      log.join("\n"),
    );
    assert.ok(log.includes("OPTIONS /contoso/_apis/distributedtask 200"), log.join("\n"));
    assert.ok(log.includes(`PUT /contoso/_apis/distributedtask/variablegroups/${groupId} 200`), log.join("\n"));
  });

  it("without location discovery (switch off) the official client cannot even find the area", async () => {
    await emu.setFidelity({ locationDiscovery: false });
    await assert.rejects(
      official()
        .getTaskAgentApi()
        .then((t) => t.getVariableGroups(PROJECT)),
    );
  });
});
