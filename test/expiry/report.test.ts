/** src/expiry/report.ts: totals, outcome and the order of findings. */
import * as assert from "assert";
import { compileNameFilter } from "../../src/expiry/name-filter";
import { buildExpiryReport, expiringCount } from "../../src/expiry/report";
import { NOW, pat, policy, myReport } from "./fixtures";

const mixed = () => [
  pat({ displayName: "healthy", validTo: "2027-01-15T00:00:00Z" }),
  pat({ displayName: "warn-10", validTo: "2026-12-03T00:00:00Z" }),
  pat({ displayName: "expired", validTo: "2026-11-20T00:00:00Z" }),
  pat({ displayName: "fail-1", validTo: "2026-11-24T05:00:00Z" }),
  pat({ displayName: "warn-5", validTo: "2026-11-28T00:00:00Z" }),
  pat({ displayName: "full", validTo: "2027-02-01T00:00:00Z", scope: "app_token" }),
];

describe("expiry/report", () => {
  it("sorts by urgency: expired, failing, warning (soonest first), then flagged healthy", () => {
    const r = myReport(mixed(), { includeExpired: true });
    assert.deepStrictEqual(
      r.findings.map((f) => f.pat.displayName),
      ["expired", "fail-1", "warn-5", "warn-10", "healthy", "full"],
    );
    assert.deepStrictEqual(
      r.attention.map((f) => f.pat.displayName),
      ["expired", "fail-1", "warn-5", "warn-10", "full"],
    );
    assert.strictEqual(r.outcome, "Failed");
    assert.strictEqual(r.totals.expired, 1);
    assert.strictEqual(expiringCount(r), 3);
    assert.strictEqual(r.nextExpiry, "2026-11-24T05:00:00.000Z", "the next PAT still working, not the expired one");
  });

  it("lists expired PATs most recently broken first", () => {
    const r = myReport(
      [
        pat({ displayName: "months-ago", validTo: "2026-08-01T00:00:00Z" }),
        pat({ displayName: "yesterday", validTo: "2026-11-22T12:00:00Z" }),
      ],
      { includeExpired: true },
    );
    assert.deepStrictEqual(
      r.findings.map((f) => f.pat.displayName),
      ["yesterday", "months-ago"],
    );
  });

  it("includeExpired false leaves expired PATs out and counts them", () => {
    const r = myReport(mixed());
    assert.ok(!r.findings.some((f) => f.status === "expired"));
    assert.deepStrictEqual([r.totals.expired, r.totals.expiredNotShown, r.totals.matched], [0, 1, 6]);
  });

  it("outcome policy: fail window fails, warn window or a flag succeeds with issues, else succeeds", () => {
    const outcome = (validTo: string, extra = {}) => myReport([pat({ validTo, ...extra })]).outcome;
    assert.strictEqual(outcome("2026-11-26T00:00:00Z"), "Failed");
    assert.strictEqual(outcome("2026-12-07T00:00:00Z"), "SucceededWithIssues");
    assert.strictEqual(outcome("2027-06-01T00:00:00Z", { scope: "app_token" }), "SucceededWithIssues");
    assert.strictEqual(outcome("2027-06-01T00:00:00Z"), "Succeeded");
    const none = myReport([]);
    assert.deepStrictEqual([none.outcome, none.nextExpiry], ["Succeeded", null]);
  });

  it("an unreadable user makes the check succeed with issues and is counted", () => {
    const r = buildExpiryReport({
      pats: [pat({ validTo: "2027-06-01T00:00:00Z" })],
      now: NOW,
      policy: policy(),
      organization: "o",
      subject: "organization",
      usersScanned: 3,
      unreadableUsers: [{ owner: { descriptor: "aad.x", displayName: "Bob", principalName: "bob@x" }, reason: "HTTP 500" }],
    });
    assert.deepStrictEqual([r.outcome, r.totals.usersScanned, r.totals.usersUnreadable], ["SucceededWithIssues", 3, 1]);
  });

  it("the name filter applies before evaluation", () => {
    const r = myReport(mixed(), { nameFilter: compileNameFilter("warn-*"), includeExpired: true });
    assert.deepStrictEqual(
      r.findings.map((f) => f.pat.displayName),
      ["warn-5", "warn-10"],
    );
    assert.deepStrictEqual([r.totals.listed, r.totals.matched, r.outcome], [6, 2, "SucceededWithIssues"]);
  });
});
