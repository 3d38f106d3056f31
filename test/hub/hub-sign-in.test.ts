/** Sign-in states: NAA missing, client id missing (each user's own, audited, validated; no member can set it for others), consent popup, theme. */
import * as assert from "assert";
import { newExtensionDataStore } from "../host/hub-host";
import { formatDay } from "../../src/hub/pat-hub/relative-day";
import { seriousViolations } from "./axe";
import { type OpenHub } from "./browser";
import { hubSuite } from "./hub-suite";

const CLIENT_ID = "3c1b7d4e-5f60-4a71-8b92-a3b4c5d6e7f8";
const FIELD = "Your Microsoft Entra application (client) id";
const GUID_ERROR = "Enter the application (client) id as a GUID";
const OWN_WARNING = "This applies to you only: everyone else keeps signing in with the organization's app registration";
/** The audit line for a save made between `before` and now (the day may turn during the test). */
const setByAda = (before: number): RegExp =>
  new RegExp(`Client id set by Ada Lovelace on (${formatDay(new Date(before).toISOString())}|${formatDay(new Date().toISOString())})\\.`);

describe("hub: signing in through the host", function () {
  this.timeout(180_000);
  const world = hubSuite({ organization: "fabrikam", host: { clientId: CLIENT_ID } });
  let open: OpenHub | undefined;

  before(() => world.addPat("nightly-build", 20));

  it("signs in silently through NAA with the configured client id", async () => {
    const h = world.host;
    open = await world.open(h);
    await open.hub.locator(".pat-name", { hasText: "nightly-build" }).waitFor();
    const naa = (
      await open.page.evaluate(
        () => (window as unknown as { hubHost: { log: Array<{ instanceId: string; method: string; detail?: string }> } }).hubHost.log,
      )
    ).filter((l) => l.instanceId === "DevOps.NestedAppAuth");
    assert.ok(
      naa.some((l) => l.method === "GetToken" && l.detail === CLIENT_ID),
      "the token request names the configured client id",
    );
    assert.ok(!naa.some((l) => l.method === "GetTokenPopup"), "no popup when silent sign-in works");
  });

  it("says when the host has no Nested App Authentication, instead of an empty table", async () => {
    const { hub, page } = await world.open(await world.startHost({ naa: false, clientId: CLIENT_ID }));
    await hub.getByText("Sign-in is not available in this organization yet").waitFor();
    await hub.getByText("not because you have none", { exact: false }).first().waitFor();
    await hub.getByText("User settings > Personal access tokens", { exact: false }).waitFor();
    assert.deepStrictEqual(await seriousViolations(page), [], "axe: sign-in not available card");
    assert.strictEqual(await hub.locator(".pat-table").count(), 0);
    assert.strictEqual(await hub.locator(".pat-empty").count(), 0);
  });

  it("says when no client id is configured, and works once the user sets their own", async () => {
    const h = await world.startHost();
    const { hub, page } = await world.open(h);
    await hub.getByText("PAT Lifecycle is not configured for this organization").waitFor();
    await hub.getByText("https://dev.azure.com/_public/_MsalPopup", { exact: false }).waitFor();
    assert.deepStrictEqual(await seriousViolations(page), [], "axe: not configured card");
    assert.strictEqual(await hub.locator(".pat-table").count(), 0);
    assert.strictEqual(await hub.locator(".pat-client-id-legacy").count(), 0, "no earlier organization-wide value to mention");

    await hub.locator(".pat-guidance").getByRole("button", { name: "Settings" }).click();
    await hub.getByText(OWN_WARNING, { exact: false }).waitFor();
    await hub.getByText("Enter only the id of an app registration you trust", { exact: false }).waitFor();
    assert.strictEqual(await hub.locator(".pat-client-id-audit").count(), 0, "nothing was ever saved, so no audit line");
    assert.deepStrictEqual(await seriousViolations(page), [], "axe: settings panel");
    const field = hub.getByRole("textbox", { name: FIELD });
    await field.fill("not-a-guid");
    await hub.getByText(GUID_ERROR, { exact: false }).waitFor();
    assert.ok(await hub.getByRole("button", { name: "Save" }).isDisabled(), "a value that is not a GUID cannot be saved");
    await field.fill(CLIENT_ID);
    await hub.getByText(GUID_ERROR, { exact: false }).waitFor({ state: "detached" });
    const before = Date.now();
    await hub.getByRole("button", { name: "Save" }).click();
    await hub.locator(".pat-name", { hasText: "nightly-build" }).waitFor();

    const stored = h.extensionData("User").entraClientId as { clientId: string; setBy: { id: string; displayName: string }; setAt: string };
    assert.deepStrictEqual(Object.keys(h.extensionData("User")), ["entraClientId"], "stored in the user's own (User-scope) extension data");
    assert.deepStrictEqual(h.extensionData("Default"), {}, "nothing stored organization-wide");
    assert.strictEqual(stored.clientId, CLIENT_ID);
    assert.deepStrictEqual(stored.setBy, { id: h.user.id, displayName: "Ada Lovelace" }, "who saved it, from SDK.getUser()");
    assert.ok(Date.parse(stored.setAt) >= before - 1000 && Date.parse(stored.setAt) <= Date.now(), `when it was saved: ${stored.setAt}`);

    // The settings show when the user set their own client id.
    await hub
      .getByRole("menuitem", { name: "Settings" })
      .or(hub.getByRole("button", { name: "Settings" }))
      .first()
      .click();
    await hub.getByText(setByAda(before)).waitFor();
    await hub.getByText(OWN_WARNING, { exact: false }).waitFor();
    assert.strictEqual(await hub.getByRole("textbox", { name: FIELD }).inputValue(), CLIENT_ID);
  });

  it("ignores a stored client id that is not a GUID, says so, and shows who sets the replacement", async () => {
    // A setting saved before who and when were recorded (the first stored shape: the id alone).
    const h = await world.startHost({ clientId: "  not-a-guid ", interactionRequired: true });
    const { hub, page } = await world.open(h);
    await hub.getByText("PAT Lifecycle is not configured for this organization").waitFor();
    await hub.getByText("Your stored client id is not a GUID, so it is ignored.", { exact: false }).waitFor();
    await hub.getByText("who set it, and when, is not known", { exact: false }).waitFor();
    const naa = () =>
      page.evaluate(() =>
        (window as unknown as { hubHost: { log: Array<{ instanceId: string; method: string; detail?: string }> } }).hubHost.log.filter(
          (l) => l.instanceId === "DevOps.NestedAppAuth",
        ),
      );
    assert.ok(!(await naa()).some((l) => l.detail?.includes("not-a-guid")), "the invalid id is never used to sign in");

    await hub.locator(".pat-guidance").getByRole("button", { name: "Settings" }).click();
    assert.strictEqual(await hub.getByRole("textbox", { name: FIELD }).inputValue(), "not-a-guid");
    await hub.getByText(GUID_ERROR, { exact: false }).waitFor();
    await hub.getByRole("textbox", { name: FIELD }).fill(CLIENT_ID);
    const before = Date.now();
    await hub.getByRole("button", { name: "Save" }).click();

    // The consent prompt names who chose the app registration it asks the user to trust.
    await hub.getByText("Sign in to see your tokens").waitFor();
    assert.deepStrictEqual(await seriousViolations(page), [], "axe: sign in card");
    await hub.locator(".pat-guidance").getByText(setByAda(before)).waitFor();
    assert.strictEqual(await hub.locator(".pat-client-id-invalid").count(), 0, "the stored value is valid now");
    assert.ok((await naa()).some((l) => l.method === "GetToken" && l.detail === CLIENT_ID));
  });

  it("asks the user to sign in when the host needs interaction, then uses the popup", async () => {
    const { hub, page } = await world.open(await world.startHost({ clientId: CLIENT_ID, interactionRequired: true }));
    await hub.getByText("Sign in to see your tokens").waitFor();
    assert.deepStrictEqual(await seriousViolations(page), [], "axe: sign in card");
    await hub.getByRole("button", { name: "Sign in" }).click();
    await hub.locator(".pat-name", { hasText: "nightly-build" }).waitFor();
    const methods = (await page.evaluate(() => (window as unknown as { hubHost: { log: Array<{ method: string }> } }).hubHost.log)).map(
      (l) => l.method,
    );
    assert.ok(methods.indexOf("GetToken") < methods.indexOf("GetTokenPopup"), "silent first, then the popup");
  });

  it("follows the host's theme, including a switch to dark", async () => {
    const { hub, page } = await world.open();
    await hub.locator(".pat-name", { hasText: "nightly-build" }).waitFor();
    const background = () => hub.locator("body").evaluate((b) => getComputedStyle(b).backgroundColor);
    assert.strictEqual(await background(), "rgb(248, 248, 248)");
    await page.evaluate(() => (window as unknown as { hubHost: { setTheme(t: string): Promise<void> } }).hubHost.setTheme("dark"));
    assert.strictEqual(await background(), "rgb(27, 26, 25)");
    const text = await hub
      .locator(".pat-name")
      .first()
      .evaluate((e) => getComputedStyle(e).color);
    assert.notStrictEqual(text, "rgb(0, 0, 0)");
  });

  it("can be used with the keyboard alone", async () => {
    const { hub, page } = await world.open();
    await hub.locator(".pat-name", { hasText: "nightly-build" }).waitFor();
    // From the search box: Tab into the table, ArrowDown to the first row, Tab to its actions button.
    const frame = page.frames().find((f) => f.url().includes("/pat-hub/"));
    assert.ok(frame);
    const focusedClass = () =>
      frame.evaluate(() => {
        const e = document.activeElement;
        return `${e?.tagName} ${e?.className} ${e?.getAttribute("aria-label") ?? ""}`;
      });
    await hub.getByRole("textbox", { name: "Search tokens by name" }).focus();
    await page.keyboard.press("Tab");
    assert.match(await focusedClass(), /^TABLE/);
    for (let i = 0; i < 3 && !/^TR/.test(await focusedClass()); i++) await page.keyboard.press("ArrowDown");
    const visited: string[] = [await focusedClass()];
    for (let i = 0; i < 10 && !visited.some((c) => c.includes("Actions for nightly-build")); i++) {
      await page.keyboard.press("Tab");
      visited.push(await focusedClass());
    }
    assert.match(
      await focusedClass(),
      /^BUTTON .* Actions for nightly-build$/,
      `the row actions are reachable with Tab: ${visited.join(" | ")}`,
    );
    await page.keyboard.press("Enter");
    await hub.getByRole("menuitem", { name: "Revoke" }).waitFor();
    await page.keyboard.press("Escape");
    await hub.getByRole("menuitem", { name: "Revoke" }).waitFor({ state: "detached" });

    // Status tabs: arrow keys move between them, Enter picks one.
    await hub.getByRole("tab", { name: "Active" }).focus();
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("Enter");
    await hub.getByText("No expired personal access tokens").waitFor();
  });

  it("an ordinary member cannot change the client id other members sign in with", async () => {
    const MALLORY_APP = "0badc0de-0000-4000-8000-000000000bad";
    const shared = newExtensionDataStore();
    const naaClientIds = (o: OpenHub) =>
      o.page.evaluate(() =>
        (window as unknown as { hubHost: { log: Array<{ instanceId: string; method: string; detail?: string }> } }).hubHost.log
          .filter((l) => l.instanceId === "DevOps.NestedAppAuth" && l.method.startsWith("GetToken"))
          .map((l) => l.detail ?? ""),
      );

    // Mallory, an ordinary member, saves her app's id through the page…
    const mallory = await world.emulator.addUser({
      displayName: "Mallory Member",
      principalName: "mallory@fabrikam.example",
      organizations: [world.organization.name],
    });
    open = await world.open(await world.startHost({ user: mallory, extensionData: shared }));
    await open.hub.locator(".pat-guidance").getByRole("button", { name: "Settings" }).click();
    await open.hub.getByText(OWN_WARNING, { exact: false }).waitFor();
    await open.hub.getByRole("textbox", { name: FIELD }).fill(MALLORY_APP);
    await open.hub.getByRole("button", { name: "Save" }).click();
    await open.page.waitForFunction(
      (id) => (window as unknown as { hubHost: { log: Array<{ detail?: string }> } }).hubHost.log.some((l) => l.detail === id),
      MALLORY_APP,
    );
    assert.deepStrictEqual(shared.User.get(mallory.id)?.get("entraClientId"), {
      clientId: MALLORY_APP,
      setBy: { id: mallory.id, displayName: "Mallory Member" },
      setAt: (shared.User.get(mallory.id)?.get("entraClientId") as { setAt: string }).setAt,
    });
    // …and, as she could with the extension data REST API, writes the organization-wide document earlier versions read, forging who set it.
    shared.Default.set("entraClientId", {
      clientId: MALLORY_APP,
      setBy: { id: world.host.user.id, displayName: "Ada Lovelace" },
      setAt: new Date().toISOString(),
    });

    // Ada, with her own client id, still signs in with it.
    open = await world.open(await world.startHost({ extensionData: shared, clientId: CLIENT_ID }));
    await open.hub.locator(".pat-name", { hasText: "nightly-build" }).waitFor();
    const adaIds = await naaClientIds(open);
    assert.ok(adaIds.length > 0 && adaIds.every((id) => id === CLIENT_ID), `Ada's hub asked for tokens for: ${adaIds.join(", ")}`);

    // Grace, with none of her own, is told nothing is configured and never signs in through Mallory's app.
    const grace = await world.emulator.addUser({
      displayName: "Grace Hopper",
      principalName: "grace@fabrikam.example",
      organizations: [world.organization.name],
    });
    open = await world.open(await world.startHost({ user: grace, extensionData: shared }));
    await open.hub.getByText("PAT Lifecycle is not configured for this organization").waitFor();
    await open.hub
      .getByText(
        "An organization-wide client id saved by an earlier version of this page is no longer used, because any member could change it.",
        { exact: false },
      )
      .waitFor();
    assert.strictEqual(await open.hub.getByText(MALLORY_APP).count(), 0, "the stored organization-wide id is not shown to copy");
    assert.deepStrictEqual(await naaClientIds(open), [], "no token was requested for any app");
  });
});
