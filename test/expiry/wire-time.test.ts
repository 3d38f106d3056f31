/** src/expiry/wire-time.ts: the service's date-times and UTC calendar days. */
import * as assert from "assert";
import { parseWireTime, utcCalendarDaysBetween, utcDate } from "../../src/expiry/wire-time";

describe("expiry/wire-time", () => {
  it("reads Token Admin timestamps without a zone as UTC, whatever the machine's zone", () => {
    const saved = process.env.TZ;
    process.env.TZ = "America/Los_Angeles";
    try {
      assert.strictEqual(parseWireTime("2026-11-23T23:00:00"), Date.parse("2026-11-23T23:00:00Z"));
      assert.strictEqual(parseWireTime("2020-11-02T22:56:52.1033333"), Date.parse("2020-11-02T22:56:52.103Z"));
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it("reads SQL-precision and offset timestamps", () => {
    assert.strictEqual(parseWireTime("2020-12-01T23:46:23.32Z"), Date.parse("2020-12-01T23:46:23.320Z"));
    assert.strictEqual(parseWireTime("2026-11-24T02:00:00+05:00"), Date.parse("2026-11-23T21:00:00Z"));
    assert.ok(Number.isNaN(parseWireTime("not a date")));
  });

  it("counts UTC calendar days, not 24-hour periods", () => {
    const now = Date.parse("2026-11-23T23:30:00Z");
    assert.strictEqual(utcCalendarDaysBetween(now, Date.parse("2026-11-24T00:30:00Z")), 1, "one hour later is tomorrow");
    assert.strictEqual(utcCalendarDaysBetween(now, Date.parse("2026-11-23T00:00:00Z")), 0);
    assert.strictEqual(utcCalendarDaysBetween(now, Date.parse("2026-11-22T23:59:59Z")), -1);
    assert.strictEqual(utcDate(now), "2026-11-23");
  });
});
