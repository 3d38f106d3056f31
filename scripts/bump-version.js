// `npm run bump -- [major|minor|patch]`: bumps the extension version (vss-extension.json and
// package.json) and the version of every task whose shipped code changed since the last release
// tag `v<version>` (its folder, or src/, which is bundled into every task). Without a tag, every task.
const fs = require("fs");
const path = require("path");
const { execFileSync } = require("child_process");

const root = path.join(__dirname, "..");
const part = process.argv[2] || "patch";
if (!["major", "minor", "patch"].includes(part)) {
  console.error(`Unknown version part '${part}': use major, minor or patch.`);
  process.exit(1);
}

const readJson = (file) => JSON.parse(fs.readFileSync(path.join(root, file), "utf8"));
const writeJson = (file, value) => fs.writeFileSync(path.join(root, file), JSON.stringify(value, null, 2) + "\n");

function bump(version) {
  const [major, minor, patch] = version.split(".").map(Number);
  if (part === "major") return `${major + 1}.0.0`;
  if (part === "minor") return `${major}.${minor + 1}.0`;
  return `${major}.${minor}.${patch + 1}`;
}

function changedSince(tag, paths) {
  try {
    execFileSync("git", ["rev-parse", "--verify", "--quiet", `refs/tags/${tag}`], { cwd: root, stdio: "ignore" });
  } catch {
    return true; // never released: ship every task at its new version
  }
  const diff = execFileSync("git", ["diff", "--name-only", tag, "--", ...paths], { cwd: root, encoding: "utf8" });
  return diff.trim().length > 0;
}

const manifest = readJson("vss-extension.json");
const previous = manifest.version;
manifest.version = bump(previous);
writeJson("vss-extension.json", manifest);
const pkg = readJson("package.json");
pkg.version = manifest.version;
writeJson("package.json", pkg);
console.log(`extension ${previous} -> ${manifest.version}`);

for (const contribution of manifest.contributions.filter((c) => c.type === "ms.vss-distributed-task.task")) {
  const taskDir = contribution.properties.name;
  if (!changedSince(`v${previous}`, [taskDir, "src"])) {
    console.log(`${taskDir}: unchanged since v${previous}`);
    continue;
  }
  const taskJson = readJson(path.join(taskDir, "task.json"));
  const v = taskJson.version;
  const next = bump(`${v.Major}.${v.Minor}.${v.Patch}`).split(".").map(Number);
  taskJson.version = { Major: next[0], Minor: next[1], Patch: next[2] };
  writeJson(path.join(taskDir, "task.json"), taskJson);
  console.log(`${taskDir}: ${v.Major}.${v.Minor}.${v.Patch} -> ${next.join(".")}`);
}
