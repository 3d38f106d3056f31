/** The one task log writer neutralizes logging commands, and no task code writes around it. */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { neutralizeLogCommands } from "../../src/pipeline/task-log";

const root = path.resolve(__dirname, "..", "..", "..");

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [path.join(dir, e.name)] : []));
}

describe("pipeline/task-log", () => {
  it("turns ##vso[ anywhere and ##[ into inert text, across line breaks, whatever the case", () => {
    assert.strictEqual(
      neutralizeLogCommands("deploy\n##vso[task.setvariable variable=X]1\r##[error]no  a ##VSO[task.prependpath]/x"),
      "deploy\n##_vso[task.setvariable variable=X]1\r##_[error]no  a ##_VSO[task.prependpath]/x",
    );
    assert.strictEqual(neutralizeLogCommands(neutralizeLogCommands("##vso[x]")), "##_vso[x]", "idempotent");
    assert.strictEqual(neutralizeLogCommands("50% ## [not a command] #vso["), "50% ## [not a command] #vso[");
  });

  it("is the only place task code writes log lines, issues or results", () => {
    const writer = path.join(root, "src", "pipeline", "task-log.ts");
    const offenders: string[] = [];
    for (const dir of ["tasks", "src/pipeline", "src/rotation", "src/expiry", "src/api", "src/auth"]) {
      for (const file of sourceFiles(path.join(root, dir)).filter((f) => f !== writer)) {
        const text = fs.readFileSync(file, "utf8");
        for (const call of text.match(/\b(console\.(log|info|warn|error)|tl\.(warning|error|setResult|command|logIssue))\(/g) ?? []) {
          offenders.push(`${path.relative(root, file)}: ${call}`);
        }
      }
    }
    assert.deepStrictEqual(offenders, []);
  });
});
