/** Extend, revoke, rotate and create from the hub change the emulator's state; the new secret is shown once. */
import * as assert from "assert";
import { pickCustomExpiry, rowAction } from "./browser";
import { hubSuite } from "./hub-suite";
import { DAY_MS } from "../support/days";

/** "YYYY-MM-DD", `days` from now (UTC). */
const dayFromNow = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString().slice(0, 10);
/** A day as the hub writes it: "15 Jan 2027". */
const shownDay = (day: string) =>
  new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }).format(Date.parse(day));

const CLIENT_ID = "3c1b7d4e-5f60-4a71-8b92-a3b4c5d6e7f8";

describe("hub: actions on PATs", function () {
  this.timeout(180_000);
  const world = hubSuite({ host: { clientId: CLIENT_ID } });
  const addPat = world.addPat;

  it("extends a PAT to the date picked in the calendar, and by a preset", async () => {
    const pat = await addPat("extend-me", 5);
    const { hub } = await world.open();
    await rowAction(hub, "extend-me", "Extend");
    const picker = hub.getByRole("combobox", { name: "New expiration date", exact: true });
    assert.strictEqual(await picker.inputValue(), "30", "opens on the first preset past the current expiry");
    const target = dayFromNow(200);
    await pickCustomExpiry(hub, "New expiration date", target);
    await hub.getByText(`Expires on ${shownDay(target)}.`, { exact: true }).waitFor();
    await hub.getByRole("button", { name: "Extend", exact: true }).click();
    await hub
      .locator(".pat-notice")
      .filter({ hasText: `“extend-me” now expires on ${shownDay(target)}.` })
      .waitFor();

    const after = (await world.pats()).find((p) => p.authorizationId === pat.authorizationId);
    assert.ok(after);
    assert.strictEqual(Date.parse(after.validTo), Date.parse(`${target}T23:59:59Z`), "the end of the day picked");
    assert.strictEqual(after.token, pat.token, "extending keeps the secret");

    await rowAction(hub, "extend-me", "Extend");
    assert.strictEqual(await picker.inputValue(), "custom", "no preset reaches past day 200: a custom date 30 days on");
    await picker.selectOption({ label: "60 days" });
    await hub.getByRole("button", { name: "Extend", exact: true }).click();
    await hub
      .locator(".pat-notice")
      .filter({ hasText: `now expires on ${shownDay(dayFromNow(60))}.` })
      .waitFor();
    const shortened = (await world.pats()).find((p) => p.authorizationId === pat.authorizationId);
    assert.strictEqual(shortened?.validTo.slice(0, 10), dayFromNow(60));
  });

  it("refuses a date more than a year away before asking the service, in words", async () => {
    await addPat("extend-too-far", 5);
    const { hub } = await world.open();
    await rowAction(hub, "extend-too-far", "Extend");
    await pickCustomExpiry(hub, "New expiration date", dayFromNow(400));
    await hub.getByText(`Pick a date from tomorrow to ${shownDay(dayFromNow(364))}.`, { exact: true }).waitFor();
    assert.ok(await hub.getByRole("button", { name: "Extend", exact: true }).isDisabled());
  });

  it("creates a PAT expiring on the date picked in the calendar, and refuses one out of range in words", async () => {
    const { hub } = await world.open();
    await hub.getByRole("menuitem", { name: "New token" }).click();
    await hub.getByRole("textbox", { name: "Name", exact: true }).fill("picked-date");
    await hub.getByRole("checkbox", { name: "Work items (read)", exact: true }).check();
    await pickCustomExpiry(hub, "Expiration date", dayFromNow(366));
    await hub.getByText(`Pick a date from tomorrow to ${shownDay(dayFromNow(364))}.`, { exact: true }).waitFor();
    await hub.getByRole("button", { name: "Create", exact: true }).click();
    assert.strictEqual((await world.pats()).filter((p) => p.displayName === "picked-date").length, 0, "nothing created");

    const target = dayFromNow(45);
    await hub.getByLabel("Custom expiration date", { exact: true }).fill(target);
    await hub.getByText(`Expires on ${shownDay(target)}.`, { exact: true }).waitFor();
    await hub.getByRole("button", { name: "Create", exact: true }).click();
    await hub.getByRole("textbox", { name: "New token", exact: true }).waitFor();
    const created = (await world.pats()).find((p) => p.displayName === "picked-date");
    assert.ok(created);
    assert.strictEqual(Date.parse(created.validTo), Date.parse(`${target}T23:59:59Z`), "the end of the day picked");
    await hub.getByRole("button", { name: "Copy" }).click();
    await hub.getByRole("button", { name: "I have copied the token" }).click();
  });

  it("keeps to the organization's maximum lifespan once the service has shortened a date", async () => {
    await world.emulator.setPolicy({ maxLifespanDays: 40, clampLifespan: true });
    try {
      const pat = await addPat("policy-40", 5);
      const { hub } = await world.open();
      await rowAction(hub, "policy-40", "Extend");
      await hub.getByRole("combobox", { name: "New expiration date", exact: true }).selectOption({ label: "90 days" });
      await hub.getByRole("button", { name: "Extend", exact: true }).click();
      const lastDay = (await world.pats()).find((p) => p.authorizationId === pat.authorizationId)?.validTo;
      assert.ok(lastDay && lastDay < `${dayFromNow(40)}T23:59:59Z`, `the service clamped the date: ${lastDay}`);
      await hub
        .locator(".pat-notice")
        .filter({ hasText: `now expires on ${shownDay(lastDay.slice(0, 10))}.` })
        .waitFor();

      await hub.getByRole("menuitem", { name: "New token" }).click();
      const picker = hub.getByRole("combobox", { name: "Expiration date", exact: true });
      assert.deepStrictEqual(await picker.locator("option").allInnerTexts(), ["30 days", "Custom date…"], "no preset past 40 days");
      await pickCustomExpiry(hub, "Expiration date", dayFromNow(50));
      // Its last second within 40 days of now: day 39.
      await hub.getByText(`Pick a date from tomorrow to ${shownDay(dayFromNow(39))}.`, { exact: true }).waitFor();
    } finally {
      await world.emulator.setPolicy({ maxLifespanDays: null, clampLifespan: false });
    }
  });

  it("revokes a PAT only after the user confirms", async () => {
    const pat = await addPat("revoke-me", 30);
    const { hub } = await world.open();
    await rowAction(hub, "revoke-me", "Revoke");
    await hub.getByText("Anything still using this token stops working immediately.", { exact: false }).waitFor();
    await hub.getByRole("button", { name: "Cancel" }).click();
    assert.strictEqual((await world.pats()).find((p) => p.authorizationId === pat.authorizationId)?.revoked, false);

    await rowAction(hub, "revoke-me", "Revoke");
    await hub.getByRole("button", { name: "Revoke token" }).click();
    await hub.locator(".pat-notice").filter({ hasText: "“revoke-me” was revoked." }).waitFor();
    assert.strictEqual((await world.pats()).find((p) => p.authorizationId === pat.authorizationId)?.revoked, true);
    assert.strictEqual(await hub.locator(".pat-name", { hasText: /^revoke-me$/ }).count(), 0, "gone from the Active list");
  });

  it("rotates a PAT through the rotation core and shows the new secret once", async () => {
    const old = await addPat("rotate-me", 4, { scope: "vso.code vso.packaging", global: true });
    const { hub } = await world.open();
    await rowAction(hub, "rotate-me", "Rotate");
    await hub.getByRole("textbox", { name: "New token valid for (days)" }).fill("45");
    await hub.getByRole("button", { name: "Rotate token" }).click();

    const secretBox = hub.getByRole("textbox", { name: "New token", exact: true });
    await secretBox.or(hub.locator(".pat-dialog-error")).waitFor({ timeout: 60_000 });
    if (await hub.locator(".pat-dialog-error").count()) assert.fail(await hub.locator(".pat-dialog-error").innerText());
    const pats = await world.pats();
    const replacement = pats.find((p) => p.displayName === "rotate-me" && p.authorizationId !== old.authorizationId);
    assert.ok(replacement, `a new PAT with the same name exists: ${JSON.stringify(pats.map((p) => [p.displayName, p.revoked]))}`);
    assert.strictEqual(await secretBox.inputValue(), replacement.token, "the secret shown is the new PAT's");
    assert.strictEqual(replacement.scope, "vso.code vso.packaging");
    assert.deepStrictEqual(replacement.targetAccounts, [world.host.organization.id], "a global PAT comes back organization-scoped");
    assert.strictEqual(pats.find((p) => p.authorizationId === old.authorizationId)?.revoked, true, "the old PAT is revoked");
    await hub.getByText("This is the only time the token is shown.", { exact: false }).waitFor();
    await hub.getByText("valid in this organization only", { exact: false }).waitFor();
    assert.ok(await hub.getByRole("button", { name: "Copy" }).isVisible());

    await hub.getByRole("button", { name: "Copy" }).click();
    await hub.getByRole("button", { name: "I have copied the token" }).click();
    await hub.locator(".pat-notice").filter({ hasText: "“rotate-me” was rotated." }).waitFor();
    const frameHtml = await hub.locator("html").innerHTML();
    assert.ok(!frameHtml.includes(replacement.token), "the secret is gone from the page once the dialog closes");
  });

  it("keeps the old PAT when the new one does not work, and says so", async () => {
    const old = await addPat("rotate-fails", 4);
    await world.emulator.addFault({ path: "/_apis/connectionData$", kind: "status", status: 401 });
    try {
      const { hub } = await world.open();
      await rowAction(hub, "rotate-fails", "Rotate");
      await hub.getByRole("button", { name: "Rotate token" }).click();
      const error = hub.locator(".pat-dialog-error");
      await error.waitFor({ timeout: 60_000 });
      assert.strictEqual(
        await error.locator(".pat-error-sentence").innerText(),
        "The token was not rotated: the new token did not work, so it was revoked again and the old one still works.",
      );
      const pats = (await world.pats()).filter(
        (p) => p.displayName.startsWith("rotate-fails") || p.authorizationId === old.authorizationId,
      );
      assert.strictEqual(pats.find((p) => p.authorizationId === old.authorizationId)?.revoked, false, "the old PAT still works");
      assert.ok(
        pats.filter((p) => p.authorizationId !== old.authorizationId).every((p) => p.revoked),
        "the new PAT was rolled back",
      );
      assert.strictEqual(await hub.getByRole("textbox", { name: "New token", exact: true }).count(), 0, "no secret shown");
    } finally {
      await world.emulator.clearFaults();
    }
  });

  it("creates a PAT and shows its secret once", async () => {
    const { hub } = await world.open();
    await hub.getByRole("menuitem", { name: "New token" }).click();
    await hub.getByRole("textbox", { name: "Name", exact: true }).fill("created-in-hub");
    await hub.getByRole("checkbox", { name: "Work items (read)", exact: true }).check();
    await hub.getByRole("checkbox", { name: "Code (read and write)", exact: true }).check();
    await hub.getByText("Work items (read), Code (read and write)", { exact: false }).waitFor();
    await hub.getByRole("button", { name: "Create", exact: true }).click();

    const secretBox = hub.getByRole("textbox", { name: "New token", exact: true });
    await secretBox.waitFor();
    const created = (await world.pats()).find((p) => p.displayName === "created-in-hub");
    assert.ok(created);
    assert.strictEqual(await secretBox.inputValue(), created.token);
    assert.strictEqual(created.scope, "vso.work vso.code_write");
    assert.deepStrictEqual(created.targetAccounts, [world.host.organization.id]);
    assert.strictEqual(await hub.getByText("All accessible organizations", { exact: false }).count(), 0, "no global option");
    await hub.getByRole("button", { name: "Copy" }).click();
    await hub.getByRole("button", { name: "I have copied the token" }).click();
    await hub.locator(".pat-name", { hasText: /^created-in-hub$/ }).waitFor();
  });

  it("says which policy refused a create, in plain words", async () => {
    await world.emulator.setPolicy({ blockFullScope: true });
    try {
      const { hub } = await world.open();
      await hub.getByRole("menuitem", { name: "New token" }).click();
      await hub.getByRole("textbox", { name: "Name", exact: true }).fill("full-access-attempt");
      await hub.getByRole("checkbox", { name: /^Full access/ }).check();
      await hub.getByText("A full-access token can do everything you can do in Azure DevOps.", { exact: false }).waitFor();
      await hub.getByRole("button", { name: "Create", exact: true }).click();
      const error = hub.locator(".pat-dialog-error");
      await error.waitFor();
      assert.strictEqual(
        await error.locator(".pat-error-sentence").innerText(),
        "The organization's 'Restrict full-scoped PAT creation' policy forbids full access (app_token): choose specific scopes.",
      );
      assert.strictEqual((await world.pats()).filter((p) => p.displayName === "full-access-attempt").length, 0);
    } finally {
      await world.emulator.setPolicy({ blockFullScope: false });
    }
  });
});
