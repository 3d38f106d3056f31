/** Headless Chromium around the test host: launch, open the hub, reach into its frame. */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { chromium, type Browser, type FrameLocator, type Page } from "playwright-core";
import type { HubHost } from "../host/hub-host";
import { assertNoSecrets } from "../support/secrets";
import { refuseInUnitRun } from "../support/unit-run";

const REPO_ROOT = path.resolve(__dirname, "..", "..", "..");
const HUB_SCRIPT = path.join(REPO_ROOT, "dist", "hub", "pat-hub", "pat-hub.js");

/** Builds the hub once when `npm run build` has not (the lead wires build:hub into build). */
export function ensureHubBuilt(): void {
  if (fs.existsSync(HUB_SCRIPT)) return;
  execFileSync(process.execPath, [require.resolve("webpack-cli/bin/cli.js"), "--config", "webpack.hub.config.js"], {
    cwd: REPO_ROOT,
    stdio: "inherit",
  });
}

export function launchChromium(): Promise<Browser> {
  refuseInUnitRun("Chromium");
  return chromium.launch({
    executablePath: process.env.PAT_LIFECYCLE_CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

export interface OpenHub {
  page: Page;
  hub: FrameLocator;
  /** Everything the pages wrote to the console, and page errors (for secret scans and diagnosis). */
  console: string[];
  /** alert()/confirm() dialogs the page tried to open. */
  dialogs: string[];
  close(): Promise<void>;
}

/** Opens the host page and waits until the hub told the host it has loaded. */
export async function openHub(browser: Browser, host: HubHost, o: { width?: number; height?: number } = {}): Promise<OpenHub> {
  const context = await browser.newContext({ viewport: { width: o.width ?? 1400, height: o.height ?? 900 }, ignoreHTTPSErrors: true });
  const page = await context.newPage();
  const console: string[] = [];
  const dialogs: string[] = [];
  page.on("console", (m) => console.push(`${m.type()}: ${m.text()}`));
  page.on("pageerror", (e) => console.push(`pageerror: ${e.message}`));
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(host.url);
  await page.waitForSelector("body[data-hub-loaded]", { timeout: 30_000 });
  return { page, hub: page.frameLocator("#hub-frame"), console, dialogs, close: () => context.close() };
}

/** What the hub frame keeps in web storage (must never hold a token). */
export async function hubStorage(page: Page): Promise<string> {
  const frame = page.frames().find((f) => f.url().includes("/pat-hub/"));
  if (!frame) throw new Error("the hub frame is not there");
  return frame.evaluate(() => JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage } }));
}

/** The names in the table's rows, top to bottom, as rendered. */
export async function rowNames(hub: FrameLocator): Promise<string[]> {
  return hub.locator(".pat-table .pat-name").allInnerTexts();
}

/** Scrolls the list until every page is loaded ("N tokens" without "more below"). */
export async function scrollToEnd(hub: FrameLocator): Promise<void> {
  const count = hub.locator(".pat-count");
  for (let i = 0; i < 200; i++) {
    if (!/more below/.test(await count.innerText())) return;
    // The sentinel goes away with the last page, possibly between these two lines.
    await hub
      .locator(".pat-load-more")
      .evaluate((e) => e.scrollIntoView({ block: "end" }), undefined, { timeout: 1000 })
      .catch(() => undefined);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the list did not finish loading: ${await count.innerText()}`);
}

/** Opens the "Actions for <name>" menu of the row showing `name` and picks `action`. */
export async function rowAction(hub: FrameLocator, name: string, action: "Edit" | "Extend" | "Rotate" | "Revoke"): Promise<void> {
  const button = hub.getByRole("button", { name: `Actions for ${name}`, exact: true });
  await button.scrollIntoViewIfNeeded();
  await button.click();
  await hub.getByRole("menuitem", { name: action }).click();
}

/** In an expiry picker (named `label`: "Expiration date" in create, "New expiration date" in extend), picks "Custom date…" and `day` ("YYYY-MM-DD"). */
export async function pickCustomExpiry(hub: FrameLocator, label: string, day: string): Promise<void> {
  await hub.getByRole("combobox", { name: label, exact: true }).selectOption({ label: "Custom date…" });
  await hub.getByLabel("Custom expiration date", { exact: true }).fill(day);
}

/** Closes an open hub after checking that no secret reached its console or its storage. */
export async function closeHubWithoutSecrets(open: OpenHub | undefined, secrets: string[]): Promise<void> {
  if (!open) return;
  assertNoSecrets([...open.console, await hubStorage(open.page)], secrets);
  await open.close();
}
