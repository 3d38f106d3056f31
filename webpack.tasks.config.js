// Bundles each pipeline task (compiled by tsc into out/tasks/<Task>/index.js) into one
// self-contained index.js per task folder: the agent runs the folder as shipped, with no npm install.
const fs = require("fs");
const path = require("path");
const webpack = require("webpack");

const tasksDir = path.join(__dirname, "tasks");
const taskNames = fs.readdirSync(tasksDir).filter((name) => fs.existsSync(path.join(tasksDir, name, "index.ts")));

/** Writes the npm packages webpack put into a task's bundle (as lockfile paths), so a test can check none is a dev dependency. */
class RecordBundledPackages {
  constructor(file) {
    this.file = file;
  }
  apply(compiler) {
    compiler.hooks.done.tap("RecordBundledPackages", ({ compilation }) => {
      const names = new Set();
      for (const file of compilation.fileDependencies) {
        // As package-lock.json names it: node_modules/a, or node_modules/a/node_modules/@scope/b when nested.
        const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/@][^/]*)/.exec(path.relative(__dirname, file).split(path.sep).join("/"));
        if (match) names.add(match[1]);
      }
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      fs.writeFileSync(this.file, JSON.stringify([...names].sort(), null, 2) + "\n");
    });
  }
}

module.exports = (env = {}) =>
  taskNames.map((task) => ({
    name: task,
    mode: "production",
    target: "node20",
    entry: path.join(__dirname, "out", "tasks", task, "index.js"),
    output: { path: path.join(env.stage || path.join(__dirname, "dist", "package"), "tasks", task), filename: "index.js" },
    // Keep __dirname real: task-lib reads lib.json and the task reads task.json beside the bundle.
    node: { __dirname: false, __filename: false },
    module: {
      rules: [
        { test: /azure-pipelines-task-lib[\\/]internal\.js$/, loader: path.join(__dirname, "scripts", "task-lib-require-loader.js") },
      ],
    },
    plugins: [
      new RecordBundledPackages(path.join(__dirname, "dist", "bundled-packages", `${task}.json`)),
      // `debug` (under the Azure SDK's proxy agents) tries `supports-color` and goes on without it; here it is
      // only a development dependency (mocha's), which must not be shipped.
      new webpack.IgnorePlugin({ resourceRegExp: /^supports-color$/, contextRegExp: /[\\/]debug[\\/]/ }),
    ],
    devtool: false,
    // Minified: the agent downloads every task folder for every job that uses it.
    optimization: { minimize: true },
    performance: { hints: false },
    stats: "errors-warnings",
  }));
