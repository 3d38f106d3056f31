/** `npm run bump` keeps the extension's and each changed task's versions consistent. */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { execFileSync } from "child_process";

const root = path.resolve(__dirname, "..", "..", "..");

describe("npm run bump", () => {
  let repo: string;
  const git = (...args: string[]) => execFileSync("git", args, { cwd: repo, encoding: "utf8" });
  const bump = (part: string) =>
    execFileSync(process.execPath, [path.join(repo, "scripts", "bump-version.js"), part], { cwd: repo, encoding: "utf8" });
  const readJson = (file: string) => JSON.parse(fs.readFileSync(path.join(repo, file), "utf8"));
  const taskVersion = (task: string) => {
    const v = readJson(`tasks/${task}/task.json`).version;
    return `${v.Major}.${v.Minor}.${v.Patch}`;
  };

  beforeEach(() => {
    repo = fs.mkdtempSync(path.join(os.tmpdir(), "bump-"));
    fs.mkdirSync(path.join(repo, "scripts"));
    fs.copyFileSync(path.join(root, "scripts", "bump-version.js"), path.join(repo, "scripts", "bump-version.js"));
    fs.writeFileSync(path.join(repo, "package.json"), JSON.stringify({ name: "x", version: "1.0.0" }));
    fs.writeFileSync(
      path.join(repo, "vss-extension.json"),
      JSON.stringify({
        version: "1.0.0",
        contributions: ["CheckPatExpiryV1", "RotatePatV1"].map((t) => ({
          type: "ms.vss-distributed-task.task",
          properties: { name: `tasks/${t}` },
        })),
      }),
    );
    for (const task of ["CheckPatExpiryV1", "RotatePatV1"]) {
      fs.mkdirSync(path.join(repo, "tasks", task), { recursive: true });
      fs.writeFileSync(
        path.join(repo, "tasks", task, "task.json"),
        JSON.stringify({ name: task, version: { Major: 1, Minor: 0, Patch: 0 } }),
      );
      fs.writeFileSync(path.join(repo, "tasks", task, "index.ts"), "// v1\n");
    }
    fs.mkdirSync(path.join(repo, "src"));
    fs.writeFileSync(path.join(repo, "src", "core.ts"), "// core\n");
    git("init", "-q");
    git("-c", "user.email=t@t", "-c", "user.name=t", "commit", "-qam", "init", "--allow-empty");
    git("add", "-A");
    git("-c", "user.email=t@t", "-c", "user.name=t", "commit", "-qm", "release");
  });

  afterEach(() => fs.rmSync(repo, { recursive: true, force: true }));

  it("bumps every task when there is no release tag yet", () => {
    const output = bump("minor");
    assert.match(output, /extension 1\.0\.0 -> 1\.1\.0/);
    assert.strictEqual(readJson("vss-extension.json").version, "1.1.0");
    assert.strictEqual(readJson("package.json").version, "1.1.0");
    assert.strictEqual(taskVersion("CheckPatExpiryV1"), "1.1.0");
    assert.strictEqual(taskVersion("RotatePatV1"), "1.1.0");
  });

  it("bumps only the tasks whose folder changed since the release tag", () => {
    git("tag", "v1.0.0");
    fs.writeFileSync(path.join(repo, "tasks", "RotatePatV1", "index.ts"), "// v2\n");
    const output = bump("patch");
    assert.match(output, /tasks\/CheckPatExpiryV1: unchanged since v1\.0\.0/);
    assert.strictEqual(taskVersion("CheckPatExpiryV1"), "1.0.0");
    assert.strictEqual(taskVersion("RotatePatV1"), "1.0.1");
    assert.strictEqual(readJson("vss-extension.json").version, "1.0.1");
  });

  it("bumps every task when the shared core in src/ changed", () => {
    git("tag", "v1.0.0");
    fs.writeFileSync(path.join(repo, "src", "core.ts"), "// changed\n");
    bump("patch");
    assert.strictEqual(taskVersion("CheckPatExpiryV1"), "1.0.1");
    assert.strictEqual(taskVersion("RotatePatV1"), "1.0.1");
  });

  it("refuses an unknown version part with a clear message", () => {
    assert.throws(
      () =>
        execFileSync(process.execPath, [path.join(repo, "scripts", "bump-version.js"), "huge"], {
          cwd: repo,
          encoding: "utf8",
          stdio: "pipe",
        }),
      (err: { stderr: string }) => /Unknown version part 'huge': use major, minor or patch\./.test(err.stderr),
    );
    assert.strictEqual(readJson("vss-extension.json").version, "1.0.0");
  });
});
