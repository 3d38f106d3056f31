/** The emulator's service connection routes: what they hide, whom they refuse, and what a PUT must carry. */
import * as assert from "assert";
import type { ServiceEndpoint } from "../../src/api/model";
import { startRawCallFixture, type Fixture } from "./fixture";

describe("emulator: service connections (serviceendpoint 7.1)", function () {
  let f: Fixture;
  before(async () => {
    f = await startRawCallFixture();
  });
  after(async () => f?.emu.stop());

  const get = (token: string, path: string, query: Record<string, string> = {}) =>
    f.call(path, { base: f.emu.devopsUrl, token, query: { "api-version": "7.1", ...query } });
  const put = (token: string, id: string, body: unknown) => f.devopsPut(`/contoso/_apis/serviceendpoint/endpoints/${id}`, token, body);

  /** A UsernamePassword connection of contoso shared with `projects`. */
  const withPassword = (projects: string[], name: string, parameters: Record<string, string>, type = "generic") =>
    f.emu.addServiceEndpoint("contoso", { projects, name, type, scheme: "UsernamePassword", parameters, data: { note: "x" } });

  it("hides confidential parameters, keeps one sent back null, and refuses a PUT without the Administrator role", async () => {
    const { id } = await withPassword(["PatOps"], "feed", { username: "ci", password: "old-secret" }, "externalnpmregistry");
    const user = await f.emu.issueJobToken("contoso", { variableGroupAdmin: false, serviceEndpointAdmin: false, project: "PatOps" });
    const listed = await get(user, "/contoso/PatOps/_apis/serviceendpoint/endpoints", { endpointNames: "FEED" });
    assert.strictEqual(listed.status, 200, listed.text);
    const endpoint = listed.json<{ value: ServiceEndpoint[] }>().value[0];
    assert.deepStrictEqual(endpoint.authorization, { scheme: "UsernamePassword", parameters: { username: "ci", password: null } });

    const denied = await put(user, id, {
      ...endpoint,
      authorization: { scheme: "UsernamePassword", parameters: { username: "ci", password: "new" } },
    });
    assert.strictEqual(denied.status, 403);
    assert.match(
      String(denied.json().message),
      /^Access denied\. PatOps Build Service \(contoso\) needs Administrator permissions on the service endpoint feed/,
    );
    assert.strictEqual((await f.emu.serviceEndpoint(id)).parameters.password, "old-secret");

    const admin = await f.emu.issueJobToken("contoso", { variableGroupAdmin: false, serviceEndpointAdmin: true, project: "PatOps" });
    const kept = await put(admin, id, { ...endpoint, description: "changed" });
    assert.strictEqual(kept.status, 200, kept.text);
    assert.deepStrictEqual(
      [(await f.emu.serviceEndpoint(id)).parameters, (await f.emu.serviceEndpoint(id)).description],
      [{ username: "ci", password: "old-secret" }, "changed"],
    );
  });

  it("refuses a PUT without project references, and a project-limited job sees no other project's connection", async () => {
    const { id } = await withPassword(["Other"], "elsewhere", { username: "u", password: "p" });
    const admin = await f.emu.issueJobToken("contoso", { variableGroupAdmin: false, serviceEndpointAdmin: true });
    const byId = await get(admin, `/contoso/PatOps/_apis/serviceendpoint/endpoints/${id}`);
    assert.strictEqual(byId.json<ServiceEndpoint>().serviceEndpointProjectReferences?.[0].projectReference.name, "Other");
    const limited = await f.emu.issueJobToken("contoso", { variableGroupAdmin: false, serviceEndpointAdmin: true, project: "PatOps" });
    const hidden = await get(limited, `/contoso/PatOps/_apis/serviceendpoint/endpoints/${id}`);
    assert.deepStrictEqual([hidden.status, hidden.text], [200, ""]);
    const unshared = { ...byId.json<ServiceEndpoint>(), serviceEndpointProjectReferences: undefined };
    const refused = await put(admin, id, unshared);
    assert.strictEqual(refused.status, 400);
    assert.match(String(refused.json().message), /serviceEndpointProjectReferences must name the projects/);
    assert.deepStrictEqual((await f.emu.serviceEndpoint(id)).projects, ["Other"]);
  });
});
