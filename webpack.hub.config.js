// Bundles the hub: src/hub/<name>/<name>.tsx -> dist/hub/<name>/<name>.js, html copied beside it.
// The Entra client id of the SPA app registration is baked in from PAT_LIFECYCLE_HUB_CLIENT_ID
// (empty when unset: an organization administrator can then set it in the hub's settings panel).
const path = require("path");
const webpack = require("webpack");
const CopyWebpackPlugin = require("copy-webpack-plugin");

const HUBS = ["pat-hub"];

module.exports = (env = {}, argv = {}) => {
  const mode = argv.mode || env.mode || "production";
  const outputRoot = path.resolve(__dirname, env.outputPath || path.join("dist", "hub"));
  return {
    mode,
    target: "web",
    devtool: mode === "production" ? false : "source-map",
    entry: Object.fromEntries(HUBS.map((hub) => [hub, `./src/hub/${hub}/${hub}.tsx`])),
    output: {
      path: outputRoot,
      filename: "[name]/[name].js",
      // Icon fonts go to dist/hub/fonts; "auto" resolves them relative to wherever the hub is served from.
      publicPath: "auto",
      assetModuleFilename: "fonts/[base]",
      clean: true,
    },
    resolve: {
      // The SDK's "main" is AMD; webpack's default conditions pick its ESM build from "exports".
      extensions: [".ts", ".tsx", ".js"],
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          loader: "ts-loader",
          options: {
            // tsc -p . type-checks src/** in the build; the bundle only needs transpiling, as ES modules.
            transpileOnly: true,
            configFile: path.resolve(__dirname, "tsconfig.json"),
            compilerOptions: { module: "es2020", sourceMap: mode !== "production" },
          },
        },
        { test: /\.css$/, use: ["style-loader", "css-loader"] },
        { test: /\.(woff2?|ttf|eot)$/, type: "asset/resource" },
      ],
    },
    plugins: [
      new webpack.DefinePlugin({
        __PAT_LIFECYCLE_HUB_CLIENT_ID__: JSON.stringify(process.env.PAT_LIFECYCLE_HUB_CLIENT_ID || ""),
      }),
      new CopyWebpackPlugin({
        patterns: HUBS.map((hub) => ({ from: `src/hub/${hub}/${hub}.html`, to: `${hub}/${hub}.html` })),
      }),
    ],
    performance: { hints: false },
    stats: "errors-warnings",
  };
};
