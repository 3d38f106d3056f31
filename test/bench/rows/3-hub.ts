/**
 * Hub benchmarks: navigation to a table showing 5,000 PATs (50 pages of 100, loaded as the user
 * scrolls), and to a search over all of them, in headless Chromium against the emulator, and the size of the hub bundle.
 */
import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";
import type { BenchRow } from "../main";
import { startEmulator } from "../../emulator/client";
import { startHubHost } from "../../host/hub-host";
import { ensureHubBuilt, launchChromium } from "../../hub/browser";
import { DAY_MS } from "../../support/days";

const PAT_COUNT = 5000;
const REPO_ROOT = path.resolve(__dirname, "..", "..", "..", "..");

export async function run(): Promise<BenchRow[]> {
  ensureHubBuilt();
  const rows = bundleRows();
  const emulator = await startEmulator();
  const browser = await launchChromium();
  try {
    const host = await startHubHost({ emulator, clientId: "3c1b7d4e-5f60-4a71-8b92-a3b4c5d6e7f8" });
    const now = Date.now();
    for (let i = 0; i < PAT_COUNT; i++) {
      await emulator.addPat(host.user.id, {
        displayName: `pat-${String(i).padStart(5, "0")}`,
        scope: "vso.code",
        validTo: new Date(now + ((i % 300) + 1) * DAY_MS).toISOString(),
      });
    }
    const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 }, ignoreHTTPSErrors: true })).newPage();
    const started = Date.now();
    await page.goto(host.url);
    const hub = page.frameLocator("#hub-frame");
    await hub.locator(".pat-count").waitFor({ timeout: 60_000 });
    const firstPageMs = Date.now() - started;
    // The user keeps scrolling to the end: each time the sentinel shows, the next page loads.
    const frame = page.frames().find((f) => f.url().includes("/pat-hub/"));
    await frame?.evaluate(() => {
      const timer = setInterval(() => {
        const sentinel = document.querySelector(".pat-load-more");
        if (sentinel) sentinel.scrollIntoView({ block: "end" });
        else clearInterval(timer);
      }, 16);
    });
    await hub
      .locator(".pat-count")
      .filter({ hasText: /^5,000 tokens$/ })
      .waitFor({ timeout: 300_000 });
    const allMs = Date.now() - started;
    // A search over all of them: typed as soon as the search box is there, answered once every page is in.
    const searchPage = await (await browser.newContext({ viewport: { width: 1400, height: 900 }, ignoreHTTPSErrors: true })).newPage();
    const searchStarted = Date.now();
    await searchPage.goto(host.url);
    const searchHub = searchPage.frameLocator("#hub-frame");
    await searchHub.getByRole("textbox", { name: "Search tokens by name" }).fill("pat-0490");
    await searchHub
      .locator(".pat-count")
      .filter({ hasText: /^10 of 5,000 tokens match$/ })
      .waitFor({ timeout: 300_000 });
    const searchMs = Date.now() - searchStarted;
    rows.push(
      { benchmark: "hub", measure: "navigation to first page of PATs shown (ms)", value: String(firstPageMs) },
      {
        benchmark: "hub",
        measure: `navigation to a search over all ${PAT_COUNT.toLocaleString("en-US")} PATs answered (ms)`,
        value: String(searchMs),
      },
      {
        benchmark: "hub",
        measure: `navigation to table showing ${PAT_COUNT.toLocaleString("en-US")} PATs, 50 pages, scrolling (ms)`,
        value: String(allMs),
      },
    );
    await host.stop();
  } finally {
    await browser.close();
    await emulator.stop();
  }
  return rows;
}

function bundleRows(): BenchRow[] {
  const script = fs.readFileSync(path.join(REPO_ROOT, "dist", "hub", "pat-hub", "pat-hub.js"));
  return [
    { benchmark: "hub", measure: "bundle pat-hub.js raw (KiB)", value: (script.length / 1024).toFixed(1) },
    { benchmark: "hub", measure: "bundle pat-hub.js gzip (KiB)", value: (zlib.gzipSync(script).length / 1024).toFixed(1) },
  ];
}
