import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";

const repo = path.resolve(__dirname, "..", "..", "..");

describe("rotation core and scope catalogue are browser-safe", () => {
  for (const dir of ["src/rotation", "src/scopes"]) {
    it(`${dir} imports only project modules (no Node built-ins, no task-lib)`, () => {
      for (const file of fs.readdirSync(path.join(repo, dir)).filter((f) => f.endsWith(".ts"))) {
        const text = fs.readFileSync(path.join(repo, dir, file), "utf8");
        for (const m of text.matchAll(/(?:from|import|require\()\s*["']([^"']+)["']/g)) {
          assert.ok(m[1].startsWith("."), `${dir}/${file} imports '${m[1]}'`);
        }
        assert.ok(!/\b(src\/pipeline|node-fetch-proxy|process\.env)\b/.test(text), `${dir}/${file} reaches Node-only code`);
      }
    });
  }
});
