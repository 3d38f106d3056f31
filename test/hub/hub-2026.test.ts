/**
 * The hub against the Azure DevOps of 2026: delegated permissions read from its own token before each call,
 * and refusals that reach the frame without CORS headers still told apart from an unreachable service.
 */
import * as assert from "assert";
import { rowAction } from "./browser";
import { hubSuite } from "./hub-suite";

const RECOMMENDED = "3c1b7d4e-5f60-4a71-8b92-a3b4c5d6e7f8";
const READ_ONLY = "5a0c9e1f-2b3d-4c5e-8f70-91a2b3c4d5e6";
const LEGACY = "7e2d4c6b-8a9f-4b1c-9d0e-f1a2b3c4d5e7";

describe("hub: delegated permissions and refusals without CORS", function () {
  this.timeout(180_000);
  const world = hubSuite({ host: { clientId: RECOMMENDED } });

  before(async () => {
    await world.emulator.registerApp({ clientId: READ_ONLY, azureDevOpsPermissions: ["vso.pats"] });
    await world.emulator.registerApp({ clientId: LEGACY, azureDevOpsPermissions: ["user_impersonation"] });
    await world.addPat("nightly-build", 20);
  });

  it("a read-only registration lists, and an action names vso.pats_manage and the app registration before calling", async () => {
    const { hub } = await world.open(await world.startHost({ clientId: READ_ONLY }));
    await hub.locator(".pat-name", { hasText: "nightly-build" }).waitFor();
    await world.emulator.clearRequests();
    await rowAction(hub, "nightly-build", "Extend");
    await hub.getByRole("combobox", { name: "New expiration date", exact: true }).selectOption({ label: "60 days" });
    await hub.getByRole("button", { name: "Extend", exact: true }).click();
    const error = hub.locator(".pat-dialog-error");
    await error.waitFor();
    assert.strictEqual(
      await error.innerText(),
      "Creating, extending and revoking PATs needs the delegated Azure DevOps permission vso.pats_manage, which this page's sign-in " +
        `(app registration ${READ_ONLY}) does not have (it has: vso.pats). An administrator adds it in the Entra admin center > App registrations > ` +
        `${READ_ONLY} > API permissions > Add a permission > Azure DevOps > Delegated permissions, and grants admin consent; then reload this page.`,
    );
    assert.ok(!(await world.emulator.requests()).some((r) => r.method === "PUT"), "no update was sent");
  });

  it("a legacy user_impersonation registration is told to add vso.pats instead of an empty or failed list", async () => {
    const error = (await world.open(await world.startHost({ clientId: LEGACY }))).hub.locator(".pat-load-error");
    await error.waitFor();
    assert.match(
      await error.innerText(),
      new RegExp(
        "Your tokens could not be loaded\\. Listing your PATs needs the delegated Azure DevOps permission vso\\.pats, which this page's sign-in " +
          `\\(app registration ${LEGACY}\\) does not have \\(it has: user_impersonation\\)\\.`,
      ),
    );
  });

  it("a 401 that reaches the frame without CORS headers says the sign-in was not accepted; a dead connection says unreachable", async () => {
    // Not a member of the organization: Azure DevOps answers 401 TF400813, without CORS headers (the default).
    const outsider = await world.emulator.addUser({
      displayName: "Eve Outsider",
      principalName: "eve@elsewhere.example",
      organizations: [],
    });
    const refused = (await world.open(await world.startHost({ clientId: RECOMMENDED, user: outsider }))).hub.locator(".pat-load-error");
    await refused.waitFor();
    assert.strictEqual(
      (await refused.innerText()).split("\n")[0],
      "Your tokens could not be loaded. Azure DevOps did not accept your sign-in. Reload the page to sign in again.",
    );
    const answers = (await world.emulator.requests()).filter((r) => /tokens\/pats$/i.test(r.path) && r.method === "GET");
    assert.ok(
      answers.some((r) => r.status === 401),
      "the service did answer 401",
    );

    await world.emulator.addFault({ path: "/_apis/tokens/pats$", kind: "drop", times: 100 });
    const unreachable = (await world.open()).hub.locator(".pat-load-error");
    await unreachable.waitFor({ timeout: 120_000 });
    assert.strictEqual(
      (await unreachable.innerText()).split("\n")[0],
      "Your tokens could not be loaded. Azure DevOps could not be reached. Check your connection and try again.",
    );
  });
});
