// How packaging calls `tfx extension create`, and how it reads the output: tfx prints its task.json
// validation as `warning:` lines before the JSON result (and exits 0), so both are collected here.

/** The arguments after tfx-cli.js that package `stage` (holding vss-extension.json) into `outputPath`. */
function tfxCreateArgs(stage, outputPath) {
  return [
    "extension",
    "create",
    "--root",
    stage,
    "--manifests",
    "vss-extension.json",
    "--output-path",
    outputPath,
    "--no-prompt",
    "--json",
    "--no-color",
  ];
}

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

module.exports = { parseTfxCreateOutput, tfxCreateArgs };
