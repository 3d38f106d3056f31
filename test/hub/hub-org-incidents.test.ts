/**
 * The organization view's audit log panel in headless Chromium (XDM test host) against the emulator: PATs found in
 * public or revoked by Azure DevOps in the last 30 days, with user and date; a sign-in without vso.auditlog is told
 * so in a sentence and sends no audit log request; a refusal from Azure DevOps is told in words.
 */
import * as assert from "assert";
import type { Emulator } from "../emulator/client";
import { RECOMMENDED_PERMISSIONS } from "../emulator/wire-types";
import type { HubHost } from "../host/hub-host";
import { DAY_MS } from "../support/days";
import { addTokenAdmin } from "../support/token-admin";
import { hubSuite } from "./hub-suite";

const AUDIT_CLIENT_ID = "3a9e5c71-2b4d-4f60-9e81-0c1d2e3f4a5b";
const PLAIN_CLIENT_ID = "5b8d1e2f-7a6c-4d39-8b20-1f2e3d4c5b6a";
const daysAgo = (d: number) => new Date(Date.now() - d * DAY_MS).toISOString();

describe("hub: leaked and system-revoked PATs in the organization view", function () {
  this.timeout(180_000);
  const suite = hubSuite({ host: false });
  let auditHost: HubHost;
  let plainHost: HubHost;
  let emulator: Emulator;

  before(async () => {
    emulator = suite.emulator;
    await emulator.configure({ auditPageSize: 2 }); // the six events of the last 30 days below come in three pages
    const admin = await addTokenAdmin(emulator, "contoso", { displayName: "Ada Admin", principalName: "ada@contoso.example" });
    await emulator.registerApp({ clientId: AUDIT_CLIENT_ID, azureDevOpsPermissions: [...RECOMMENDED_PERMISSIONS, "vso.auditlog"] });
    await emulator.registerApp({ clientId: PLAIN_CLIENT_ID });
    await emulator.addAuditEvents("contoso", [
      { actionId: "Token.PatPublicDiscoveryEvent", timestamp: daysAgo(2), data: { DisplayName: "leaky-ci", OwnerName: "Bob Builder" } },
      { actionId: "Token.PatSystemRevokeEvent", timestamp: daysAgo(5), data: { DisplayName: "<b>npm-feed</b>", OwnerName: "Cy Calm" } },
      { actionId: "Token.PatCreateEvent", timestamp: daysAgo(1), data: { DisplayName: "fresh" }, actorUPN: "ada@contoso.example" },
      { actionId: "Token.PatExpiredEvent", timestamp: daysAgo(3), data: { DisplayName: "old" } },
      { actionId: "Token.PatRevokeEvent", timestamp: daysAgo(4), data: { DisplayName: "by-hand" }, actorUPN: "ada@contoso.example" },
      { actionId: "Token.PatPublicDiscoveryEvent", timestamp: daysAgo(45), data: { DisplayName: "too-old", OwnerName: "Bob Builder" } },
      { actionId: "Git.RepositoryCreated", timestamp: daysAgo(1) },
    ]);
    auditHost = await suite.startHost({ user: admin, clientId: AUDIT_CLIENT_ID });
    plainHost = await suite.startHost({ user: admin, clientId: PLAIN_CLIENT_ID });
  });

  const openOrganizationTab = async (host: HubHost) => {
    const open = await suite.open(host);
    await emulator.clearRequests();
    await open.hub.locator(".org-tab-organization").click();
    return open.hub;
  };

  it("lists the PATs found in public or revoked by Azure DevOps in the last 30 days, newest first, with user and date", async () => {
    const hub = await openOrganizationTab(auditHost);
    await hub.locator(".org-incidents").getByText("Leaked and system-revoked tokens (audit log, last 30 days)").waitFor();
    const rows = hub.locator(".org-incidents-table .org-incident");
    await rows.first().waitFor();
    const cells = await rows.evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll("td"), (td) => td.textContent)));
    assert.deepStrictEqual(
      cells.map((c) => c.slice(0, 3)),
      [
        ["found in public", "leaky-ci", "Bob Builder"],
        ["revoked by Azure DevOps", "<b>npm-feed</b>", "Cy Calm"],
      ],
    );
    assert.match(cells[0][3] ?? "", new RegExp(`^${daysAgo(2).slice(0, 10)} \\d\\d:\\d\\d$`));
    assert.match(cells[1][3] ?? "", new RegExp(`^${daysAgo(5).slice(0, 10)} \\d\\d:\\d\\d$`));
    // The name is text, not markup.
    assert.strictEqual(await hub.locator(".org-incidents-table b").count(), 0);
    const audit = (await emulator.requests()).filter((r) => /audit\/auditlog/i.test(r.path) && r.method === "GET");
    assert.strictEqual(audit.length, 3, "the audit log was read page by page");
    assert.ok(
      audit.every((r) => r.status === 200 && r.headers.origin !== undefined),
      "read from the hub's frame (cross-origin) and answered",
    );
  });

  it("says in a sentence that the sign-in lacks vso.auditlog, and sends no audit log request", async () => {
    const hub = await openOrganizationTab(plainHost);
    await hub
      .locator(".org-incidents-not-read")
      .filter({ hasText: "The audit log was not read, so leaked tokens are not shown here:" })
      .filter({ hasText: "needs the delegated Azure DevOps permission vso.auditlog" })
      .filter({ hasText: `app registration ${PLAIN_CLIENT_ID}` })
      .waitFor();
    // The rest of the view still works.
    await hub.locator(".org-progress").filter({ hasText: "All 1 users read." }).waitFor({ timeout: 60_000 });
    const audit = (await emulator.requests()).filter((r) => /audit\/auditlog/i.test(r.path));
    assert.deepStrictEqual(audit, [], "no request to the audit log");
  });

  it("says in words when Azure DevOps refuses the audit log (no View audit log permission)", async () => {
    await emulator.addFault({ path: "audit/auditlog", kind: "status", status: 403 });
    const hub = await openOrganizationTab(auditHost);
    await hub
      .locator(".org-incidents-not-read")
      .filter({ hasText: "Azure DevOps does not let you read the audit log of contoso." })
      .filter({ hasText: "It needs the View audit log permission" })
      .filter({ hasText: "Azure DevOps said: Injected fault 403." })
      .waitFor();
    assert.strictEqual(await hub.locator(".org-incidents-table").count(), 0);
  });
});
