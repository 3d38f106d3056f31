// ESLint for the whole tree: typescript-eslint's recommended rules on TypeScript, eslint's on the build scripts.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["out/**", "dist/**", "node_modules/**", ".playground/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.js"],
    languageOptions: {
      sourceType: "commonjs",
      globals: { require: "readonly", module: "writable", process: "readonly", __dirname: "readonly", console: "readonly" },
    },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // The hub bundles these for the browser (type-checked without Node by tsconfig.browser.json); this keeps
    // out the Node-only modules whose types would bring Node's in with them.
    files: ["src/api/**/*.ts", "src/rotation/**/*.ts", "src/scopes/**/*.ts", "src/hub/**/*.{ts,tsx}"],
    ignores: ["src/api/node-fetch-proxy.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: [
                "**/pipeline/**",
                "**/auth/**",
                "!**/auth/token-permissions",
                "**/cli/**",
                "**/tasks/**",
                "**/node-fetch-proxy",
                "azure-pipelines-task-lib",
                "azure-pipelines-task-lib/**",
                "@azure/msal-node",
                "undici",
                "node:*",
              ],
              message: "The hub bundles this module for the browser: it must not import Node-only code.",
            },
          ],
        },
      ],
    },
  },
  {
    rules: {
      // An unused name is dead code, except a deliberately ignored _argument.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
    },
  },
);
