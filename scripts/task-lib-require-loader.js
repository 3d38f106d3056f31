// task-lib loads task.json and its own lib.json with `require(resourceFile)`, a path known only at
// run time. Bundled as is, webpack turns that into an empty module context; this keeps it a real
// Node require of the file beside the bundle.
module.exports = function taskLibRequireLoader(source) {
  const patched = source.replace("require(resourceFile)", "__non_webpack_require__(resourceFile)");
  if (patched === source)
    this.emitError(new Error("task-lib no longer loads resources with require(resourceFile); revisit scripts/task-lib-require-loader.js"));
  return patched;
};
