// Reads `tfx extension create --json` output: tfx prints its task.json validation as `warning:`
// lines before the JSON result (and exits 0), so both are collected here.
function parseTfxCreateOutput(output) {
  const json = output.indexOf("\n{") + 1;
  const result = JSON.parse(output.slice(json));
  const warnings = output
    .slice(0, json)
    .split("\n")
    .filter((line) => line.startsWith("warning:"))
    .map((line) => line.slice("warning:".length).trim())
    .concat(result.warnings || []);
  return { result, warnings };
}

module.exports = { parseTfxCreateOutput };
