// `npm run package`: stages exactly what the extension ships under dist/package/ and runs
// `tfx extension create` to produce dist/<publisher>.<id>-<version>.vsix. tfx only warns on a
// bad task.json, so any tfx warning fails the build here.
const fs = require("fs");
const path = require("path");
const { execFileSync } = require("child_process");
const { parseTfxCreateOutput, tfxCreateArgs } = require("./tfx-output");

const root = path.join(__dirname, "..");
const dist = path.join(root, "dist");
const stage = path.join(dist, "package");
const taskLib = path.dirname(require.resolve("azure-pipelines-task-lib/package.json"));

function copy(from, to) {
  fs.cpSync(path.join(root, from), path.join(stage, to ?? from), { recursive: true });
}

function run(command, args) {
  return execFileSync(process.execPath, [require.resolve(command), ...args], {
    cwd: root,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
}

fs.rmSync(stage, { recursive: true, force: true });
fs.mkdirSync(stage, { recursive: true });

run("webpack-cli/bin/cli.js", ["--config", "webpack.tasks.config.js", "--env", `stage=${stage}`]);
const manifest = JSON.parse(fs.readFileSync(path.join(root, "vss-extension.json"), "utf8"));
for (const contribution of manifest.contributions.filter((c) => c.type === "ms.vss-distributed-task.task")) {
  const taskDir = contribution.properties.name;
  copy(path.join(taskDir, "task.json"));
  copy(path.join(taskDir, "icon.png"));
  // task-lib inside the bundle loads its messages from __dirname.
  fs.copyFileSync(path.join(taskLib, "lib.json"), path.join(stage, taskDir, "lib.json"));
  fs.cpSync(path.join(taskLib, "Strings"), path.join(stage, taskDir, "Strings"), { recursive: true });
}
fs.cpSync(path.join(dist, "hub"), path.join(stage, "hub"), { recursive: true });
for (const file of ["vss-extension.json", "overview.md", "LICENSE"]) copy(file);
fs.mkdirSync(path.join(stage, "images"));
for (const image of fs.readdirSync(path.join(root, "images")).filter((f) => f.endsWith(".png"))) copy(path.join("images", image));

const output = run("tfx-cli/_build/tfx-cli.js", tfxCreateArgs(stage, dist));

const { result, warnings } = parseTfxCreateOutput(output);
if (warnings.length) {
  console.error(`tfx reported ${warnings.length} warning(s); fix them before shipping:\n- ${warnings.join("\n- ")}`);
  process.exit(1);
}
console.log(`packaged ${path.relative(root, result.path)}`);
