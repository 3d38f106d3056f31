/** The hub's list in headless Chromium against the emulator: pages, filter, search, sort, hostile names, screenshot. */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import type { FrameLocator } from "playwright-core";
import { addSamplePats, SAMPLE_PATS } from "../host/sample-pats";
import { rowAction, rowNames, scrollToEnd } from "./browser";
import { hubSuite } from "./hub-suite";
import { DAY_MS } from "../support/days";

const CLIENT_ID = "3c1b7d4e-5f60-4a71-8b92-a3b4c5d6e7f8";
const HOSTILE_NAME = "<img src=x onerror=alert(1)>";
const REPO_ROOT = path.resolve(__dirname, "..", "..", "..");

describe("hub: the PAT list in the browser", function () {
  this.timeout(180_000);
  const world = hubSuite({ host: { clientId: CLIENT_ID } });

  before(async () => {
    const now = Date.now();
    // 230 active PATs (three pages of 100), plus expired, revoked and a hostile name.
    for (let i = 0; i < 230; i++) {
      await world.emulator.addPat(world.host.user.id, {
        displayName: `build-agent-${String(i).padStart(3, "0")}`,
        scope: i % 4 === 0 ? "app_token" : "vso.code vso.build_execute",
        validFrom: new Date(now - (300 - i) * DAY_MS).toISOString(),
        // Expiry order differs from name order, so sorting by Expires is visible.
        validTo: new Date(now + (((i * 37) % 230) + 1) * DAY_MS).toISOString(),
        organizations: i % 10 === 0 ? "global" : [world.organization.name],
      });
    }
    for (const name of ["old-deploy-key", "legacy-feed-reader"]) {
      await world.emulator.addPat(world.host.user.id, { displayName: name, validTo: new Date(now - 3 * DAY_MS).toISOString() });
    }
    await world.emulator.addPat(world.host.user.id, {
      displayName: "leaked-token",
      validTo: new Date(now + 40 * DAY_MS).toISOString(),
      revoked: true,
    });
    await world.emulator.addPat(world.host.user.id, { displayName: HOSTILE_NAME, validTo: new Date(now + 9 * DAY_MS).toISOString() });
  });

  it("shows the first page, then loads the next pages through the continuation token as the user scrolls", async () => {
    await world.emulator.clearRequests();
    const { hub } = await world.open();
    await hub.locator(".pat-count").filter({ hasText: "100 tokens loaded, more below" }).waitFor();
    assert.deepStrictEqual((await rowNames(hub)).slice(0, 2), [HOSTILE_NAME, "build-agent-000"]);
    await scrollToEnd(hub);
    assert.strictEqual(await hub.locator(".pat-count").innerText(), "231 tokens");
    // The table renders the rows near the viewport: the last one once the bottom is in view.
    await hub.locator(".pat-table").evaluate((table) => table.scrollIntoView({ block: "end" }));
    await hub.locator(".pat-name", { hasText: "build-agent-229" }).waitFor();

    const lists = (await world.emulator.requests()).filter((r) => r.method === "GET" && /\/_apis\/tokens\/pats$/i.test(r.path));
    assert.strictEqual(lists.length, 3, "three pages of at most 100");
    assert.ok(lists.every((r) => r.query.displayFilterOption === "active" && r.query.$top === "100"));
    assert.strictEqual(lists[0].query.continuationToken, undefined);
    assert.ok(lists[1].query.continuationToken && lists[2].query.continuationToken);
    assert.ok(
      lists.every((r) => r.headers.authorization === "Bearer" && r.status === 200),
      "the Entra token from the host is accepted by the API",
    );
  });

  it("shows status, expiry, scopes and the global flag the way a person reads them", async () => {
    const { hub } = await world.open();
    const row = hub.locator("tr.bolt-table-row", { has: hub.locator(".pat-name", { hasText: /^build-agent-000$/ }) });
    await row.waitFor();
    const text = await row.innerText();
    assert.match(text, /Active|Expiring soon/);
    assert.match(text, /in \d+ days|tomorrow/);
    assert.match(text, /Full access/);
    assert.match(text, /All organizations/);
    assert.match(text, /Global · until 1 Dec 2026/);
    const scoped = hub.locator("tr.bolt-table-row", { has: hub.locator(".pat-name", { hasText: /^build-agent-001$/ }) });
    assert.match(await scoped.innerText(), /Code \(read\), Build \(read and execute\)/);
    assert.match(await scoped.innerText(), /contoso/);
  });

  it("filters by status with the API's displayFilterOption", async () => {
    const { hub } = await world.open();
    await hub.getByRole("tab", { name: "Expired" }).click();
    await hub
      .locator(".pat-count")
      .filter({ hasText: /^2 tokens$/ })
      .waitFor();
    assert.deepStrictEqual(await rowNames(hub), ["legacy-feed-reader", "old-deploy-key"]);
    assert.deepStrictEqual(await hub.locator(".pat-status").allInnerTexts(), ["Expired", "Expired"]);

    await hub.getByRole("tab", { name: "Revoked" }).click();
    await hub
      .locator(".pat-count")
      .filter({ hasText: /^1 token$/ })
      .waitFor();
    assert.deepStrictEqual(await rowNames(hub), ["leaked-token"]);
    assert.deepStrictEqual(await hub.locator(".pat-status").allInnerTexts(), ["Revoked"]);

    // Under "All" the revoked PAT is still called revoked, not active.
    await hub.getByRole("tab", { name: "All" }).click();
    await hub.locator(".pat-count").filter({ hasText: "100 tokens loaded" }).waitFor();
    await searchFor(hub, "leaked", /^1 of 234 tokens match$/);
    assert.deepStrictEqual(await hub.locator(".pat-status").allInnerTexts(), ["Revoked"]);
  });

  it("searches by name across every page", async () => {
    const { hub } = await world.open();
    await hub.locator(".pat-count").filter({ hasText: "more below" }).waitFor();
    await searchFor(hub, "agent-22", /^10 of 231 tokens match$/);
    const names = await rowNames(hub);
    assert.deepStrictEqual(
      names,
      Array.from({ length: 10 }, (_, i) => `build-agent-22${i}`),
    );

    await searchFor(hub, "no such token", "No token matches your search");
    assert.strictEqual(await hub.locator(".pat-table").count(), 0);
  });

  it("sorts by a column, both ways", async () => {
    const { hub } = await world.open();
    await hub.locator(".pat-count").filter({ hasText: "more below" }).waitFor();
    const pats = (await world.emulator.pats(world.host.user.id)).filter((p) => !p.revoked && Date.parse(p.validTo) > Date.now());
    // Expires is when a PAT stops working: a global PAT's validTo, or the global cut-off when that comes first.
    const breaks = (p: (typeof pats)[number]) =>
      Math.min(Date.parse(p.validTo), p.targetAccounts === null ? Date.parse("2026-12-01T00:00:00Z") : Infinity);
    const byExpiry = [...pats].sort((a, b) => breaks(a) - breaks(b) || 0).map((p) => p.displayName);

    await hub.getByRole("columnheader", { name: /Expires/ }).click();
    await hub
      .locator(".pat-count")
      .filter({ hasText: /^231 tokens$/ })
      .waitFor();
    assert.deepStrictEqual((await rowNames(hub)).slice(0, 5), byExpiry.slice(0, 5));

    await hub.getByRole("columnheader", { name: /Expires/ }).click();
    await waitFor(async () => (await rowNames(hub))[0] === byExpiry[byExpiry.length - 1]);

    // Name order comes from the server: descending asks it again with isSortAscending=false.
    await world.emulator.clearRequests();
    await hub.getByRole("columnheader", { name: /Name/ }).click();
    await hub.getByRole("columnheader", { name: /Name/ }).click();
    await waitFor(async () => (await rowNames(hub))[0] === "build-agent-229");
    const lists = (await world.emulator.requests()).filter((r) => /\/_apis\/tokens\/pats$/i.test(r.path));
    assert.ok(lists.some((r) => r.query.isSortAscending === "false" && r.query.sortByOption === "displayName"));
  });

  it("says when the list could not be loaded, in plain words, and tries again on request", async () => {
    await world.emulator.addFault({ method: "GET", path: "/_apis/tokens/pats$", kind: "status", status: 500, times: 1 });
    try {
      const { hub } = await world.open();
      const error = hub.locator(".pat-load-error");
      await error.waitFor();
      assert.strictEqual(
        await error.locator(".pat-error-sentence").innerText(),
        "Your tokens could not be loaded. Azure DevOps had a problem on its side and did not do it. Try again in a few minutes; if it keeps failing, give Microsoft support the details.",
      );
      await error.getByRole("button", { name: "Show details" }).click();
      assert.match(await error.locator(".pat-error-details").innerText(), /Azure DevOps refused to list PATs \(HTTP 500/);
      assert.strictEqual(await hub.locator(".pat-table").count(), 0, 'no table, so no one reads the failure as "no tokens"');
      await hub.getByRole("button", { name: "Try again" }).click();
      await hub.locator(".pat-count").filter({ hasText: "100 tokens loaded" }).waitFor();
    } finally {
      await world.emulator.clearFaults();
    }
  });

  it("says when a person has no PATs under a filter", async () => {
    const newcomer = await world.emulator.addUser({
      displayName: "Alan Turing",
      principalName: "alan@contoso.example",
      organizations: [world.organization.name],
    });
    const { hub } = await world.open(await world.startHost({ user: newcomer, clientId: CLIENT_ID }));
    await hub.getByText("No active personal access tokens").waitFor();
    await hub.getByText("Create one with New token.").waitFor();
    assert.strictEqual(await hub.locator(".pat-table").count(), 0);
  });

  it("renders a PAT named like markup as text", async () => {
    const { hub, dialogs } = await world.open();
    const cell = hub.locator(".pat-name").first();
    await cell.waitFor();
    assert.strictEqual(await cell.innerText(), HOSTILE_NAME);
    assert.strictEqual(await hub.locator("img[src='x']").count(), 0);
    // Dialog titles carry the name too.
    await rowAction(hub, HOSTILE_NAME, "Revoke");
    await hub.getByText(`Revoke “${HOSTILE_NAME}”?`).waitFor();
    assert.strictEqual(await hub.locator("img[src='x']").count(), 0);
    await hub.getByRole("button", { name: "Cancel" }).click();
    assert.deepStrictEqual(dialogs, []);
  });

  it("saves a screenshot of the main view (images/hub-screenshot.png)", async () => {
    // A person's realistic set of tokens, in every state, under "All".
    const grace = await world.emulator.addUser({
      displayName: "Grace Hopper",
      principalName: "grace@contoso.example",
      organizations: [world.organization.name],
    });
    await addSamplePats(world.emulator, grace.id, world.organization.name);
    const { page, hub } = await world.open(await world.startHost({ user: grace, clientId: CLIENT_ID }), { width: 1366, height: 700 });
    await hub.getByRole("tab", { name: "All" }).click();
    await hub
      .locator(".pat-count")
      .filter({ hasText: new RegExp(`^${SAMPLE_PATS.length} tokens$`) })
      .waitFor();
    await hub.locator(".pat-status", { hasText: "Revoked" }).waitFor();
    const file = path.join(REPO_ROOT, "images", "hub-screenshot.png");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    await page.locator("#hub-frame").screenshot({ path: file });
    assert.ok(fs.statSync(file).size > 10_000);
  });
});

/** Types `text` into the search box and waits for what the page then says (the count, or the empty state). */
async function searchFor(hub: FrameLocator, text: string, answer: RegExp | string): Promise<void> {
  await hub.getByRole("textbox", { name: "Search tokens by name" }).fill(text);
  await (typeof answer === "string" ? hub.getByText(answer) : hub.locator(".pat-count").filter({ hasText: answer })).waitFor();
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error("timed out waiting for the table");
    await new Promise((r) => setTimeout(r, 100));
  }
}
