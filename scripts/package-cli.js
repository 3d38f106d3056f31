// Part of `npm run package`: makes dist/pat-lifecycle-cli-<version>.tgz, the CLI as an npm package with
// no dependencies (all bundled by webpack.cli.config.js), so `npx --yes ./pat-lifecycle-cli-<version>.tgz`
// runs it on any machine with Node.js and installs nothing else.
const fs = require("fs");
const path = require("path");
const { execFileSync } = require("child_process");

const root = path.join(__dirname, "..");
const dist = path.join(root, "dist");
const stage = path.join(dist, "cli-package");
const project = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));

fs.rmSync(stage, { recursive: true, force: true });
fs.mkdirSync(stage, { recursive: true });
execFileSync(
  process.execPath,
  [require.resolve("webpack-cli/bin/cli.js"), "--config", "webpack.cli.config.js", "--env", `stage=${stage}`],
  { cwd: root, stdio: ["ignore", "pipe", "inherit"] },
);
fs.chmodSync(path.join(stage, "pat-lifecycle.js"), 0o755);
const manifest = {
  name: "pat-lifecycle-cli",
  version: project.version,
  description: "pat-lifecycle: sign in once so the PAT Lifecycle pipeline tasks can sign in without you",
  license: project.license,
  bin: { "pat-lifecycle": "pat-lifecycle.js" },
  files: ["pat-lifecycle.js"],
  engines: project.engines,
};
fs.writeFileSync(path.join(stage, "package.json"), JSON.stringify(manifest, null, 2) + "\n");
fs.copyFileSync(path.join(root, "LICENSE"), path.join(stage, "LICENSE"));
const npm = process.env.npm_execpath;
const packed = npm
  ? execFileSync(process.execPath, [npm, "pack", "--pack-destination", dist, "--silent"], { cwd: stage, encoding: "utf8" })
  : execFileSync("npm", ["pack", "--pack-destination", dist, "--silent"], { cwd: stage, encoding: "utf8" });
console.log(`packaged ${path.join("dist", packed.trim().split("\n").pop())}`);
