/** The expiry report rendered: Markdown summary, attention lines and JSON report. */
import * as assert from "assert";
import { attentionLines, totalLines } from "../../src/expiry/attention-lines";
import { renderJsonReport } from "../../src/expiry/json-report";
import { MAX_TABLE_ROWS, renderMarkdownSummary } from "../../src/expiry/markdown-summary";
import { buildExpiryReport } from "../../src/expiry/report";
import { loc, NOW, pat, policy, myReport } from "./fixtures";

const owner = { descriptor: "aad.YWRh", displayName: "Ada Lovelace", principalName: "ada@contoso.com" };

function sampleReport(subject: "mine" | "organization" = "mine") {
  return buildExpiryReport({
    pats: [
      pat({ displayName: "nightly | build", validTo: "2026-11-20T00:00:00Z", owner: subject === "organization" ? owner : undefined }),
      pat({ displayName: "deploy <prod>", validTo: "2026-11-26T08:00:00Z", scope: "app_token" }),
      pat({ displayName: "everywhere", validTo: "2027-05-01T00:00:00Z", targetAccounts: null }),
      pat({ displayName: "quiet", validTo: "2027-05-01T00:00:00Z" }),
    ],
    now: NOW,
    policy: policy({ includeExpired: true }),
    organization: "contoso",
    subject,
    usersScanned: subject === "organization" ? 2 : undefined,
    unreadableUsers:
      subject === "organization"
        ? [{ owner: { descriptor: "aad.Ym9i", displayName: "Bob", principalName: "bob@contoso.com" }, reason: "HTTP 500" }]
        : [],
  });
}

describe("expiry/markdown-summary", () => {
  it("has a title, the outcome, the totals and a table sorted by urgency with days and flags", () => {
    const md = renderMarkdownSummary(sampleReport(), loc);
    assert.match(md, /^### PAT expiry: my PATs in contoso$/m);
    assert.match(md, /\*\*Result: PATs have expired or break within the fail window \(see the errors\)\.\*\*/);
    assert.match(md, /- 4 PAT\(s\) checked: 1 expired, 1 break within 3 days, 1 more within 14 days, 1 later; 2 carry a risk flag\./);
    const rows = md.split("\n").filter((l) => l.startsWith("| ") && !l.startsWith("| ---"));
    assert.strictEqual(rows[0], "| Status | PAT | Breaks (UTC) | When | Scope | Flags |");
    assert.deepStrictEqual(
      rows.slice(1).map((r) => r.split(" | ")[1]),
      ["nightly \\| build", "deploy &lt;prod&gt;", "everywhere"],
    );
    assert.match(rows[1], /⛔ expired \| .* \| 2026-11-20 00:00 UTC \| 3 days ago \| vso.code \| {2}\|$/);
    assert.match(rows[2], /🔴 breaks soon \| .* \| 2026-11-26 08:00 UTC \| in 3 days \| app\\_token \| full scope \(app\\_token\) \|$/);
    assert.match(
      rows[3],
      /🟠 expiring \| everywhere \| 2026-12-01 00:00 UTC \| in 8 days \| vso.code \| global \(all organizations; stops working 2026-12-01\) \|/,
    );
    assert.ok(!md.includes("quiet"), "healthy unflagged PATs are only counted");
    assert.match(md, /Next PAT to break: 2026-11-26 08:00 UTC/);
  });

  it("organization mode adds the owner column and lists unreadable users", () => {
    const md = renderMarkdownSummary(sampleReport("organization"), loc);
    assert.match(md, /^### PAT expiry: every user's PATs in contoso$/m);
    assert.match(md, /\| Status \| PAT \| Owner \| Breaks/);
    assert.match(md, /\| nightly \\\| build \| Ada Lovelace \(ada@contoso.com\) \|/);
    assert.match(md, /Users whose PATs could not be read \(1\)/);
    assert.match(md, /- Bob \(bob@contoso.com\): HTTP 500/);
    assert.match(md, /2 user\(s\) scanned; the PATs of 1 could not be read\./);
  });

  it("caps the table for large organizations and says where the rest is", () => {
    const many = Array.from({ length: MAX_TABLE_ROWS + 5 }, (_, i) => pat({ displayName: `p${i}`, validTo: "2026-11-30T00:00:00Z" }));
    const r = myReport(many);
    const md = renderMarkdownSummary(r, loc);
    assert.strictEqual(md.split("\n").filter((l) => l.startsWith("| 🟠")).length, MAX_TABLE_ROWS);
    assert.match(md, /\.\.\. and 5 more PAT\(s\) needing attention: see the log or the JSON report/);
  });

  it("says so when nothing needs attention", async () => {
    const r = myReport([pat({ validTo: "2027-05-01T00:00:00Z" })]);
    const md = renderMarkdownSummary(r, loc);
    assert.match(md, /No PAT needs attention\./);
    assert.match(md, /\*\*Result: no PAT needs attention\.\*\*/);
    assert.ok(!md.includes("| Status |"));
  });
});

describe("expiry/attention-lines", () => {
  it("one line per PAT needing attention: error for expired and failing, warning otherwise", () => {
    const lines = attentionLines(sampleReport(), loc);
    assert.deepStrictEqual(
      lines.map((l) => l.severity),
      ["error", "error", "warning"],
    );
    assert.strictEqual(lines[0].text, "PAT 'nightly | build' expired 2026-11-20 00:00 UTC (3 days ago). Scope: vso.code.");
    assert.strictEqual(
      lines[1].text,
      "PAT 'deploy <prod>' expires 2026-11-26 08:00 UTC (in 3 days). Scope: app_token. Flags: full scope (app_token).",
    );
    assert.strictEqual(
      lines[2].text,
      "PAT 'everywhere' stops working 2026-12-01 00:00 UTC (in 8 days), when global PATs end. Scope: vso.code. Flags: global (all organizations; stops working 2026-12-01).",
    );
  });

  it("names the owner in organization mode and reports unreadable users", () => {
    const lines = attentionLines(sampleReport("organization"), loc);
    assert.match(lines[0].text, /^PAT 'nightly \| build' of Ada Lovelace \(ada@contoso.com\) expired/);
    assert.deepStrictEqual(lines[lines.length - 1], {
      severity: "warning",
      text: "Could not read the PATs of Bob (bob@contoso.com), so they were not checked: HTTP 500",
    });
  });

  it("closes with the totals and the outcome", () => {
    assert.deepStrictEqual(totalLines(sampleReport("organization"), loc), [
      "4 PAT(s) checked: 1 expired, 1 break within 3 days, 1 more within 14 days, 1 later; 2 carry a risk flag.",
      "2 user(s) scanned; the PATs of 1 could not be read.",
      "Result: PATs have expired or break within the fail window (see the errors).",
    ]);
  });
});

describe("expiry/json-report", () => {
  it("holds every PAT with status, days left and flags, and never a token field", () => {
    const json = JSON.parse(renderJsonReport(sampleReport("organization")));
    assert.strictEqual(json.version, 1);
    assert.strictEqual(json.outcome, "Failed");
    assert.deepStrictEqual(
      json.pats.map((p: { displayName: string }) => p.displayName),
      ["nightly | build", "deploy <prod>", "everywhere", "quiet"],
    );
    assert.deepStrictEqual(json.pats[2].flags, ["global"]);
    assert.strictEqual(json.pats[2].breaksAt, "2026-12-01T00:00:00.000Z");
    assert.strictEqual(json.pats[3].needsAttention, false);
    assert.strictEqual(json.pats[0].owner.principalName, "ada@contoso.com");
    assert.strictEqual(json.unreadableUsers[0].reason, "HTTP 500");
    assert.ok(json.pats.every((p: object) => !("token" in p)));
    assert.strictEqual(json.nextExpiry, "2026-11-26T08:00:00.000Z");
  });
});
