/**
 * The .vsix is the product: build it, unzip it into an empty folder with no node_modules above,
 * check what it contains, and run each task from there against the emulator as the agent would.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { execFileSync } from "child_process";
import { startEmulator, Emulator } from "../emulator/client";
import { parseTaskOutput } from "../support/task";
import { assertNoSecrets, visibleTaskOutput } from "../support/secrets";
import { packageExtension, runPackagedTask } from "../support/packaged-task";
import { taskJsonProblems, TaskJson } from "./task-json-rules";
// tfx's own task.json validation, the one `tfx extension create` runs.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { validateTask } = require("tfx-cli/_build/lib/jsonvalidate") as { validateTask(p: string, d: unknown): string[] };

const root = path.resolve(__dirname, "..", "..", "..");
// The packaging script's tfx call and parser of its output, plain JavaScript outside the compiled tree.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parseTfxCreateOutput, tfxCreateArgs } = require(path.join(root, "scripts", "tfx-output.js")) as {
  parseTfxCreateOutput(output: string): { warnings: string[] };
  tfxCreateArgs(stage: string, outputPath: string): string[];
};
const TASKS = ["CheckPatExpiryV1", "RotatePatV1", "PatLifecycleSignInV1"];

describe("the packaged extension", function () {
  this.timeout(300_000);
  let unpacked: string;
  let files: string[];

  before(() => {
    const extension = packageExtension();
    assert.match(extension.output, /packaged dist[\\/]/);
    unpacked = extension.unpacked;
    files = listFiles(unpacked);
  });

  after(() => fs.rmSync(unpacked, { recursive: true, force: true }));

  it("is unpacked where no node_modules can be found above it", () => {
    for (let dir = unpacked; dir !== path.dirname(dir); dir = path.dirname(dir)) {
      assert.ok(!fs.existsSync(path.join(dir, "node_modules")), `node_modules found at ${dir}`);
    }
  });

  it("has every file its manifest's contributions and icons point at", () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(unpacked, "extension.vsomanifest"), "utf8"));
    const referenced: string[] = [];
    for (const c of manifest.contributions) {
      if (c.type === "ms.vss-distributed-task.task") referenced.push(`${c.properties.name}/task.json`);
      if (c.type === "ms.vss-web.hub") referenced.push(c.properties.uri, c.properties.icon.light, c.properties.icon.dark);
    }
    const vsixManifest = fs.readFileSync(path.join(unpacked, "extension.vsixmanifest"), "utf8");
    for (const match of vsixManifest.matchAll(/Path="([^"]+)"/g)) referenced.push(match[1]);
    assert.ok(referenced.length >= 6, `too few references found: ${referenced.join(", ")}`);
    for (const file of referenced) assert.ok(fs.existsSync(path.join(unpacked, file)), `${file} is referenced but not in the package`);
    const types = manifest.contributions.map((c: { type: string }) => c.type).sort();
    assert.deepStrictEqual(types, [
      "ms.vss-distributed-task.task",
      "ms.vss-distributed-task.task",
      "ms.vss-distributed-task.task",
      "ms.vss-endpoint.service-endpoint-type",
      "ms.vss-web.hub",
    ]);
    // Azure DevOps Services only: the PAT Lifecycle API does not exist on Azure DevOps Server.
    const installationTargets = [...vsixManifest.matchAll(/<InstallationTarget Id="([^"]+)"/g)].map((m) => m[1]);
    assert.deepStrictEqual(installationTargets, ["Microsoft.VisualStudio.Services.Cloud"]);
  });

  it("ships task.json files that validate, with every tl.loc key the code uses", () => {
    for (const task of TASKS) {
      const taskJsonPath = path.join(unpacked, "tasks", task, "task.json");
      const taskJson = JSON.parse(fs.readFileSync(taskJsonPath, "utf8")) as TaskJson & { execution: Record<string, { target: string }> };
      assert.deepStrictEqual(validateTask(taskJsonPath, taskJson), [], `tfx validation of ${task}`);
      assert.deepStrictEqual(Object.keys(taskJson.execution).sort(), ["Node20_1", "Node24"]);
      const bundle = fs.readFileSync(path.join(unpacked, "tasks", task, "index.js"), "utf8");
      const keys = [...new Set([...bundle.matchAll(/\bloc\)?\(\s*"(\w+)"/g)].map((m) => m[1]))];
      // LIB_* keys are task-lib's own, loaded from the lib.json shipped beside the bundle.
      const libMessages = (
        JSON.parse(fs.readFileSync(path.join(unpacked, "tasks", task, "lib.json"), "utf8")) as { messages: Record<string, string> }
      ).messages;
      const libKeys = keys.filter((k) => k.startsWith("LIB_"));
      assert.deepStrictEqual(
        libKeys.filter((k) => !(k in libMessages)),
        [],
        `${task}: task-lib messages missing from lib.json`,
      );
      const ownKeys = keys.filter((k) => !k.startsWith("LIB_"));
      assert.ok(ownKeys.length > 5, `${task}: found only ${ownKeys.length} tl.loc keys in the bundle`);
      assert.deepStrictEqual(taskJsonProblems(taskJson, ownKeys), []);
    }
  });

  it("fails packaging on the task.json warnings tfx itself lets through", () => {
    const broken = fs.mkdtempSync(path.join(os.tmpdir(), "pat-lifecycle-broken-"));
    try {
      fs.cpSync(path.join(root, "dist", "package"), broken, { recursive: true });
      const taskJson = path.join(broken, "tasks", "RotatePatV1", "task.json");
      fs.writeFileSync(
        taskJson,
        JSON.stringify({
          ...JSON.parse(fs.readFileSync(taskJson, "utf8")),
          friendlyName: "A friendly name much longer than forty characters",
        }),
      );
      const tfxCreate = (stage: string) =>
        execFileSync(process.execPath, [require.resolve("tfx-cli/_build/tfx-cli.js"), ...tfxCreateArgs(stage, broken)], {
          encoding: "utf8",
        });
      const output = tfxCreate(broken);
      assert.ok(
        parseTfxCreateOutput(output).warnings.some((w) => w.includes("friendlyName is a required string <= 40 chars")),
        `tfx output:\n${output}`,
      );
      assert.deepStrictEqual(
        parseTfxCreateOutput(tfxCreate(path.join(root, "dist", "package"))).warnings,
        [],
        "the package built from the repository has warnings",
      );
    } finally {
      fs.rmSync(broken, { recursive: true, force: true });
    }
  });

  it("ships no tests, sources, source maps or development dependencies", () => {
    const offending = files.filter(
      (f) => /(^|\/)(test|node_modules|src|out)\//.test(f) || /\.(ts|tsx|map)$/.test(f) || /\.test\.js$/.test(f),
    );
    assert.deepStrictEqual(offending, []);
    // What webpack bundled, recorded by webpack.tasks.config.js, against package-lock.json's dev flags.
    const lock = JSON.parse(fs.readFileSync(path.join(root, "package-lock.json"), "utf8")) as {
      packages: Record<string, { dev?: boolean }>;
    };
    for (const task of TASKS) {
      const bundled = JSON.parse(fs.readFileSync(path.join(root, "dist", "bundled-packages", `${task}.json`), "utf8")) as string[];
      assert.ok(
        bundled.includes("node_modules/azure-pipelines-task-lib"),
        `${task}: the record of bundled packages looks wrong: ${bundled.join(", ")}`,
      );
      for (const pkg of bundled) {
        assert.ok(lock.packages[pkg], `${task} bundles ${pkg}, which package-lock.json does not know`);
        assert.ok(!lock.packages[pkg].dev, `${task} bundles the development dependency ${pkg}`);
      }
    }
  });

  describe("tasks run from the package against the emulator", () => {
    let emulator: Emulator;
    let refreshToken: string;
    let userId: string;
    const now = "2026-11-23T09:00:00Z";

    before(async () => {
      emulator = await startEmulator({ now });
      await emulator.addOrganization("contoso");
      const user = await emulator.addUser({ displayName: "Package Tester", principalName: "pkg@contoso.com", organizations: ["contoso"] });
      userId = user.id;
      await emulator.addPat(userId, {
        displayName: "nightly-deploy",
        scope: "vso.code",
        validTo: "2026-11-25T00:00:00Z",
        organizations: ["contoso"],
      });
      await emulator.addPat(userId, {
        displayName: "healthy",
        scope: "vso.work",
        validTo: "2027-03-01T00:00:00Z",
        organizations: ["contoso"],
      });
      refreshToken = await emulator.issueRefreshToken(userId, "pat-lifecycle-test-client");
    });

    after(async () => emulator?.stop());

    function runFromPackage(task: string, inputs: Record<string, string>) {
      const env = {
        ...emulator.env,
        PAT_LIFECYCLE_NOW: now,
        SYSTEM_COLLECTIONURI: `${emulator.devopsUrl}/contoso/`,
        SYSTEM_TEAMPROJECT: "Fabrikam",
      };
      const child = runPackagedTask(unpacked, task, inputs, env);
      return parseTaskOutput(child.stdout, child.stderr);
    }

    const auth = () => ({
      authenticationMethod: "refreshToken",
      tenantId: emulator.tenantId,
      clientId: "pat-lifecycle-test-client",
      refreshToken,
    });

    it("CheckPatExpiry reports the PAT that is about to expire", async () => {
      const run = runFromPackage("CheckPatExpiryV1", {
        ...auth(),
        organization: "contoso",
        subject: "mine",
        warnWithinDays: "14",
        failWithinDays: "1",
      });
      assert.strictEqual(run.result, "SucceededWithIssues", run.stdout);
      assert.ok(
        run.warnings.some((w) => w.includes("nightly-deploy")),
        run.stdout,
      );
      assert.strictEqual(run.variables.ExpiringCount?.value, "1");
      assert.strictEqual(run.variables.NextExpiry?.value.slice(0, 10), "2026-11-25");
      refreshToken = run.variables.RefreshToken?.value ?? refreshToken;
      assertNoSecrets(visibleTaskOutput(run.stdout, run.stderr), [refreshToken]);
    });

    it("RotatePat rotates the PAT and revokes the old one", async () => {
      const before = (await emulator.pats(userId)).find((p) => p.displayName === "nightly-deploy" && !p.revoked)!;
      const run = runFromPackage("RotatePatV1", {
        ...auth(),
        organization: "contoso",
        displayName: "nightly-deploy",
        action: "rotate",
        lifetimeDays: "30",
      });
      assert.strictEqual(run.result, "Succeeded", run.stdout);
      const after = await emulator.pats(userId);
      const live = after.filter((p) => p.displayName === "nightly-deploy" && !p.revoked);
      assert.strictEqual(live.length, 1);
      assert.notStrictEqual(live[0].authorizationId, before.authorizationId);
      assert.ok(after.find((p) => p.authorizationId === before.authorizationId)!.revoked);
      assert.strictEqual(run.variables.NewPat?.isSecret, true);
      assert.strictEqual(run.variables.NewPat?.value, live[0].token);
      assertNoSecrets(visibleTaskOutput(run.stdout, run.stderr), [live[0].token, before.token, refreshToken]);
    });
  });
});

function listFiles(dir: string, prefix = ""): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory() ? listFiles(path.join(dir, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`],
    );
}
