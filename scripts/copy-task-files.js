// Puts each task's task.json beside its compiled entry (out/tasks/<Task>/), so
// tl.setResourcePath(path.join(__dirname, "task.json")) finds it in tests as it does in the package.
const fs = require("fs");
const path = require("path");

const root = path.join(__dirname, "..");
const tasksDir = path.join(root, "tasks");
for (const task of fs.readdirSync(tasksDir)) {
  const source = path.join(tasksDir, task);
  if (!fs.existsSync(path.join(source, "task.json"))) continue;
  const target = path.join(root, "out", "tasks", task);
  fs.mkdirSync(target, { recursive: true });
  fs.copyFileSync(path.join(source, "task.json"), path.join(target, "task.json"));
}
