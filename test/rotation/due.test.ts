/** onlyIfExpiringWithinDays means what warnWithinDays means: UTC calendar days, inclusive. */
import * as assert from "assert";
import { classifyPat } from "../../src/expiry/classify";
import { recordFromPatToken } from "../../src/expiry/pat-record";
import { dueOn, isDue } from "../../src/rotation/due";

const pat = (validTo: string) => ({
  displayName: "p",
  validTo,
  scope: "vso.code",
  targetAccounts: ["org"],
  validFrom: "2026-11-01T00:00:00Z",
  authorizationId: "00000000-0000-0000-0000-000000000001",
});
const policy = (days: number) => ({
  warnWithinDays: days,
  failWithinDays: 0,
  includeExpired: true,
  flagGlobal: false,
  flagFullScope: false,
  maxLifetimeDays: null,
  nameFilter: null,
});

describe("rotation: when a PAT is due (src/rotation/due.ts)", () => {
  it("counts UTC calendar days: 7 days from 10:00 to 23:00 is due within 7, 8 days from 10:00 to 00:30 is not", () => {
    const now = new Date("2026-11-20T10:00:00Z");
    assert.strictEqual(isDue(pat("2026-11-27T23:00:00Z"), 7, now), true, "7 days and 13 hours away, but 7 calendar days");
    assert.strictEqual(isDue(pat("2026-11-28T00:30:00Z"), 7, now), false, "7 days and 14.5 hours away: 8 calendar days");
    assert.strictEqual(dueOn(pat("2026-11-28T00:30:00Z"), 7).toISOString(), "2026-11-21T00:00:00.000Z");
    assert.strictEqual(isDue(pat("2026-11-27T06:00:00+05:00"), 7, now), true, "the zone the service wrote does not matter (01:00 UTC)");
  });

  it("agrees with CheckPatExpiry's (and the hub's) classification for every hour of two weeks", () => {
    const now = new Date("2026-11-20T10:17:00Z");
    for (let hours = 1; hours < 24 * 14; hours++) {
      const validTo = new Date(now.getTime() + hours * 3600_000).toISOString();
      for (const days of [0, 1, 3, 7]) {
        const warned = classifyPat(recordFromPatToken({ ...pat(validTo), token: null }), now.getTime(), policy(days)).status !== "healthy";
        assert.strictEqual(isDue(pat(validTo), days, now), warned, `${validTo}, within ${days}`);
      }
    }
  });
});
