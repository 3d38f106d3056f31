/** `pat-lifecycle login` and `whoami` end to end against the emulator: browser (loopback + PKCE) and device code. */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { DEFAULT_PUBLIC_CLIENT_ID } from "../emulator/client";
import { signIn } from "../../src/auth/sign-in";
import { cliInProcess, cliProcess, CliRun, loginArgs } from "./cli-harness";
import { DAY_MS } from "../support/days";
import { emulatorSuite } from "../support/emulator-suite";

describe("pat-lifecycle CLI (login, whoami)", function () {
  this.timeout(60_000);
  const world = emulatorSuite({ folder: "pat-lifecycle-cli-" });
  const { secrets, outputs } = world;
  let dir: string;

  before(async () => {
    dir = world.folder;
    await world.emu.addOrganization("fabrikam");
    await world.emu.addPat(world.ada.id, { displayName: "existing", validTo: new Date(Date.now() + 30 * DAY_MS).toISOString() });
  });

  const login = (...extra: string[]) => loginArgs(world.emu.tenantId, ...extra);
  const browser = (url: string) => world.emu.signInInBrowser(url).then(() => undefined);
  async function cli(
    argv: string[],
    o: { onErr?: (t: string) => void; openBrowser?: (url: string) => Promise<void> } = {},
  ): Promise<CliRun> {
    const run = await cliInProcess(argv, { env: world.emu.env, openBrowser: o.openBrowser ?? browser, onErr: o.onErr });
    outputs.push(run.stdout, run.stderr);
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
      { method: "refreshToken", tenantId: world.emu.tenantId, clientId: DEFAULT_PUBLIC_CLIENT_ID, refreshToken },
      { authorityHost: world.emu.authorityHost },
    );
    assert.strictEqual(result.user.upn, "ada@contoso.com");
    if (result.rotatedRefreshToken) secrets.push(result.rotatedRefreshToken);
  }
  /** Answers the device code prompt the way a person would, on the emulator's verification page. */
  const approveDeviceCode = (text: string) => {
    const code = /enter the code (\S+) to authenticate/.exec(text)?.[1];
    if (code) void world.emu.approveDeviceCode(code, world.ada.id);
  };

  it("login in the browser (loopback, PKCE): checks by listing one PAT, writes the refresh token with mode 0600, says what to store where", async () => {
    const file = path.join(dir, "browser", "credentials.json");
    await world.emu.clearRequests();
    const run = await cli(login("--login-hint", "ada@contoso.com", "--out", file));
    assert.strictEqual(run.code, 0, run.stderr);
    assert.strictEqual(run.stdout, "", "nothing on stdout without --print-secret");
    assert.strictEqual(fs.statSync(file).mode & 0o777, 0o600);
    const stored = readCredentials(file);
    assert.strictEqual(stored.tenantId, world.emu.tenantId);
    assert.strictEqual(stored.clientId, DEFAULT_PUBLIC_CLIENT_ID);
    assert.strictEqual(stored.user, "ada@contoso.com");
    await works(stored.refreshToken);
    assert.match(run.stderr, /Signed in as ada@contoso\.com/);
    assert.match(run.stderr, /Checked: listing your PATs in organization 'contoso' works \(found at least one\)/);
    assert.match(run.stderr, /Service connections > New > Microsoft Entra user for PAT Lifecycle/);
    assert.ok(run.stderr.includes(`Tenant ID      ${world.emu.tenantId}`));
    assert.ok(run.stderr.includes(`Refresh token  the "refreshToken" field of ${file}`));
    assert.match(run.stderr, /Administrator/);
    const patCalls = (await world.emu.requests()).filter((r) => /\/_apis\/tokens\/pats/.test(r.path));
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
    outputs.splice(-2, 1); // its stdout is the secret, by request; scan only stderr
  });

  it("device code blocked by Conditional Access says to use the browser (AADSTS53003)", async () => {
    await world.emu.setEntra({ conditionalAccessBlockDeviceCode: true });
    try {
      const run = await cli(login("--device-code", "--out", path.join(dir, "blocked.json")), { onErr: approveDeviceCode });
      assert.strictEqual(run.code, 1);
      assert.match(
        run.stderr,
        /Conditional Access policy blocked this sign-in.*run `pat-lifecycle login` without --device-code.*AADSTS53003/s,
      );
      assert.ok(!fs.existsSync(path.join(dir, "blocked.json")));
    } finally {
      await world.emu.setEntra({ conditionalAccessBlockDeviceCode: false });
    }
  });

  it("login does not save a refresh token that cannot list PATs in the organization", async () => {
    const file = path.join(dir, "fabrikam.json");
    const run = await cli([
      "login",
      "--client-id",
      DEFAULT_PUBLIC_CLIENT_ID,
      "--tenant",
      world.emu.tenantId,
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
    assert.strictEqual((await cli(login("--login-hint", "ada@contoso.com", "--out", file))).code, 0);
    const before = readCredentials(file);
    const run = await cli(["whoami", "--credentials", file]);
    assert.strictEqual(run.code, 0, run.stderr);
    assert.match(run.stdout, new RegExp(`Signs in as ada@contoso\\.com \\(object id ${world.ada.oid}, tenant ${world.emu.tenantId}\\)`));
    assert.ok(
      run.stdout.includes(
        `was issued ${before.issuedAt} (0 days ago); it stops working on ${new Date(Date.parse(before.issuedAt) + 90 * DAY_MS).toISOString().slice(0, 10)}`,
      ),
    );
    const after = readCredentials(file);
    assert.ok(
      run.stdout.includes(
        `Sign-in health: the refresh token in ${file} was just replaced, so it lapses on ${new Date(Date.parse(after.issuedAt) + 90 * DAY_MS).toISOString().slice(0, 10)} (90 days) unless it is used before then.`,
      ),
      run.stdout,
    );
    assert.notStrictEqual(after.refreshToken, before.refreshToken);
    assert.strictEqual(fs.statSync(file).mode & 0o777, 0o600);
    await works(after.refreshToken);
  });

  it("whoami with a 91-day-old refresh token says to sign in again (AADSTS700082)", async () => {
    const file = path.join(dir, "old.json");
    const old = await world.emu.issueRefreshToken(world.ada.id, DEFAULT_PUBLIC_CLIENT_ID, { ageDays: 91 });
    secrets.push(old);
    const issuedAt = new Date(Date.now() - 91 * DAY_MS).toISOString();
    fs.writeFileSync(
      file,
      JSON.stringify({
        tenantId: world.emu.tenantId,
        clientId: DEFAULT_PUBLIC_CLIENT_ID,
        refreshToken: old,
        issuedAt,
        user: "ada@contoso.com",
      }),
      { mode: 0o600 },
    );
    const run = await cli(["whoami", "--credentials", file]);
    assert.strictEqual(run.code, 1);
    assert.match(run.stderr, /refresh token has expired.*Sign in again with `pat-lifecycle login`.*\(Entra error AADSTS700082\)/s);
  });

  it("whoami with a refresh token from the environment says the issue date is unknown", async () => {
    const rt = await world.emu.issueRefreshToken(world.ada.id, DEFAULT_PUBLIC_CLIENT_ID);
    secrets.push(rt);
    const run = await cliInProcess(["whoami", "--tenant", world.emu.tenantId, "--client-id", DEFAULT_PUBLIC_CLIENT_ID], {
      env: { ...world.emu.env, PAT_LIFECYCLE_REFRESH_TOKEN: rt },
    });
    outputs.push(run.stdout, run.stderr);
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
        void world.emu.signInInBrowser(fs.readFileSync(urlFile, "utf8"));
      }, 50);
      const run = await cliProcess(login("--login-hint", "ada@contoso.com", "--out", file), {
        ...world.emu.env,
        BROWSER: fakeBrowser,
        HOME: dir,
      }).finally(() => clearInterval(watcher));
      outputs.push(run.stdout, run.stderr);
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
      const run = await cliProcess(login("--device-code", "--out", file), { ...world.emu.env, HOME: dir }, (soFar) => {
        if (approved) return;
        const code = /enter the code (\S+) to authenticate/.exec(soFar)?.[1];
        if (code) {
          approved = true;
          void world.emu.approveDeviceCode(code, world.ada.id);
        }
      });
      outputs.push(run.stdout, run.stderr);
      assert.strictEqual(run.code, 0, run.stderr);
      await works(readCredentials(file).refreshToken);
    });
  });
});
