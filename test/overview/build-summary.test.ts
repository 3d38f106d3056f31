/**
 * The marketplace page shows a build summary of Check PAT expiry. This runs the real task against
 * the emulator with a realistic set of PATs, renders the Markdown it uploads as the Extensions tab of a run shows it,
 * checks what a build owner reads there, and saves images/build-summary.png for overview.md.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { marked } from "marked";
import { chromium } from "playwright-core";
import { startEmulator, Emulator } from "../emulator/client";
import { runTaskProcess } from "../support/task";

const root = path.resolve(__dirname, "..", "..", "..");
const NOW = "2026-11-23T08:00:00Z";

describe("the build summary shown on the marketplace page", function () {
  this.timeout(120_000);
  let emulator: Emulator;

  before(async () => {
    emulator = await startEmulator({ now: NOW });
    await emulator.addOrganization("contoso");
  });
  after(async () => emulator?.stop());

  it("lists what needs attention, most urgent first, and is saved as images/build-summary.png", async () => {
    const ada = await emulator.addUser({ displayName: "Ada Lovelace", principalName: "ada@contoso.com", organizations: ["contoso"] });
    const pat = (
      displayName: string,
      scope: string,
      validTo: string,
      organizations: string[] | "global" = ["contoso"],
      validFrom = "2026-09-01T10:00:00Z",
    ) => emulator.addPat(ada.id, { displayName, scope, validTo, validFrom, organizations });
    await pat("release-pipeline-feed", "vso.packaging_write", "2026-11-24T17:00:00Z");
    await pat("nightly-deploy", "vso.code vso.build_execute", "2026-11-27T06:00:00Z");
    await pat("terraform-state", "app_token", "2026-12-02T12:00:00Z");
    await pat("old-cli-login", "vso.work_write", "2027-02-01T00:00:00Z", "global", "2026-02-01T00:00:00Z");
    await pat("grafana-datasource", "vso.analytics", "2026-12-04T09:30:00Z");
    await pat("backlog-sync", "vso.work_write", "2027-04-01T00:00:00Z");
    const refreshToken = await emulator.issueRefreshToken(ada.id, "pat-lifecycle-test-client");
    const run = await runTaskProcess({
      task: "CheckPatExpiryV1",
      inputs: {
        authenticationMethod: "refreshToken",
        tenantId: emulator.tenantId,
        clientId: "pat-lifecycle-test-client",
        refreshToken,
        organization: "contoso",
        failWithinDays: "2",
      },
      variables: {
        "System.CollectionUri": `${emulator.devopsUrl}/contoso/`,
        "Agent.TempDirectory": fs.mkdtempSync(path.join(os.tmpdir(), "summary-")),
      },
      env: { ...emulator.env, PAT_LIFECYCLE_NOW: NOW },
    });
    const upload = run.commands.find((c) => c.name === "task.uploadsummary");
    assert.ok(upload, `the task uploaded no summary:\n${run.stdout}`);
    const markdown = fs.readFileSync(upload.message, "utf8");

    const html = `<!doctype html><html><head><meta charset="utf-8"><style>${SUMMARY_CSS}</style></head>
      <body><div class="tab">Extensions</div><section><h2 class="section">Check PAT expiry</h2>${await marked.parse(markdown)}</section></body></html>`;
    const browser = await chromium.launch({
      executablePath: "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1000, height: 200 }, deviceScaleFactor: 1 });
      await page.setContent(html);
      const rows = await page.locator("table tbody tr").allInnerTexts();
      assert.ok(rows.length >= 3, `expected a table of PATs needing attention, got ${rows.length} rows`);
      const names = (await page.locator("table tbody tr td:nth-child(2)").allInnerTexts()).join("\n");
      const attention = run.warnings.concat(run.errors).join("\n");
      assert.deepStrictEqual(names.split("\n").slice(0, 2), ["release-pipeline-feed", "nightly-deploy"], "most urgent first");
      for (const name of names.split("\n")) assert.ok(attention.includes(name.trim()), `'${name}' is in the summary but not in the log`);
      await page.screenshot({ path: path.join(root, "images", "build-summary.png"), fullPage: true });
    } finally {
      await browser.close();
    }
  });
});

// Close to how Azure DevOps renders a Markdown summary on a run's Extensions tab.
const SUMMARY_CSS = `
  body { font-family: "Segoe UI", -apple-system, "Helvetica Neue", Arial, sans-serif; font-size: 14px; color: rgba(0,0,0,.9); margin: 0; background: #f8f8f8; }
  .tab { padding: 12px 24px; font-weight: 600; border-bottom: 2px solid #0078d4; display: inline-block; margin: 0 0 0 16px; }
  section { background: #fff; margin: 0 16px 16px; padding: 8px 24px 20px; box-shadow: 0 1px 2px rgba(0,0,0,.12); border-radius: 4px; }
  h2.section { font-size: 16px; font-weight: 600; margin: 12px 0; }
  h1, h2, h3 { font-weight: 600; } h1 { font-size: 20px; } h2 { font-size: 16px; } h3 { font-size: 14px; }
  table { border-collapse: collapse; margin: 8px 0; }
  th, td { border: 1px solid #e0e0e0; padding: 6px 10px; text-align: left; vertical-align: top; }
  th { background: #f4f4f4; font-weight: 600; }
  code { font-family: Consolas, Menlo, monospace; font-size: 12px; background: #f4f4f4; padding: 1px 4px; border-radius: 2px; }
`;
