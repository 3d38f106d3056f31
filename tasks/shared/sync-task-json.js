#!/usr/bin/env node
// Merges tasks/shared/task-fragment.json (the sign-in inputs, group, RefreshToken output and shared
// messages) into every tasks/*V1/task.json, so the tasks that sign in offer the same YAML interface.
// The sign-in task itself (PatLifecycleSignIn) takes only the shared messages: it has its own inputs.
// Usage: node tasks/shared/sync-task-json.js [--check]
//   --check  changes nothing; exits 1 and names each task.json that is out of sync.
"use strict";
const fs = require("fs");
const path = require("path");

const tasksDir = path.resolve(__dirname, "..");

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, "utf8").replace(/^\uFEFF/, ""));
}

/**
 * Puts the shared items as one block in fragment order where the first of them was (or at the
 * end), keeping the task's own items and their order.
 */
function mergeByKey(existing, shared, key) {
  const items = existing || [];
  const isShared = (item) => shared.some((s) => s[key] === item[key]);
  const first = items.findIndex(isShared);
  const own = items.filter((item) => !isShared(item));
  const at = first === -1 ? own.length : items.slice(0, first).filter((item) => !isShared(item)).length;
  return [...own.slice(0, at), ...shared, ...own.slice(at)];
}

/** Tasks that get the fragment's messages but not its sign-in inputs. */
const MESSAGES_ONLY = new Set(["PatLifecycleSignIn"]);

/** The task.json as it should be with the fragment merged in. */
function mergeFragment(task, fragment) {
  const merged = { ...task };
  if (MESSAGES_ONLY.has(task.name)) {
    merged.messages = { ...(task.messages || {}), ...fragment.messages };
    return merged;
  }
  merged.groups = mergeByKey(task.groups, fragment.groups, "name");
  merged.inputs = mergeByKey(task.inputs, fragment.inputs, "name");
  merged.outputVariables = mergeByKey(task.outputVariables, fragment.outputVariables, "name");
  merged.messages = { ...(task.messages || {}), ...fragment.messages };
  return merged;
}

function taskJsonFiles() {
  return fs
    .readdirSync(tasksDir)
    .filter((name) => /V\d+$/.test(name))
    .map((name) => path.join(tasksDir, name, "task.json"))
    .filter((file) => fs.existsSync(file));
}

function main(argv) {
  const check = argv.includes("--check");
  const fragment = readJson(path.join(__dirname, "task-fragment.json"));
  const stale = [];
  for (const file of taskJsonFiles()) {
    const current = fs.readFileSync(file, "utf8").replace(/^\uFEFF/, "");
    const wanted = JSON.stringify(mergeFragment(JSON.parse(current), fragment), null, 2) + "\n";
    if (JSON.stringify(JSON.parse(current)) === JSON.stringify(JSON.parse(wanted))) continue;
    stale.push(path.relative(process.cwd(), file));
    if (!check) fs.writeFileSync(file, wanted);
  }
  if (check && stale.length > 0) {
    console.error(`Out of sync with tasks/shared/task-fragment.json (run node tasks/shared/sync-task-json.js): ${stale.join(", ")}`);
    return 1;
  }
  for (const file of stale) console.log(`updated ${file}`);
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));

module.exports = { mergeFragment, main };
