/** Issue 16 in the browser: the secret cannot be lost, focus goes where it should, Enter never rotates, global PATs, errors in words, narrow widths, edit, axe. */
import * as assert from "assert";
import type { FrameLocator } from "playwright-core";
import { seriousViolations } from "./axe";
import { pickCustomExpiry, rowAction } from "./browser";
import { hubSuite } from "./hub-suite";

const CLIENT_ID = "3c1b7d4e-5f60-4a71-8b92-a3b4c5d6e7f8";

/** The id (or, without one, the accessible text) of what has focus in the hub frame. */
async function focused(hub: FrameLocator): Promise<string> {
  return hub.locator("body").evaluate(() => {
    const e = document.activeElement;
    // azure-devops-ui writes the ids we give it as "__bolt-<id>".
    return e ? (e.id || e.getAttribute("aria-label") || e.tagName).replace(/^__bolt-/, "") : "none";
  });
}

/** Waits for focus to settle on `id` (dialogs move it after their own focus handling), then asserts it is there. */
async function expectFocus(hub: FrameLocator, id: string, message?: string): Promise<void> {
  for (let waited = 0; waited < 3000 && (await focused(hub)) !== id; waited += 50) await new Promise((r) => setTimeout(r, 50));
  assert.strictEqual(await focused(hub), id, message);
}

describe("hub: safe secrets, keyboard, global PATs, errors in words, narrow widths, edit (issue 16)", function () {
  this.timeout(180_000);
  const world = hubSuite({ host: { clientId: CLIENT_ID } });
  const addPat = world.addPat;
  const noAxeViolations = async (state: string) => {
    assert.deepStrictEqual(await seriousViolations(world.opened!.page), [], `axe in state: ${state}`);
  };

  it("focuses the first field, and Escape or a stray close before copying asks instead of dropping the secret", async () => {
    const { hub, page } = await world.open();
    await hub.getByRole("menuitem", { name: "New token" }).click();
    await hub.getByRole("textbox", { name: "Name", exact: true }).waitFor();
    await expectFocus(hub, "token-name", "the panel opens on its first field");
    await page.keyboard.type("typed-first");
    assert.strictEqual(await hub.getByRole("textbox", { name: "Name", exact: true }).inputValue(), "typed-first");
    await noAxeViolations("create panel");
    await hub.getByRole("checkbox", { name: "Code (read)", exact: true }).check();
    await hub.getByRole("button", { name: "Create" }).click();

    const secretBox = hub.getByRole("textbox", { name: "New token", exact: true });
    await secretBox.waitFor();
    const created = (await world.pats()).find((p) => p.displayName === "typed-first");
    assert.ok(created);
    await noAxeViolations("secret dialog");
    await page.keyboard.press("Escape");
    await hub.getByText("Close without copying the token?").waitFor();
    assert.strictEqual(await secretBox.inputValue(), created.token, "Escape kept the secret on screen");
    await hub.getByText("You have not copied the new token.", { exact: false }).waitFor();
    await noAxeViolations("secret dialog, asking before closing");
    await page.keyboard.press("Escape");
    await page.waitForTimeout(300);
    assert.strictEqual(await secretBox.inputValue(), created.token, "a second Escape does not drop it either");
    await hub.getByText("Copy your new token now").waitFor();
    await hub.getByRole("button", { name: "I have copied the token" }).click();
    await hub.getByRole("button", { name: "Close without copying" }).waitFor();
    assert.strictEqual(await secretBox.inputValue(), created.token, "the button did not drop it either");
    await hub.getByRole("button", { name: "Go back and copy it" }).click();
    await hub.getByRole("button", { name: "Copy" }).click();
    await page.keyboard.press("Escape");
    await secretBox.waitFor({ state: "detached" });
    await expectFocus(hub, "new-token", "focus is back on New token");
  });

  it("Enter in Rotate and Revoke does not confirm; focus returns to the row's Actions button; sorting keeps focus", async () => {
    const pat = await addPat("enter-guard", 20);
    const { hub, page } = await world.open();
    await hub.locator(".pat-name", { hasText: /^enter-guard$/ }).waitFor();
    await noAxeViolations("list");
    await hub.getByRole("button", { name: "Actions for enter-guard", exact: true }).click();
    await hub.getByRole("menuitem", { name: "Rotate" }).waitFor();
    await noAxeViolations("row menu open");
    await page.keyboard.press("Escape");

    await rowAction(hub, "enter-guard", "Rotate");
    await expectFocus(hub, "rotate-days", "Rotate opens on its field");
    await noAxeViolations("rotate dialog");
    await page.keyboard.press("Enter");
    await page.waitForTimeout(1000);
    assert.ok(await hub.getByRole("button", { name: "Rotate token" }).isVisible(), "the dialog is still open");
    assert.strictEqual((await world.pats()).filter((p) => p.displayName === "enter-guard").length, 1, "no new PAT");
    await hub.getByRole("button", { name: "Cancel" }).click();
    await expectFocus(hub, `actions-${pat.authorizationId}`, "focus is back on the row's button");

    await rowAction(hub, "enter-guard", "Extend");
    await expectFocus(hub, "extend-expires", "Extend opens on its field");
    await hub.getByRole("button", { name: "Cancel" }).click();

    await rowAction(hub, "enter-guard", "Revoke");
    await expectFocus(hub, "action-cancel", "Revoke, which has no field, opens on Cancel");
    await noAxeViolations("revoke dialog");
    await page.keyboard.press("Enter");
    await page.waitForTimeout(1000);
    assert.strictEqual((await world.pats()).find((p) => p.authorizationId === pat.authorizationId)?.revoked, false);
    await page.keyboard.press("Escape");

    const header = hub.locator(".bolt-table-header-cell", { hasText: "Name" }).first();
    await header.focus();
    const before = await focused(hub);
    await page.keyboard.press("Enter");
    await page.waitForTimeout(1500);
    assert.notStrictEqual(await focused(hub), "BODY", "focus did not fall to the page body");
    assert.strictEqual(await focused(hub), before);
  });

  it("a global PAT shows when it really stops working, and Extend stops at the cut-off and offers Rotate", async () => {
    await addPat("global-2027", 400, { global: true });
    const { hub } = await world.open();
    const row = hub.locator("tr.bolt-table-row", { has: hub.locator(".pat-name", { hasText: /^global-2027$/ }) });
    await row.waitFor();
    const expires = await row.locator(".pat-expires").innerText();
    const nowMs = Date.now();
    if (nowMs < Date.parse("2026-12-01T00:00:00Z")) {
      assert.strictEqual(expires, "1 Dec 2026", "the cut-off, not validTo in 2027");
      assert.strictEqual(await row.locator(".pat-expires-global").innerText(), "global token: stops on this day");
      await rowAction(hub, "global-2027", "Extend");
      await hub.getByText("This is a global token: it stops working on 1 Dec 2026", { exact: false }).waitFor();
      await pickCustomExpiry(hub, "New expiration date", "2027-01-15");
      await hub.getByText("Pick a date from tomorrow to 30 Nov 2026.", { exact: true }).waitFor();
      assert.ok(await hub.getByRole("button", { name: "Extend", exact: true }).isDisabled());
    } else {
      assert.strictEqual(await row.locator(".pat-status").innerText(), "Stopped working");
      assert.strictEqual(await row.locator(".pat-expires-relative").innerText(), "global tokens stopped working");
      await rowAction(hub, "global-2027", "Rotate");
      await hub.getByRole("button", { name: "Cancel" }).click();
      return;
    }
    await noAxeViolations("extend dialog of a global token");
    await hub.getByRole("button", { name: "Rotate instead" }).click();
    await hub.getByRole("button", { name: "Rotate token" }).waitFor();
  });

  it("says a service fault in one sentence, with details and the Activity Id behind Show details", async () => {
    await addPat("fault-extend", 10);
    const { hub } = await world.open();
    await rowAction(hub, "fault-extend", "Extend");
    await world.emulator.addFault({ method: "PUT", path: "/_apis/tokens/pats$", kind: "status", status: 500, times: 1 });
    await hub.getByRole("button", { name: "Extend", exact: true }).click();
    const error = hub.locator(".pat-dialog-error");
    await error.waitFor({ timeout: 60_000 });
    const sentence = await error.locator(".pat-error-sentence").innerText();
    assert.strictEqual(
      sentence,
      "Azure DevOps had a problem on its side and did not do it. Try again in a few minutes; if it keeps failing, give Microsoft support the details.",
    );
    assert.strictEqual(await error.locator(".pat-error-details").count(), 0, "details are hidden at first");
    await error.getByRole("button", { name: "Show details" }).click();
    const details = await error.locator(".pat-error-details").innerText();
    assert.match(details, /HTTP 500/);
    assert.match(details, /^Activity Id: [0-9a-f-]{36}$/m);
    assert.ok(await error.getByRole("button", { name: "Copy details" }).isVisible());
    await noAxeViolations("extend dialog with an error and its details");
  });

  it("at 800 px drops columns by priority, cuts names with an ellipsis and a tooltip, keeps headers in view; a revoked PAT has no countdown", async () => {
    const longName = `a-very-long-token-name-that-cannot-fit-${"x".repeat(60)}`;
    await addPat(longName, 20);
    for (let i = 0; i < 40; i++) await addPat(`narrow-${String(i).padStart(2, "0")}`, 10 + i);
    await addPat("revoked-in-20", 20, { revoked: true });
    const { hub } = await world.open(world.host, { width: 800, height: 600 });
    const name = hub.locator(".pat-name", { hasText: longName });
    await name.waitFor();
    const headers = await hub.locator(".bolt-table-header-cell").allInnerTexts();
    assert.ok(!headers.some((h) => /Created|Organizations/.test(h)), `dropped at 800 px: ${headers.join("|")}`);
    assert.ok(headers.some((h) => /Expires/.test(h)));
    const cut = await name.evaluate((e) => ({ overflow: getComputedStyle(e).textOverflow, cut: e.scrollWidth > e.clientWidth }));
    assert.deepStrictEqual(cut, { overflow: "ellipsis", cut: true });
    await noAxeViolations("narrow list");
    await name.hover();
    await hub.locator(".bolt-tooltip", { hasText: longName }).waitFor();

    // The page scrolls inside the frame, as in Azure DevOps, and the table renders the rows in view.
    await hub.locator(".bolt-page.pat-hub-page").evaluate((e) => (e.scrollTop = 1500));
    await hub.locator(".pat-name", { hasText: "narrow-30" }).waitFor();
    const top = await hub
      .locator(".bolt-table-header-cell", { hasText: "Name" })
      .first()
      .evaluate((e) => e.getBoundingClientRect().top);
    assert.ok(top >= -1 && top < 200, `the header stays in view after scrolling (top ${top})`);

    await hub.getByRole("tab", { name: "Revoked" }).click();
    const revokedRow = hub.locator("tr.bolt-table-row", { has: hub.locator(".pat-name", { hasText: /^revoked-in-20$/ }) });
    await revokedRow.waitFor();
    assert.strictEqual(await revokedRow.locator(".pat-expires-relative").innerText(), "no longer usable");
    assert.strictEqual(await revokedRow.getByText("in 20 days").count(), 0);
  });

  it("edits a PAT's name and scopes through the update API, keeping its secret; same checks as create", async () => {
    const pat = await addPat("edit-me", 20, { scope: "vso.code" });
    const { hub } = await world.open();
    await rowAction(hub, "edit-me", "Edit");
    await expectFocus(hub, "token-name");
    await noAxeViolations("edit panel");
    await hub.getByRole("textbox", { name: "Name", exact: true }).fill("  ");
    await hub.getByRole("button", { name: "Save" }).click();
    await hub.getByText("Enter a name.").waitFor();
    await hub.getByRole("textbox", { name: "Name", exact: true }).fill("edited");
    await hub.getByRole("checkbox", { name: "Code (read)", exact: true }).uncheck();
    await hub.getByText("Pick at least one scope.").waitFor();
    await hub.getByRole("checkbox", { name: "Work items (read and write)", exact: true }).check();
    await hub.getByRole("button", { name: "Save" }).click();
    await hub.locator(".pat-notice").filter({ hasText: "“edited” was saved." }).waitFor();
    const after = (await world.pats()).find((p) => p.authorizationId === pat.authorizationId);
    assert.strictEqual(after?.displayName, "edited");
    assert.strictEqual(after?.scope, "vso.work_write");
    assert.strictEqual(after?.token, pat.token, "same secret");
  });
});
