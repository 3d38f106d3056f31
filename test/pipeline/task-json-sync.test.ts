/** tasks/shared/sync-task-json.js: merges the shared sign-in fragment into every task.json, and --check guards it. */
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const repo = path.resolve(__dirname, "..", "..", "..");
const script = path.join(repo, "tasks", "shared", "sync-task-json.js");
const fragment = JSON.parse(fs.readFileSync(path.join(repo, "tasks", "shared", "task-fragment.json"), "utf8")) as {
  inputs: Array<{ name: string; visibleRule?: string; helpMarkDown?: string; label?: string; groupName?: string }>;
  messages: Record<string, string>;
  outputVariables: Array<{ name: string }>;
};

function runSync(cwd: string, ...args: string[]) {
  return spawnSync(process.execPath, [path.join(cwd, "tasks", "shared", "sync-task-json.js"), ...args], { cwd, encoding: "utf8" });
}

describe("shared task.json fragment", () => {
  it("declares every sign-in input with a label, help and a group; conditional ones with a visibleRule", () => {
    const names = fragment.inputs.map((i) => i.name);
    assert.deepStrictEqual(names, [
      "authenticationMethod",
      "entraConnection",
      "tenantId",
      "clientId",
      "clientSecret",
      "refreshToken",
      "accessToken",
      "username",
      "password",
      "refreshTokenVariableGroup",
      "refreshTokenVariableName",
    ]);
    for (const input of fragment.inputs) {
      assert.ok(input.label && input.helpMarkDown, `${input.name} has label and helpMarkDown`);
      assert.strictEqual(input.groupName, "authentication");
      if (input.name !== "authenticationMethod") assert.ok(input.visibleRule, `${input.name} has a visibleRule`);
    }
    assert.deepStrictEqual(
      fragment.outputVariables.map((o) => o.name),
      ["RefreshToken"],
    );
  });

  it("the service connection type is the one entraConnection asks for, with the four fields the tasks read", () => {
    type EndpointType = {
      id: string;
      type: string;
      targets: string[];
      properties: {
        name: string;
        displayName: string;
        authenticationSchemes: Array<{
          type: string;
          inputDescriptors: Array<{ id: string; isConfidential: boolean; validation: { isRequired: boolean } }>;
        }>;
      };
    };
    const manifest = JSON.parse(fs.readFileSync(path.join(repo, "vss-extension.json"), "utf8").replace(/^\uFEFF/, "")) as {
      contributions: EndpointType[];
    };
    const endpointType = manifest.contributions.find((c) => c.type === "ms.vss-endpoint.service-endpoint-type");
    assert.ok(endpointType, "vss-extension.json contributes a service endpoint type");
    assert.deepStrictEqual(endpointType.targets, ["ms.vss-endpoint.endpoint-types"]);
    assert.strictEqual(endpointType.properties.displayName, "Microsoft Entra user for PAT Lifecycle");
    const connectionInput = (fragment.inputs as Array<{ name: string; type?: string }>).find((i) => i.name === "entraConnection");
    assert.strictEqual(connectionInput?.type, `connectedService:${endpointType.properties.name}`);
    const [scheme] = endpointType.properties.authenticationSchemes;
    assert.strictEqual(scheme.type, "ms.vss-endpoint.endpoint-auth-scheme-none");
    const fields = Object.fromEntries(
      scheme.inputDescriptors.map((d) => [d.id, { secret: d.isConfidential, required: d.validation.isRequired }]),
    );
    assert.deepStrictEqual(fields, {
      tenantId: { secret: false, required: true },
      clientId: { secret: false, required: true },
      clientSecret: { secret: true, required: false },
      refreshToken: { secret: true, required: true },
    });
  });

  it("every task.json under tasks/ is in sync with the fragment (sync-task-json.js --check)", () => {
    const tasks = fs.readdirSync(path.join(repo, "tasks")).filter((t) => fs.existsSync(path.join(repo, "tasks", t, "task.json")));
    assert.ok(tasks.length > 0, "there are tasks to check");
    const run = spawnSync(process.execPath, [script, "--check"], { cwd: repo, encoding: "utf8" });
    assert.strictEqual(run.status, 0, run.stderr);
  });

  describe("sync-task-json.js on a scratch copy", () => {
    let dir: string;
    const taskFile = () => path.join(dir, "tasks", "DemoV1", "task.json");
    const readTask = () =>
      JSON.parse(fs.readFileSync(taskFile(), "utf8")) as {
        inputs: Array<{ name: string; label: string }>;
        messages: Record<string, string>;
        groups: Array<{ name: string }>;
        outputVariables: Array<{ name: string }>;
      };

    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "sync-task-json-"));
      fs.mkdirSync(path.join(dir, "tasks", "shared"), { recursive: true });
      fs.mkdirSync(path.join(dir, "tasks", "DemoV1"));
      for (const f of ["sync-task-json.js", "task-fragment.json"])
        fs.copyFileSync(path.join(repo, "tasks", "shared", f), path.join(dir, "tasks", "shared", f));
      const own = {
        id: "0d7d3f38-0f55-4a4c-9b7f-5d8f5f1c3a10",
        inputs: [
          { name: "organization", type: "string", label: "Organization" },
          { name: "tenantId", type: "string", label: "an outdated tenant input" },
          { name: "days", type: "int", label: "Days" },
        ],
        messages: { Own: "kept" },
      };
      fs.writeFileSync(taskFile(), "\uFEFF" + JSON.stringify(own));
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("--check exits 1 and names the stale task.json without changing it", () => {
      const before = fs.readFileSync(taskFile(), "utf8");
      const run = runSync(dir, "--check");
      assert.strictEqual(run.status, 1);
      assert.match(run.stderr, /tasks[\\/]DemoV1[\\/]task\.json/);
      assert.strictEqual(fs.readFileSync(taskFile(), "utf8"), before);
    });

    it("merges inputs by name as one block, groups, output variables and messages, keeping the task's own", () => {
      assert.strictEqual(runSync(dir).status, 0);
      const task = readTask();
      const names = task.inputs.map((i) => i.name);
      assert.deepStrictEqual(names, ["organization", ...fragment.inputs.map((i) => i.name), "days"]);
      assert.strictEqual(task.inputs.find((i) => i.name === "tenantId")?.label, "Tenant ID");
      assert.strictEqual(task.messages.Own, "kept");
      for (const key of Object.keys(fragment.messages)) assert.strictEqual(task.messages[key], fragment.messages[key]);
      assert.deepStrictEqual(
        task.groups.map((g) => g.name),
        ["authentication"],
      );
      assert.deepStrictEqual(
        task.outputVariables.map((o) => o.name),
        ["RefreshToken"],
      );
      assert.strictEqual(runSync(dir, "--check").status, 0, "in sync afterwards");
      const again = fs.readFileSync(taskFile(), "utf8");
      assert.strictEqual(runSync(dir).status, 0);
      assert.strictEqual(fs.readFileSync(taskFile(), "utf8"), again, "a second run changes nothing");
    });
  });
});
