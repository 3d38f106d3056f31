/**
 * dist/pat-lifecycle-cli-<version>.tgz as a new user gets it: installed with npm into an empty folder
 * with an empty cache and no network (so it must need nothing but itself), then run.
 */
import * as assert from "assert";
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { scriptProcess } from "../cli/cli-harness";
import { DEFAULT_PUBLIC_CLIENT_ID, startEmulator, type Emulator } from "../emulator/client";

const root = path.resolve(__dirname, "..", "..", "..");
const version = (JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { version: string }).version;

describe("the pat-lifecycle CLI npm package", function () {
  this.timeout(180_000);
  let folder: string;
  let tgz: string;
  let bin: string;
  let emulator: Emulator;
  let userId: string;

  before(async () => {
    const output = execFileSync(process.execPath, [path.join(root, "scripts", "package-cli.js")], { cwd: root, encoding: "utf8" });
    assert.match(output, new RegExp(`packaged dist[\\\\/]pat-lifecycle-cli-${version.replace(/\./g, "\\.")}\\.tgz`));
    folder = fs.mkdtempSync(path.join(os.tmpdir(), "pat-lifecycle-cli-"));
    tgz = path.join(folder, `pat-lifecycle-cli-${version}.tgz`);
    fs.copyFileSync(path.join(root, "dist", `pat-lifecycle-cli-${version}.tgz`), tgz);
    execFileSync("npm", ["install", "--offline", "--no-audit", "--no-fund", `./pat-lifecycle-cli-${version}.tgz`], {
      cwd: folder,
      env: {
        PATH: process.env.PATH,
        HOME: folder,
        npm_config_cache: path.join(folder, ".npm-cache"),
        npm_config_registry: "https://registry.invalid/",
      },
      encoding: "utf8",
    });
    bin = path.join(folder, "node_modules", ".bin", "pat-lifecycle");
    emulator = await startEmulator();
    await emulator.addOrganization("contoso");
    userId = (await emulator.addUser({ displayName: "New User", principalName: "new@contoso.com", organizations: ["contoso"] })).id;
  });

  after(async () => {
    await emulator?.stop();
    if (folder) fs.rmSync(folder, { recursive: true, force: true });
  });

  it("installs offline as one package with no dependencies", () => {
    assert.deepStrictEqual(
      fs.readdirSync(path.join(folder, "node_modules")).filter((n) => !n.startsWith(".")),
      ["pat-lifecycle-cli"],
    );
    const manifest = JSON.parse(fs.readFileSync(path.join(folder, "node_modules", "pat-lifecycle-cli", "package.json"), "utf8")) as Record<
      string,
      unknown
    >;
    assert.strictEqual(manifest.dependencies, undefined);
    assert.deepStrictEqual(manifest.bin, { "pat-lifecycle": "pat-lifecycle.js" });
    assert.ok(fs.existsSync(bin), "npm linked the pat-lifecycle command");
  });

  it("answers --help", async () => {
    const run = await scriptProcess(bin, ["--help"], { PATH: process.env.PATH, HOME: folder });
    assert.strictEqual(run.code, 0, run.stderr);
    assert.match(run.stderr, /^pat-lifecycle: sign in once as yourself/);
    assert.match(run.stderr, /pat-lifecycle app-registration/);
  });

  it("runs straight from the .tgz with npx --yes, as the set-up instructions say", () => {
    const npxFolder = fs.mkdtempSync(path.join(folder, "npx-"));
    fs.copyFileSync(tgz, path.join(npxFolder, path.basename(tgz)));
    const help = spawnSync("npx", ["--yes", "--offline", `./${path.basename(tgz)}`, "--help"], {
      cwd: npxFolder,
      env: {
        PATH: process.env.PATH,
        HOME: npxFolder,
        npm_config_cache: path.join(npxFolder, ".npm-cache"),
        npm_config_registry: "https://registry.invalid/",
      },
      encoding: "utf8",
    });
    assert.strictEqual(help.status, 0, help.stderr);
    assert.match(help.stderr, /^pat-lifecycle: sign in once as yourself/m);
  });

  it("signs in with a device code against the emulator and prints only the refresh token", async () => {
    let approved = false;
    const run = await scriptProcess(
      bin,
      [
        "login",
        "--client-id",
        DEFAULT_PUBLIC_CLIENT_ID,
        "--tenant",
        emulator.tenantId,
        "--organization",
        "contoso",
        "--device-code",
        "--print-secret",
      ],
      { PATH: process.env.PATH, HOME: folder, ...emulator.env },
      (soFar) => {
        const code = /enter the code (\S+) to authenticate/.exec(soFar)?.[1];
        if (code && !approved) {
          approved = true;
          void emulator.approveDeviceCode(code, userId);
        }
      },
    );
    assert.strictEqual(run.code, 0, run.stderr);
    assert.match(run.stderr, /new@contoso\.com/);
    const refreshToken = run.stdout.trim();
    assert.match(refreshToken, /^\S{20,}$/);
    assert.ok(!run.stderr.includes(refreshToken), "the refresh token went to stderr too");
  });
});
