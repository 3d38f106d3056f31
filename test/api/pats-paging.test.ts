/** Paging guards that the emulator never triggers: a service repeating its continuation token. */
import * as assert from "assert";
import { endpointsFromEnv } from "../../src/api/endpoints";
import { ApiError } from "../../src/api/errors";
import { HttpClient } from "../../src/api/http";
import { bearer } from "../../src/api/credential";
import { iteratePatPages } from "../../src/api/pats";
import { sendJson, startLocalServer } from "./local-server";

describe("api/pats paging guards", () => {
  it("stops with a clear error when the service repeats a continuation token", async () => {
    const server = await startLocalServer((_req, res) => sendJson(res, 200, { continuationToken: "MjEtcGF0YXBpdG9rZW4=", patTokens: [] }));
    try {
      const ctx = {
        http: new HttpClient({ credential: bearer(() => "t") }),
        endpoints: endpointsFromEnv({ PAT_LIFECYCLE_VSSPS_URL: server.url }),
        organization: "o",
      };
      const pages: number[] = [];
      await assert.rejects(
        (async () => {
          for await (const page of iteratePatPages(ctx, { top: 5 })) pages.push(page.length);
        })(),
        (e: unknown) =>
          e instanceof ApiError &&
          e.message === "Azure DevOps repeated the continuation token 'MjEtcGF0YXBpdG9rZW4=' while listing PATs; stopped to avoid a loop.",
      );
      assert.strictEqual(server.requests.length, 2);
      assert.strictEqual(
        server.requests[1].url,
        "/o/_apis/tokens/pats?continuationToken=MjEtcGF0YXBpdG9rZW4%3D&%24top=5&api-version=7.1-preview.1",
      );
    } finally {
      await server.close();
    }
  });
});
