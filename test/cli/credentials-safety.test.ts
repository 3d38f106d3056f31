/**
 * The CLI never loses a fresh refresh token and keeps it private: a path it cannot write, a file where
 * its folder must be, a credentials file others can read, and a browser that never comes back.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { DEFAULT_PUBLIC_CLIENT_ID } from "../emulator/client";
import { signIn } from "../../src/auth/sign-in";
import { saveFailure } from "../../src/cli/credentials-file";
import { cliInProcess, cliProcess, CliRun, loginArgs } from "./cli-harness";
import { emulatorSuite } from "../support/emulator-suite";

/** A user whom file permissions stop: root passes every permission check, so a root test run uses nobody. */
const RESTRICTED = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined;

describe("pat-lifecycle CLI keeps the refresh token safe", function () {
  this.timeout(60_000);
  const world = emulatorSuite({ folder: "pat-lifecycle-cli-safety-" });
  const { secrets, outputs } = world;
  let dir: string;
  let caFile: string;

  before(() => {
    dir = world.folder;
    fs.chmodSync(dir, 0o755);
    // The emulator's CA where a restricted user can read it.
    caFile = path.join(dir, "ca.pem");
    fs.copyFileSync(world.emu.caFile, caFile);
    fs.chmodSync(caFile, 0o644);
  });

  const deviceCodeLogin = (...extra: string[]) => loginArgs(world.emu.tenantId, "--device-code", ...extra);

  /** `pat-lifecycle login --device-code` as a real process, the code approved as soon as it is shown. */
  async function loginProcess(extra: string[], env: Record<string, string> = {}, as?: { uid: number; gid: number }): Promise<CliRun> {
    let approved = false;
    const run = await cliProcess(
      deviceCodeLogin(...extra),
      { ...world.emu.env, NODE_EXTRA_CA_CERTS: caFile, HOME: dir, ...env },
      (soFar) => {
        const code = /enter the code (\S+) to authenticate/.exec(soFar)?.[1];
        if (code && !approved) {
          approved = true;
          void world.emu.approveDeviceCode(code, world.ada.id);
        }
      },
      40_000,
      as,
    );
    outputs.push(run.stderr);
    return run;
  }

  async function assertWorks(refreshToken: string): Promise<void> {
    secrets.push(refreshToken);
    const result = await signIn(
      { method: "refreshToken", tenantId: world.emu.tenantId, clientId: DEFAULT_PUBLIC_CLIENT_ID, refreshToken },
      { authorityHost: world.emu.authorityHost },
    );
    assert.strictEqual(result.user.upn, "ada@contoso.com");
  }

  /** The handed-over token is stdout's only line. */
  function handedOver(run: CliRun): string {
    const lines = run.stdout.trim().split("\n");
    assert.strictEqual(lines.length, 1, `stdout: ${run.stdout}`);
    return lines[0];
  }

  it("a path it may not write: says so in one sentence and hands the token over on stdout", async () => {
    const locked = path.join(dir, "locked");
    fs.mkdirSync(locked, { mode: 0o755 });
    if (!RESTRICTED) fs.chmodSync(locked, 0o555);
    const file = path.join(locked, "sub", "credentials.json");
    const run = await loginProcess(["--out", file], {}, RESTRICTED);
    assert.strictEqual(run.code, 1, run.stderr);
    assert.ok(
      run.stderr.includes(
        `Could not save the refresh token to ${file}: you have no permission to write there (EACCES). So that the new refresh token is not lost, it is printed on stdout instead`,
      ),
      run.stderr,
    );
    assert.ok(!/\n\s+at /.test(run.stderr), "a stack trace");
    await assertWorks(handedOver(run));
    assert.match(run.stderr, /Refresh token {2}the refresh token printed on stdout/);
  });

  it("a file where its folder must be: names the file in the way and hands the token over", async () => {
    const blocker = path.join(dir, "blocker");
    fs.writeFileSync(blocker, "not a folder");
    const file = path.join(blocker, "credentials.json");
    const run = await loginProcess(["--out", file]);
    assert.strictEqual(run.code, 1, run.stderr);
    assert.ok(
      run.stderr.includes(
        `Could not save the refresh token to ${file}: '${blocker}' is in the way where a folder must be (EEXIST). So that the new refresh token is not lost, it is printed on stdout instead.`,
      ),
      run.stderr,
    );
    await assertWorks(handedOver(run));
  });

  it("~/.pat-lifecycle in the way as a file, and its default folder made 0700 when it is a folder", async () => {
    const home = path.join(dir, "home-file");
    fs.mkdirSync(home);
    fs.writeFileSync(path.join(home, ".pat-lifecycle"), "");
    const blocked = await loginProcess([], { HOME: home });
    assert.strictEqual(blocked.code, 1, blocked.stderr);
    assert.match(blocked.stderr, /: '.*\.pat-lifecycle' is in the way where a folder must be \(E(EXIST|NOTDIR)\)\./);
    await assertWorks(handedOver(blocked));

    const open = path.join(dir, "home-open");
    fs.mkdirSync(path.join(open, ".pat-lifecycle"), { recursive: true, mode: 0o755 });
    fs.chmodSync(path.join(open, ".pat-lifecycle"), 0o755);
    const run = await loginProcess([], { HOME: open });
    assert.strictEqual(run.code, 0, run.stderr);
    assert.strictEqual(fs.statSync(path.join(open, ".pat-lifecycle")).mode & 0o777, 0o700);
    const file = path.join(open, ".pat-lifecycle", "credentials.json");
    assert.strictEqual(fs.statSync(file).mode & 0o777, 0o600);
    await assertWorks((JSON.parse(fs.readFileSync(file, "utf8")) as { refreshToken: string }).refreshToken);
  });

  it("an existing credentials file others can read (0644): warns, makes it 0600, and still works", async () => {
    const file = path.join(dir, "open.json");
    const rt = await world.emu.issueRefreshToken(world.ada.id, DEFAULT_PUBLIC_CLIENT_ID);
    secrets.push(rt);
    fs.writeFileSync(
      file,
      JSON.stringify({
        tenantId: world.emu.tenantId,
        clientId: DEFAULT_PUBLIC_CLIENT_ID,
        refreshToken: rt,
        issuedAt: new Date().toISOString(),
        user: "ada@contoso.com",
      }),
    );
    fs.chmodSync(file, 0o644);
    const run = await cliInProcess(["whoami", "--credentials", file], { env: world.emu.env });
    outputs.push(run.stderr);
    assert.strictEqual(run.code, 0, run.stderr);
    assert.ok(
      run.stderr.startsWith(
        `Warning: ${file} was readable by other users of this machine (mode 0644); it is now readable by you only (0600).`,
      ),
      run.stderr,
    );
    assert.strictEqual(fs.statSync(file).mode & 0o777, 0o600);
    const quiet = await cliInProcess(["whoami", "--credentials", file], { env: world.emu.env });
    outputs.push(quiet.stderr);
    assert.strictEqual(quiet.stderr, "", "no warning once the file is private");
  });

  it("a browser that never comes back: gives up after the stated time with a sentence, and closes its redirect listener", async () => {
    let redirect = "";
    const run = await cliInProcess(loginArgs(world.emu.tenantId, "--out", path.join(dir, "never.json"), "--sign-in-timeout", "2"), {
      env: world.emu.env,
      openBrowser: async (url) => void (redirect = new URL(url).searchParams.get("redirect_uri") ?? ""),
    });
    outputs.push(run.stderr);
    assert.strictEqual(run.code, 1);
    assert.ok(
      run.stderr.includes(
        "Gave up after waiting 2 seconds for the sign-in in the browser to come back. Run `pat-lifecycle login` again, finish signing in within that time (--sign-in-timeout <seconds> to wait longer), or use --device-code.",
      ),
      run.stderr,
    );
    assert.match(redirect, /^http:\/\/localhost:\d+/);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await assert.rejects(fetch(redirect), "the sign-in's loopback listener is still open");
    assert.ok(!fs.existsSync(path.join(dir, "never.json")));
  });

  it("a device code never approved: gives up after the stated time, and the process ends", async () => {
    const run = await cliProcess(
      deviceCodeLogin("--out", path.join(dir, "unapproved.json"), "--sign-in-timeout", "2"),
      { ...world.emu.env, HOME: dir },
      undefined,
      20_000,
    );
    outputs.push(run.stderr);
    assert.strictEqual(run.code, 1, run.stderr);
    assert.match(
      run.stderr,
      /Gave up after waiting 2 seconds for the device code to be approved\. Run `pat-lifecycle login` again, and approve the code in time\./,
    );
  });

  it("says why a save failed for a read-only disk or a full one", () => {
    const failure = (code: string) => saveFailure("/x/credentials.json", Object.assign(new Error(code), { code }));
    assert.strictEqual(failure("EROFS"), "Could not save the refresh token to /x/credentials.json: the disk is read-only (EROFS).");
    assert.strictEqual(failure("ENOSPC"), "Could not save the refresh token to /x/credentials.json: the disk is full (ENOSPC).");
  });
});
