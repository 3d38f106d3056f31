/** The organization view's table logic (org-rows.ts): flag and user filters, sorting, the lifetime policy, CSV. */
import * as assert from "assert";
import { classifyPat } from "../../src/expiry/classify";
import { filterRows, rowsToCsv, sortRows, withLifetimePolicy } from "../../src/hub/pat-hub/org-view/org-rows";
import { rowsOf, type OrgRow } from "../../src/hub/pat-hub/org-view/org-scan-stream";

const NOW = Date.parse("2026-11-23T10:00:00Z");
const POLICY = {
  warnWithinDays: 14,
  failWithinDays: 0,
  includeExpired: true,
  flagGlobal: true,
  flagFullScope: true,
  maxLifetimeDays: null,
  nameFilter: null,
};

function row(user: string, name: string, validTo: string, extra: { scope?: string; global?: boolean; validFrom?: string } = {}): OrgRow {
  const owner = { descriptor: `aad.${user}`, displayName: user, principalName: `${user.toLowerCase()}@contoso.com` };
  const pat = {
    authorizationId: `${user}-${name}`,
    displayName: name,
    scope: extra.scope ?? "vso.code",
    validFrom: extra.validFrom ?? "2026-10-01T00:00:00Z",
    validTo,
    targetAccounts: extra.global ? null : ["org"],
    owner,
  };
  return rowsOf(owner, [classifyPat(pat, NOW, POLICY)])[0];
}

const rows = [
  row("Bob", "deploy", "2026-11-30T00:00:00Z"),
  row("Ada", '=HYPERLINK("x")', "2027-02-01T00:00:00Z", { scope: "app_token" }),
  row("Cy", "old", "2026-11-01T00:00:00Z"),
  row("Ada", "everywhere", "2027-03-01T00:00:00Z", { global: true, validFrom: "2026-01-01T00:00:00Z" }),
];

describe("hub organization view: rows", () => {
  it("flags: expiring, full scope, expired, global (which also breaks on 2026-12-01)", () => {
    assert.deepStrictEqual(
      rows.map((r) => r.flags),
      [["expiring"], ["fullScope"], ["expired"], ["global", "expiring"]],
    );
  });

  it("filters by any of the chosen flags and by part of the user's name or principal name", () => {
    assert.deepStrictEqual(
      filterRows(rows, { flags: ["expired", "fullScope"], user: "" }).map((r) => r.finding.pat.displayName),
      ['=HYPERLINK("x")', "old"],
    );
    assert.deepStrictEqual(
      filterRows(rows, { flags: [], user: "ADA@" }).map((r) => r.finding.pat.displayName),
      ['=HYPERLINK("x")', "everywhere"],
    );
  });

  it("sorts by expiry, user or name, both ways", () => {
    assert.deepStrictEqual(
      sortRows(rows, "expiry", true).map((r) => r.finding.pat.displayName),
      ["old", "deploy", "everywhere", '=HYPERLINK("x")'],
    );
    assert.deepStrictEqual(
      sortRows(rows, "user", false).map((r) => r.owner.displayName),
      ["Cy", "Bob", "Ada", "Ada"],
    );
  });

  it("applies the lifetime policy the administrator types", () => {
    assert.deepStrictEqual(
      withLifetimePolicy(rows, 300).map((r) => r.flags.includes("longLifetime")),
      [false, false, false, true],
    );
    assert.deepStrictEqual(
      withLifetimePolicy(withLifetimePolicy(rows, 300), null).map((r) => r.flags.includes("longLifetime")),
      [false, false, false, false],
    );
  });

  it("exports RFC 4180 CSV that a spreadsheet cannot run as a formula", () => {
    const lines = rowsToCsv(rows.slice(0, 2)).split("\r\n");
    assert.strictEqual(lines[0], "User,Principal name,PAT,Scope,Expires (UTC),Status,Flags,Authorization id");
    assert.strictEqual(
      lines[2],
      `Ada,ada@contoso.com,"'=HYPERLINK(""x"")",app_token,2027-02-01T00:00:00.000Z,healthy,fullScope,"Ada-=HYPERLINK(""x"")"`,
    );
    assert.strictEqual(lines[3], "");
  });
});
