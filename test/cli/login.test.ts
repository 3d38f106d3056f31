/** `pat-lifecycle login` and `whoami` end to end against the emulator: browser (loopback + PKCE) and device code. */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { DEFAULT_PUBLIC_CLIENT_ID, Emulator, EmuUser } from "../emulator/client";
import { assertNoSecrets } from "../support/secrets";
import { signIn } from "../../src/auth/sign-in";
import { cliInProcess, cliProcess, CliRun } from "./cli-harness";
import { DAY_MS } from "../support/days";
import { startSeededEmulator } from "../support/seeded-emulator";

describe("pat-lifecycle CLI (login, whoami)", function () {
  this.timeout(60_000);
  let emu: Emulator;
  let ada: EmuUser;
  let dir: string;
  const secrets: string[] = [];
  const runs: CliRun[] = [];

  before(async () => {
    ({ emu, ada } = await startSeededEmulator());
    await emu.addOrganization("fabrikam");
    await emu.addPat(ada.id, { displayName: "existing", validTo: new Date(Date.now() + 30 * DAY_MS).toISOString() });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "pat-lifecycle-cli-"));
  });
  after(async () => {
    for (const run of runs) assertNoSecrets([run.stdout, run.stderr], secrets);
    await emu?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const loginArgs = (...extra: string[]) => [
    "login",
    "--client-id",
    DEFAULT_PUBLIC_CLIENT_ID,
    "--tenant",
    emu.tenantId,
    "--organization",
    "contoso",
    ...extra,
  ];
  const browser = (url: string) => emu.signInInBrowser(url).then(() => undefined);
  async function cli(
    argv: string[],
    o: { onErr?: (t: string) => void; openBrowser?: (url: string) => Promise<void> } = {},
  ): Promise<CliRun> {
    const run = await cliInProcess(argv, { env: emu.env, openBrowser: o.openBrowser ?? browser, onErr: o.onErr });
    runs.push(run);
    return run;
  }
  function readCredentials(file: string): { tenantId: string; clientId: string; refreshToken: string; issuedAt: string; user: string } {
    const c = JSON.parse(fs.readFileSync(file, "utf8")) as {
      tenantId: string;
      clientId: string;
      refreshToken: string;
      issuedAt: string;
      user: string;
    };
    secrets.push(c.refreshToken);
    return c;
  }
  async function works(refreshToken: string): Promise<void> {
    const result = await signIn(
      { method: "refreshToken", tenantId: emu.tenantId, clientId: DEFAULT_PUBLIC_CLIENT_ID, refreshToken },
      { authorityHost: emu.authorityHost },
    );
    assert.strictEqual(result.user.upn, "ada@contoso.com");
    if (result.rotatedRefreshToken) secrets.push(result.rotatedRefreshToken);
  }
  /** Answers the device code prompt the way a person would, on the emulator's verification page. */
  const approveDeviceCode = (text: string) => {
    const code = /enter the code (\S+) to authenticate/.exec(text)?.[1];
    if (code) void emu.approveDeviceCode(code, ada.id);
  };

  it("login in the browser (loopback, PKCE): checks by listing one PAT, writes the refresh token with mode 0600, says what to store where", async () => {
    const file = path.join(dir, "browser", "credentials.json");
    await emu.clearRequests();
    const run = await cli(loginArgs("--login-hint", "ada@contoso.com", "--out", file));
    assert.strictEqual(run.code, 0, run.stderr);
    assert.strictEqual(run.stdout, "", "nothing on stdout without --print-secret");
    assert.strictEqual(fs.statSync(file).mode & 0o777, 0o600);
    const stored = readCredentials(file);
    assert.strictEqual(stored.tenantId, emu.tenantId);
    assert.strictEqual(stored.clientId, DEFAULT_PUBLIC_CLIENT_ID);
    assert.strictEqual(stored.user, "ada@contoso.com");
    await works(stored.refreshToken);
    assert.match(run.stderr, /Signed in as ada@contoso\.com/);
    assert.match(run.stderr, /Checked: listing your PATs in organization 'contoso' works \(found at least one\)/);
    assert.match(run.stderr, /Service connections > New > Microsoft Entra user for PAT Lifecycle/);
    assert.ok(run.stderr.includes(`Tenant ID      ${emu.tenantId}`));
    assert.ok(run.stderr.includes(`Refresh token  the "refreshToken" field of ${file}`));
    assert.match(run.stderr, /Administrator/);
    const patCalls = (await emu.requests()).filter((r) => /\/_apis\/tokens\/pats/.test(r.path));
    assert.strictEqual(patCalls.length, 1);
    assert.strictEqual(patCalls[0].query.$top, "1");
  });

  it("login --device-code --print-secret: shows the code, signs in once approved, prints only the refresh token on stdout", async () => {
    // No --tenant: the "organizations" authority, as a person who does not know their tenant id would use.
    const run = await cli(
      ["login", "--client-id", DEFAULT_PUBLIC_CLIENT_ID, "--organization", "contoso", "--device-code", "--print-secret"],
      { onErr: approveDeviceCode },
    );
    assert.strictEqual(run.code, 0, run.stderr);
    assert.match(run.stderr, /enter the code \S+ to authenticate/);
    const lines = run.stdout.trim().split("\n");
    assert.strictEqual(lines.length, 1, "stdout holds the refresh token alone");
    secrets.push(lines[0]);
    await works(lines[0]);
    assert.match(run.stderr, /The refresh token is on stdout/);
    assert.ok(!run.stderr.includes(lines[0]));
    runs.pop(); // its stdout is the secret, by request; scan only stderr
    runs.push({ ...run, stdout: "" });
  });

  it("device code blocked by Conditional Access says to use the browser (AADSTS53003)", async () => {
    await emu.setEntra({ conditionalAccessBlockDeviceCode: true });
    try {
      const run = await cli(loginArgs("--device-code", "--out", path.join(dir, "blocked.json")), { onErr: approveDeviceCode });
      assert.strictEqual(run.code, 1);
      assert.match(
        run.stderr,
        /Conditional Access policy blocked this sign-in.*run `pat-lifecycle login` without --device-code.*AADSTS53003/s,
      );
      assert.ok(!fs.existsSync(path.join(dir, "blocked.json")));
    } finally {
      await emu.setEntra({ conditionalAccessBlockDeviceCode: false });
    }
  });

  it("login does not save a refresh token that cannot list PATs in the organization", async () => {
    const file = path.join(dir, "fabrikam.json");
    const run = await cli([
      "login",
      "--client-id",
      DEFAULT_PUBLIC_CLIENT_ID,
      "--tenant",
      emu.tenantId,
      "--organization",
      "fabrikam",
      "--login-hint",
      "ada@contoso.com",
      "--out",
      file,
    ]);
    assert.strictEqual(run.code, 1);
    assert.match(
      run.stderr,
      /Signed in as ada@contoso\.com, but listing your PATs in organization 'fabrikam' failed, so the refresh token was not saved/,
    );
    assert.ok(!fs.existsSync(file));
  });

  it("login without --client-id is a usage error naming the flag", async () => {
    const run = await cli(["login", "--organization", "contoso"]);
    assert.strictEqual(run.code, 2);
    assert.match(run.stderr, /login needs --client-id/);
  });

  it("whoami shows who the stored credentials sign in as and when the token was issued, and saves the rotated one", async () => {
    const file = path.join(dir, "whoami.json");
    assert.strictEqual((await cli(loginArgs("--login-hint", "ada@contoso.com", "--out", file))).code, 0);
    const before = readCredentials(file);
    const run = await cli(["whoami", "--credentials", file]);
    assert.strictEqual(run.code, 0, run.stderr);
    assert.match(run.stdout, new RegExp(`Signs in as ada@contoso\\.com \\(object id ${ada.oid}, tenant ${emu.tenantId}\\)`));
    assert.ok(
      run.stdout.includes(
        `was issued ${before.issuedAt} (0 days ago); it stops working on ${new Date(Date.parse(before.issuedAt) + 90 * DAY_MS).toISOString().slice(0, 10)}`,
      ),
    );
    const after = readCredentials(file);
    assert.notStrictEqual(after.refreshToken, before.refreshToken);
    assert.strictEqual(fs.statSync(file).mode & 0o777, 0o600);
    await works(after.refreshToken);
  });

  it("whoami with a 91-day-old refresh token says to sign in again (AADSTS700082)", async () => {
    const file = path.join(dir, "old.json");
    const old = await emu.issueRefreshToken(ada.id, DEFAULT_PUBLIC_CLIENT_ID, { ageDays: 91 });
    secrets.push(old);
    const issuedAt = new Date(Date.now() - 91 * DAY_MS).toISOString();
    fs.writeFileSync(
      file,
      JSON.stringify({ tenantId: emu.tenantId, clientId: DEFAULT_PUBLIC_CLIENT_ID, refreshToken: old, issuedAt, user: "ada@contoso.com" }),
      { mode: 0o600 },
    );
    const run = await cli(["whoami", "--credentials", file]);
    assert.strictEqual(run.code, 1);
    assert.match(run.stderr, /refresh token has expired.*Sign in again with `pat-lifecycle login`.*\(Entra error AADSTS700082\)/s);
  });

  it("whoami with a refresh token from the environment says the issue date is unknown", async () => {
    const rt = await emu.issueRefreshToken(ada.id, DEFAULT_PUBLIC_CLIENT_ID);
    secrets.push(rt);
    const run = await cliInProcess(["whoami", "--tenant", emu.tenantId, "--client-id", DEFAULT_PUBLIC_CLIENT_ID], {
      env: { ...emu.env, PAT_LIFECYCLE_REFRESH_TOKEN: rt },
    });
    runs.push(run);
    assert.strictEqual(run.code, 0, run.stderr);
    assert.match(run.stdout, /Signs in as ada@contoso\.com/);
    assert.match(run.stdout, /When the refresh token was issued is not known/);
  });

  describe("as a real process (bin out/src/cli/main.js)", () => {
    it("login opens $BROWSER on the authorize URL and completes on the loopback redirect", async () => {
      const urlFile = path.join(dir, "browser-url.txt");
      const fakeBrowser = path.join(dir, "fake-browser.sh");
      fs.writeFileSync(fakeBrowser, `#!/bin/sh\nprintf '%s' "$1" > '${urlFile}'\n`, { mode: 0o755 });
      const file = path.join(dir, "process", "credentials.json");
      // The fake browser only records the URL; this test then plays the person in the browser.
      let opened = false;
      const watcher = setInterval(() => {
        if (opened || !fs.existsSync(urlFile) || fs.readFileSync(urlFile, "utf8") === "") return;
        opened = true;
        void emu.signInInBrowser(fs.readFileSync(urlFile, "utf8"));
      }, 50);
      const run = await cliProcess(loginArgs("--login-hint", "ada@contoso.com", "--out", file), {
        ...emu.env,
        BROWSER: fakeBrowser,
        HOME: dir,
      }).finally(() => clearInterval(watcher));
      runs.push(run);
      assert.strictEqual(run.code, 0, run.stderr);
      assert.ok(opened, "the browser was asked to open the sign-in page");
      assert.match(new URL(fs.readFileSync(urlFile, "utf8")).searchParams.get("redirect_uri") ?? "", /^http:\/\/localhost:\d+/);
      assert.strictEqual(new URL(fs.readFileSync(urlFile, "utf8")).searchParams.get("code_challenge_method"), "S256");
      assert.strictEqual(fs.statSync(file).mode & 0o777, 0o600);
      await works(readCredentials(file).refreshToken);
    });

    it("login --device-code prints the code on stderr and completes once approved", async () => {
      const file = path.join(dir, "process-device.json");
      let approved = false;
      const run = await cliProcess(loginArgs("--device-code", "--out", file), { ...emu.env, HOME: dir }, (soFar) => {
        if (approved) return;
        const code = /enter the code (\S+) to authenticate/.exec(soFar)?.[1];
        if (code) {
          approved = true;
          void emu.approveDeviceCode(code, ada.id);
        }
      });
      runs.push(run);
      assert.strictEqual(run.code, 0, run.stderr);
      await works(readCredentials(file).refreshToken);
    });
  });
});
