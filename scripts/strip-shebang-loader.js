// webpack loader: drops a leading `#!` line, which is only valid at the very top of the final bundle.
module.exports = function stripShebang(source) {
  return source.replace(/^#![^\n]*\n/, "");
};
