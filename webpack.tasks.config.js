// Bundles each pipeline task (compiled by tsc into out/tasks/<Task>/index.js) into one
// self-contained index.js per task folder: the agent runs the folder as shipped, with no npm install.
const fs = require("fs");
const path = require("path");

const tasksDir = path.join(__dirname, "tasks");
const taskNames = fs.readdirSync(tasksDir).filter((name) => fs.existsSync(path.join(tasksDir, name, "index.ts")));

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
      rules: [{ test: /azure-pipelines-task-lib[\\/]internal\.js$/, loader: path.join(__dirname, "scripts", "task-lib-require-loader.js") }],
    },
    devtool: false,
    optimization: { minimize: false },
    performance: { hints: false },
    stats: "errors-warnings",
  }));
