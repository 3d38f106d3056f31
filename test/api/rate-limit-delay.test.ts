/** Under the service's delaying rate limit, src/api waits: a create delayed 25 s is a created PAT, not a lost answer. */
import * as assert from "assert";
import { HttpClient } from "../../src/api/http";
import { bearer } from "../../src/api/credential";
import { createPat } from "../../src/api/pats";
import { ORG, startWorld, type World } from "./emulator-world";
import { daysFromNow } from "../support/days";

describe("api under a delaying rate limit (the emulator's default mode)", function () {
  this.timeout(90_000);
  let w: World;
  before(async () => (w = await startWorld()));
  after(async () => w?.emu.stop());

  it("a create the service delays 25 s comes back as one created PAT, with the default timeout and no lookup", async () => {
    // One unit of budget per 25 s: the first request uses it, the create waits 25 s for the next.
    await w.emu.setRateLimit({ budget: 1, windowMs: 25_000 });
    try {
      const http = new HttpClient({ credential: bearer(() => w.token) });
      const ctx = { http, endpoints: w.endpoints, organization: ORG };
      await w.emu.clearRequests();
      const started = Date.now();
      const first = await createPat(ctx, { displayName: "before-the-delay", scope: "vso.code", validTo: daysFromNow(30), allOrgs: false });
      const delayed = await createPat(ctx, { displayName: "delayed-25s", scope: "vso.code", validTo: daysFromNow(30), allOrgs: false });
      const tookMs = Date.now() - started;
      assert.strictEqual(first.displayName, "before-the-delay");
      assert.strictEqual(delayed.displayName, "delayed-25s");
      assert.ok(delayed.token && delayed.token.length >= 52);
      assert.ok(tookMs >= 24_000, `the service really delayed it (${tookMs} ms)`);
      const log = await w.logged(/\/_apis\/tokens\/pats$/i);
      assert.deepStrictEqual(
        log.map((r) => `${r.method} ${r.status}`),
        ["POST 200", "POST 200"],
        "no resend, no lookup list, no 429",
      );
      assert.strictEqual((await w.emu.pats(w.user.id)).filter((p) => p.displayName === "delayed-25s").length, 1);
    } finally {
      await w.emu.setRateLimit(null);
    }
  });
});
