/** The API module runs in the hub too: its core files may import only each other, and no Node globals. */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";

const API_DIR = path.resolve(__dirname, "..", "..", "..", "src", "api");
const NODE_ONLY = new Set(["node-fetch-proxy.ts"]);

describe("api module is browser-safe", () => {
  const files = fs.readdirSync(API_DIR).filter((f) => f.endsWith(".ts") && !NODE_ONLY.has(f));

  it("finds the core files", () => assert.ok(files.length >= 15 && files.includes("http.ts"), files.join(", ")));

  for (const file of files) {
    it(`${file} imports only relative modules and uses no Node-only globals`, () => {
      const text = fs.readFileSync(path.join(API_DIR, file), "utf8");
      const code = text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
      for (const m of code.matchAll(/(?:from|import|require)\s*\(?\s*["']([^"']+)["']/g)) {
        assert.ok(m[1].startsWith("./"), `${file} imports '${m[1]}'`);
      }
      assert.doesNotMatch(code, /\bBuffer\b|\brequire\(|__dirname/, `${file} uses a Node-only global`);
      // endpoints.ts reads process.env only behind a typeof guard.
      const processUses = code.match(/\bprocess\./g)?.length ?? 0;
      if (file === "endpoints.ts") assert.match(code, /typeof process !== "undefined" \? process\.env : \{\}/);
      else assert.strictEqual(processUses, 0, `${file} uses process`);
    });
  }
});
