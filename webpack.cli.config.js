// Bundles the pat-lifecycle CLI (compiled by tsc into out/src/cli/main.js) into one file with every
// runtime dependency inside, for the npm package scripts/package-cli.js makes: nothing to fetch on install.
const path = require("path");
const webpack = require("webpack");

module.exports = (env = {}) => ({
  name: "pat-lifecycle-cli",
  mode: "production",
  target: "node20",
  entry: path.join(__dirname, "out", "src", "cli", "main.js"),
  output: { path: env.stage || path.join(__dirname, "dist", "cli-package"), filename: "pat-lifecycle.js" },
  plugins: [new webpack.BannerPlugin({ banner: "#!/usr/bin/env node", raw: true })],
  module: {
    // tsc keeps main.ts's shebang; the banner puts it back at the top of the bundle.
    rules: [{ test: /[\\/]out[\\/]src[\\/]cli[\\/]main\.js$/, loader: path.join(__dirname, "scripts", "strip-shebang-loader.js") }],
  },
  devtool: false,
  optimization: { minimize: true },
  performance: { hints: false },
  stats: "errors-warnings",
});
