import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";

const root = path.resolve(__dirname, "..", "..", "..");
const task = JSON.parse(fs.readFileSync(path.join(root, "tasks", "CheckPatExpiryV1", "task.json"), "utf8").replace(/^\uFEFF/, ""));
const fragment = JSON.parse(fs.readFileSync(path.join(root, "tasks", "shared", "task-fragment.json"), "utf8").replace(/^\uFEFF/, ""));

function sources(): string {
  const files = [
    ...fs.readdirSync(path.join(root, "src", "expiry")).map((f) => path.join(root, "src", "expiry", f)),
    ...fs.readdirSync(path.join(root, "tasks", "CheckPatExpiryV1")).map((f) => path.join(root, "tasks", "CheckPatExpiryV1", f)),
  ].filter((f) => f.endsWith(".ts"));
  return files.map((f) => fs.readFileSync(f, "utf8")).join("\n");
}

describe("CheckPatExpiryV1 messages", () => {
  const code = sources();
  const used = new Set([...code.matchAll(/\bloc\(\s*"([A-Za-z]+)"/g)].map((m) => m[1]));
  for (const outcome of ["Succeeded", "SucceededWithIssues", "Failed"]) used.add(`Outcome${outcome}`); // loc(`Outcome${outcome}`)
  for (const m of code.matchAll(/(?:expired|failing|warning|healthy): "(Status[A-Za-z]+)"/g)) used.add(m[1]);

  it("every key the code localizes is in task.json messages", () => {
    const missing = [...used].filter((key) => !(key in task.messages));
    assert.deepStrictEqual(missing, []);
  });

  it("every message of the task's own is used (the shared ones belong to sign-in)", () => {
    const own = Object.keys(task.messages).filter((key) => !(key in fragment.messages));
    assert.deepStrictEqual(own.filter((key) => !used.has(key)), []);
  });
});
