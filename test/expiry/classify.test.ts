/** src/expiry/classify.ts: expiry windows in UTC calendar days and the risk flags. */
import * as assert from "assert";
import { classifyPat, isFullScope } from "../../src/expiry/classify";
import { NOW, pat, policy } from "./fixtures";

const at = (validTo: string, p = policy()) => classifyPat(pat({ validTo }), NOW.getTime(), p);

describe("expiry/classify: windows (now 2026-11-23 10:00 UTC, warn 14, fail 3)", () => {
  it("exactly failWithinDays (3) left fails; 4 left warns", () => {
    assert.deepStrictEqual([at("2026-11-26T08:00:00Z").status, at("2026-11-26T08:00:00Z").daysLeft], ["failing", 3]);
    assert.deepStrictEqual([at("2026-11-27T23:59:00Z").status, at("2026-11-27T23:59:00Z").daysLeft], ["warning", 4]);
  });

  it("exactly warnWithinDays (14) left warns; 15 left is healthy", () => {
    assert.deepStrictEqual([at("2026-12-07T00:00:00Z").status, at("2026-12-07T00:00:00Z").daysLeft], ["warning", 14]);
    assert.deepStrictEqual([at("2026-12-08T00:00:00Z").status, at("2026-12-08T00:00:00Z").daysLeft], ["healthy", 15]);
  });

  it("expired yesterday is expired with -1 day", () => {
    const f = at("2026-11-22T23:00:00Z");
    assert.deepStrictEqual([f.status, f.daysLeft], ["expired", -1]);
  });

  it("expired earlier today is expired with 0 days; later today is not expired yet but fails", () => {
    assert.deepStrictEqual([at("2026-11-23T09:59:59Z").status, at("2026-11-23T09:59:59Z").daysLeft], ["expired", 0]);
    assert.deepStrictEqual([at("2026-11-23T10:00:01Z").status, at("2026-11-23T10:00:01Z").daysLeft], ["failing", 0]);
  });

  it("expiring today in another time zone: the UTC date decides", () => {
    // 02:00 on the 24th in UTC+5 is 21:00 on the 23rd in UTC: today, not tomorrow.
    const east = at("2026-11-24T02:00:00+05:00");
    assert.deepStrictEqual([east.status, east.daysLeft, east.breaksAt], ["failing", 0, "2026-11-23T21:00:00.000Z"]);
    // 23:30 on the 23rd in UTC-5 is 04:30 on the 24th in UTC: tomorrow.
    assert.strictEqual(at("2026-11-23T23:30:00-05:00").daysLeft, 1);
    // A Token Admin time without a zone is UTC.
    assert.deepStrictEqual([at("2026-11-23T23:00:00").status, at("2026-11-23T23:00:00").daysLeft], ["failing", 0]);
  });

  it("failWithinDays 0 fails only PATs breaking today", () => {
    const p = policy({ failWithinDays: 0 });
    assert.strictEqual(at("2026-11-23T23:00:00Z", p).status, "failing");
    assert.strictEqual(at("2026-11-24T00:00:00Z", p).status, "warning");
  });

  it("an unreadable validTo counts as broken, not as healthy", () => {
    assert.strictEqual(at("garbage").status, "expired");
  });
});

describe("expiry/classify: risk flags", () => {
  const now = NOW.getTime();

  it("a global PAT is flagged and breaks at the 2026-12-01 cut-off when that comes first", () => {
    const f = classifyPat(pat({ validTo: "2027-03-01T00:00:00Z", targetAccounts: null }), now, policy());
    assert.deepStrictEqual(f.flags, ["global"]);
    assert.strictEqual(f.breaksAt, "2026-12-01T00:00:00.000Z");
    assert.strictEqual(f.breaksAtGlobalCutoff, true);
    assert.deepStrictEqual([f.status, f.daysLeft], ["warning", 8]);
  });

  it("a global PAT expiring before the cut-off keeps its own date", () => {
    const f = classifyPat(pat({ validTo: "2026-11-25T00:00:00Z", targetAccounts: null }), now, policy());
    assert.deepStrictEqual([f.breaksAtGlobalCutoff, f.status, f.flags], [false, "failing", ["global"]]);
  });

  it("after the cut-off a global PAT is expired", () => {
    const f = classifyPat(pat({ validTo: "2027-03-01T00:00:00Z", targetAccounts: null }), Date.parse("2026-12-01T00:00:01Z"), policy());
    assert.strictEqual(f.status, "expired");
  });

  it("flagGlobal false ignores globality entirely", () => {
    const f = classifyPat(pat({ validTo: "2027-03-01T00:00:00Z", targetAccounts: null }), now, policy({ flagGlobal: false }));
    assert.deepStrictEqual([f.flags, f.status, f.breaksAtGlobalCutoff], [[], "healthy", false]);
  });

  it("full scope (app_token) is flagged unless flagFullScope is false; an org-scoped PAT is not global", () => {
    const p = pat({ validTo: "2027-03-01T00:00:00Z", scope: "vso.code app_token" });
    assert.deepStrictEqual(classifyPat(p, now, policy()).flags, ["fullScope"]);
    assert.deepStrictEqual(classifyPat(p, now, policy({ flagFullScope: false })).flags, []);
    assert.strictEqual(isFullScope("vso.app_token_like"), false);
  });

  it("lifetime over maxLifetimeDays is flagged; exactly the maximum is not", () => {
    const exact = pat({ validFrom: "2026-10-01T12:00:00Z", validTo: "2026-12-30T09:00:00Z" }); // 90 calendar days
    const over = pat({ validFrom: "2026-10-01T12:00:00Z", validTo: "2026-12-31T09:00:00Z" });
    assert.strictEqual(classifyPat(exact, now, policy({ maxLifetimeDays: 90 })).lifetimeDays, 90);
    assert.deepStrictEqual(classifyPat(exact, now, policy({ maxLifetimeDays: 90 })).flags, []);
    assert.deepStrictEqual(classifyPat(over, now, policy({ maxLifetimeDays: 90 })).flags, ["longLifetime"]);
    assert.deepStrictEqual(classifyPat(over, now, policy()).flags, [], "no policy, no flag");
  });
});
