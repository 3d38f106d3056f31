/** The emulator started by hand (npm run emulator) prints what a client needs and serves it. */
import * as assert from "assert";
import { spawn, type ChildProcess } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { PublicClientApplication } from "@azure/msal-node";
import type { PagedPatTokens } from "../../src/api/model";
import { trustCaInThisProcess } from "./client";

/** `npm run emulator` = node out/test/emulator/main.js: a person points a client at what it prints. */
describe("emulator: started by hand (npm run emulator)", function () {
  let child: ChildProcess | undefined;
  after(() => {
    child?.kill("SIGTERM");
  });

  it("starts seeded, prints URLs, env and a refresh token that msal-node redeems", async () => {
    child = spawn(process.execPath, [path.join(__dirname, "main.js")], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    await new Promise<void>((resolve, reject) => {
      child?.stdout?.on("data", (d: Buffer) => {
        out += d.toString();
        if (out.includes("Ctrl-C stops it.")) resolve();
      });
      child?.once("exit", (code) => reject(new Error(`main.js exited with ${code}: ${out}`)));
    });
    const value = (re: RegExp) => {
      const m = re.exec(out);
      assert.ok(m, `output lacks ${re}:\n${out}`);
      return m[1];
    };
    const vssps = value(/export PAT_LIFECYCLE_VSSPS_URL=(\S+)/);
    const authorityHost = value(/export PAT_LIFECYCLE_AUTHORITY_HOST=(\S+)/);
    const caFile = value(/export NODE_EXTRA_CA_CERTS=(\S+)/);
    assert.match(value(/export PAT_LIFECYCLE_DEVOPS_URL=(\S+)/), /^https:\/\/127\.0\.0\.1:\d+$/);
    const tenantId = value(/tenant: ([0-9a-f-]{36})/);
    const clientId = value(/Public client id: (\S+)/);
    const refreshToken = value(/Refresh token for ada@contoso\.com \(client [^)]+\):\n\s+(\S+)/);
    trustCaInThisProcess(fs.readFileSync(caFile, "utf8"));

    const app = new PublicClientApplication({
      auth: { clientId, authority: `${authorityHost}/${tenantId}`, knownAuthorities: [new URL(authorityHost).host] },
    });
    const result = await app.acquireTokenByRefreshToken({ refreshToken, scopes: ["499b84ac-1321-427f-aa17-267ca6975798/.default"] });
    assert.strictEqual(result?.account?.username, "ada@contoso.com");

    // The seeded user has PATs in every state.
    const res = await fetch(`${vssps}/contoso/_apis/tokens/pats?api-version=7.1-preview.1&displayFilterOption=all&$top=100`, {
      headers: { authorization: `Bearer ${result?.accessToken}` },
    });
    const pats = ((await res.json()) as PagedPatTokens).patTokens;
    const now = Date.now();
    assert.ok(pats.length >= 40, `seeded PATs: ${pats.length}`);
    assert.ok(
      pats.some((p) => Date.parse(p.validTo) < now),
      "an expired one",
    );
    assert.ok(
      pats.some((p) => p.targetAccounts === null),
      "a global one",
    );
    assert.ok(
      pats.some((p) => p.scope === "app_token"),
      "a full-scope one",
    );
    const revoked = await fetch(`${vssps}/contoso/_apis/tokens/pats?api-version=7.1-preview.1&displayFilterOption=revoked`, {
      headers: { authorization: `Bearer ${result?.accessToken}` },
    });
    assert.ok(((await revoked.json()) as PagedPatTokens).patTokens.length > 0, "revoked ones");
  });
});
