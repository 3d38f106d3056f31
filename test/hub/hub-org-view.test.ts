/**
 * The hub's organization view in headless Chromium (XDM test host) against the emulator: asks Token Admin and says
 * plainly when the user is not a token administrator; rows stream in page by page; flags, filters, sort, CSV export;
 * revoking selected PATs through Token Admin after a confirmation that lists them; a throttled scan says so and ends.
 */
import * as assert from "assert";
import * as fs from "fs";
import type { Browser } from "playwright-core";
import type { Emulator, EmuUser } from "../emulator/client";
import type { HubHost } from "../host/hub-host";
import { closeHubWithoutSecrets, openHub, type OpenHub } from "./browser";
import { hubSuite } from "./hub-suite";
import { DAY_MS } from "../support/days";

const CLIENT_ID = "7d2c1b4e-5f60-4a71-8b92-a3b4c5d6e7f9";
const USERS = 30;

describe("hub: the organization view in the browser", function () {
  this.timeout(180_000);
  const world = hubSuite({ host: false });
  let emulator: Emulator;
  let browser: Browser;
  let adminHost: HubHost;
  let memberHost: HubHost;
  let open: OpenHub | undefined;
  const secrets: string[] = [];
  const users: EmuUser[] = [];

  before(async () => {
    ({ emulator, browser } = world);
    await emulator.configure({ graphPageSize: 5 }); // six Graph pages: rows must show before the last one
    const admin = await emulator.addUser({
      displayName: "Ada Admin",
      principalName: "ada@contoso.example",
      organizations: ["contoso"],
      tokenAdminOf: ["contoso"],
    });
    const member = await emulator.addUser({ displayName: "Max Member", principalName: "max@contoso.example", organizations: ["contoso"] });
    const now = Date.now();
    for (let i = 0; i < USERS; i++) {
      const u = await emulator.addUser({
        displayName: `User ${String(i).padStart(2, "0")}`,
        principalName: `user${i}@contoso.example`,
        organizations: ["contoso"],
      });
      users.push(u);
      const pat = (name: string, days: number, extra: Record<string, unknown> = {}) =>
        emulator.addPat(u.id, {
          displayName: name,
          validFrom: new Date(now - 10 * DAY_MS).toISOString(),
          validTo: new Date(now + days * DAY_MS).toISOString(),
          organizations: ["contoso"],
          scope: "vso.code",
          ...extra,
        });
      secrets.push((await pat(`u${i}-ci`, 60 + i)).token);
      if (i === 3) secrets.push((await pat("=cmd|' /C calc'!A0", 5)).token);
      if (i === 7) secrets.push((await pat("everything", 100, { scope: "app_token" })).token);
      if (i === 9) secrets.push((await pat("all-orgs", 200, { organizations: "global" })).token);
      if (i === 11) secrets.push((await pat("gone", -2)).token);
      if (i === 12) secrets.push((await pat("year-long", 300, { validFrom: new Date(now - 100 * DAY_MS).toISOString() })).token);
    }
    adminHost = await world.startHost({ user: admin, clientId: CLIENT_ID });
    memberHost = await world.startHost({ user: member, clientId: CLIENT_ID });
  });

  afterEach(async () => {
    await closeHubWithoutSecrets(open, [...secrets, ...adminHost.issuedTokens, ...memberHost.issuedTokens]);
    open = undefined;
  });

  it("says plainly when the user is not a token administrator", async () => {
    open = await openHub(browser, memberHost);
    await open.hub.locator(".org-tab-organization").click();
    await open.hub
      .locator(".org-not-admin")
      .filter({ hasText: "You are not a token administrator of contoso, so this view cannot list other people's tokens." })
      .waitFor();
  });

  it("streams every user's PATs with flags; filters, sorts and exports them", async () => {
    await emulator.clearRequests();
    open = await openHub(browser, adminHost);
    const { hub, page } = open;
    await hub.locator(".org-tab-organization").click();
    // Progressive: some rows are on screen while Graph pages are still being read.
    await hub.locator(".org-row").first().waitFor();
    await hub
      .locator(".org-progress")
      .filter({ hasText: `All ${USERS + 2} users read.` })
      .waitFor({ timeout: 60_000 });
    const graphPages = (await emulator.requests()).filter((r) => /graph\/users/i.test(r.path)).length;
    assert.ok(graphPages >= 6, `graph was paged: ${graphPages}`);
    await hub
      .locator(".org-count")
      .filter({ hasText: `${USERS + 5} of ${USERS + 5} tokens shown` })
      .waitFor();

    const flagsOf = async (name: string) =>
      hub
        .locator(".org-row", { has: hub.locator(".org-name", { hasText: name }) })
        .locator(".org-flags")
        .innerText();
    assert.strictEqual(await flagsOf("everything"), "full scope");
    assert.match(await flagsOf("all-orgs"), /^global, (expiring|expired)$/); // global PATs end 2026-12-01
    assert.strictEqual(await flagsOf("gone"), "expired");
    await hub.getByRole("textbox", { name: "Maximum lifetime policy (days)" }).fill("90");
    assert.match(await flagsOf("year-long"), /lifetime beyond policy/);

    await hub.locator(".org-flag-filter-fullScope input").check();
    assert.deepStrictEqual(await hub.locator(".org-row .org-name").allInnerTexts(), ["everything"]);
    await hub.locator(".org-flag-filter-fullScope input").uncheck();
    await hub.getByRole("textbox", { name: "Filter by user" }).fill("user1@");
    assert.deepStrictEqual(await hub.locator(".org-row .org-name").allInnerTexts(), ["u1-ci"]);
    await hub.getByRole("textbox", { name: "Filter by user" }).fill("User 0");
    await hub.locator(".org-sort-user").click();
    const byUser = await hub.locator(".org-row .org-user").allInnerTexts();
    assert.deepStrictEqual(byUser, [...byUser].sort(), "sorted by user");
    await hub.locator(".org-sort-user").click();
    assert.deepStrictEqual(await hub.locator(".org-row .org-user").allInnerTexts(), [...byUser].reverse(), "descending on a second click");

    await hub.getByRole("textbox", { name: "Filter by user" }).fill("user3@");
    const download = page.waitForEvent("download");
    await hub.locator(".org-export button, button.org-export").first().click();
    const csv = fs.readFileSync((await (await download).path()) as string, "utf8");
    const lines = csv.trim().split("\r\n");
    assert.strictEqual(lines[0], "User,Principal name,PAT,Scope,Expires (UTC),Status,Flags,Authorization id");
    assert.ok(
      lines.some((l) => l.startsWith("User 03,user3@contoso.example,'=cmd|' /C calc'!A0,vso.code,")),
      csv,
    );
  });

  it("revokes the selected PATs through Token Admin after a confirmation that lists them", async () => {
    open = await openHub(browser, adminHost);
    const { hub } = open;
    await hub.locator(".org-tab-organization").click();
    await hub.locator(".org-progress").filter({ hasText: "users read." }).filter({ hasText: "All" }).waitFor({ timeout: 60_000 });
    await hub.getByRole("textbox", { name: "Filter by user" }).fill("user2");
    await hub
      .locator(".org-row", { has: hub.locator(".org-name", { hasText: /^u2-ci$/ }) })
      .locator(".org-select")
      .check();
    await hub
      .locator(".org-row", { has: hub.locator(".org-name", { hasText: /^u20-ci$/ }) })
      .locator(".org-select")
      .check();
    await hub.locator(".org-revoke button, button.org-revoke").first().click();
    const list = await hub.locator(".org-confirm-list li").allInnerTexts();
    assert.deepStrictEqual(list.sort(), ["u2-ci — User 02 (user2@contoso.example)", "u20-ci — User 20 (user20@contoso.example)"]);
    await hub.getByRole("button", { name: "Revoke", exact: true }).click();
    await hub.locator(".org-revoked").filter({ hasText: "2 token(s) revoked." }).waitFor();
    const revoked = (await emulator.pats())
      .filter((p) => p.revoked)
      .map((p) => p.displayName)
      .sort();
    assert.deepStrictEqual(revoked, ["u2-ci", "u20-ci"]);
    assert.ok(!(await hub.locator(".org-row .org-name").allInnerTexts()).includes("u2-ci"));
  });

  it("says when Azure DevOps throttles the scan, and keeps going to the end", async () => {
    await emulator.setRateLimit({ budget: 10, windowMs: 1000, mode: "delay" });
    try {
      open = await openHub(browser, adminHost);
      const { hub } = open;
      await hub.locator(".org-tab-organization").click();
      await hub
        .locator(".org-throttled")
        .filter({ hasText: "Azure DevOps is slowing this scan down (rate limit); it keeps going" })
        .waitFor({ timeout: 60_000 });
      await hub
        .locator(".org-progress")
        .filter({ hasText: `All ${USERS + 2} users read.` })
        .waitFor({ timeout: 90_000 });
    } finally {
      await emulator.setRateLimit(null);
    }
  });
});
