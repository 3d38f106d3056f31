/** The emulator's test-side client: each emulator in its own process with its own CA, two trusted side by side. */
import * as assert from "assert";
import * as fs from "fs";
import { startEmulator } from "./client";

describe("emulator: client process handling", function () {
  it("runs each emulator in its own process with its own CA; one test process can trust two; stop ends it", async () => {
    const [a, b] = await Promise.all([startEmulator(), startEmulator()]);
    try {
      a.trustInThisProcess();
      b.trustInThisProcess();
      assert.notStrictEqual(fs.readFileSync(a.caFile, "utf8"), fs.readFileSync(b.caFile, "utf8"));
      assert.deepStrictEqual(Object.keys(a.env).sort(), [
        "NODE_EXTRA_CA_CERTS",
        "PAT_LIFECYCLE_AUTHORITY_HOST",
        "PAT_LIFECYCLE_DEVOPS_URL",
        "PAT_LIFECYCLE_GITHUB_API_URL",
        "PAT_LIFECYCLE_VSSPS_URL",
      ]);
      assert.strictEqual(a.env.NODE_EXTRA_CA_CERTS, a.caFile);
      for (const e of [a, b]) {
        const r = await fetch(`${e.authorityHost}/${e.tenantId}/v2.0/.well-known/openid-configuration`);
        assert.strictEqual(r.status, 200);
        assert.match(e.vsspsUrl, /^https:\/\/127\.0\.0\.1:\d+$/);
      }
      await assert.rejects(
        a.addPat("no-such-user", { displayName: "x", validTo: "2030-01-01T00:00:00Z" }),
        /emulator addPat: unknown user id: no-such-user/,
      );
    } finally {
      await a.stop();
      await b.stop();
    }
    await assert.rejects(fetch(`${a.vsspsUrl}/_emulator/requests`, { method: "POST" }), /fetch failed/);
    assert.ok(!fs.existsSync(a.caFile), "the CA file is removed with the emulator");
  });
});
