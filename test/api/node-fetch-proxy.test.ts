/** proxiedFetch sends requests through an authenticating CONNECT proxy, except bypassed hosts. */
import * as assert from "assert";
import { HttpClient } from "../../src/api/http";
import { bearer } from "../../src/api/credential";
import { proxiedFetch } from "../../src/api/node-fetch-proxy";
import { assertNoSecrets } from "../support/secrets";
import { startConnectProxy, type ConnectProxy } from "./connect-proxy";
import { sendJson, startLocalServer, type LocalServer } from "./local-server";

describe("api/node-fetch-proxy", () => {
  let target: LocalServer;
  let proxy: ConnectProxy;
  beforeEach(async () => {
    target = await startLocalServer((_req, res) => sendJson(res, 200, { via: "target" }));
    proxy = await startConnectProxy();
  });
  afterEach(async () => {
    await target.close();
    await proxy.close();
  });

  it("tunnels through the proxy with its credentials", async () => {
    const fetch = proxiedFetch({ proxyUrl: proxy.url, proxyUsername: "proxyuser", proxyPassword: "proxy-pass" });
    const http = new HttpClient({ credential: bearer(() => "t0ken-value-123"), fetch });
    const res = await http.request<{ via: string }>({ method: "GET", url: `${target.url}/org/_apis/x`, apiVersion: "7.1" });
    assert.deepStrictEqual(res.body, { via: "target" });
    assert.strictEqual(proxy.tunnels.length, 1);
    assert.strictEqual(proxy.tunnels[0].target, target.url.replace("http://", ""));
    assert.strictEqual(target.requests[0].headers["x-tfs-fedauthredirect"], "Suppress");
  });

  it("goes direct for URLs matching a bypass pattern", async () => {
    const fetch = proxiedFetch({ proxyUrl: proxy.url, proxyBypassHosts: ["nomatch\\.example", "127\\.0\\.0\\.1"] });
    const res = await new HttpClient({ credential: bearer(() => "x"), fetch }).request<{ via: string }>({ method: "GET", url: target.url });
    assert.deepStrictEqual(res.body, { via: "target" });
    assert.strictEqual(proxy.tunnels.length, 0);
  });

  it("reports a proxy refusing the credentials as a network error", async () => {
    const fetch = proxiedFetch({ proxyUrl: proxy.url, proxyUsername: "proxyuser", proxyPassword: "wrong-proxy-secret" });
    const client = new HttpClient({ credential: bearer(() => "x"), fetch, maxAttempts: 1 });
    await assert.rejects(client.request({ method: "GET", url: target.url, action: "list PATs" }), (e: Error) => {
      assert.strictEqual(e.name, "NetworkError");
      assertNoSecrets([e.message], ["wrong-proxy-secret"]);
      assert.match(e.message, /^Could not reach Azure DevOps to list PATs: .*407.*Check the URL, the network and the proxy settings\.$/);
      return true;
    });
  });
});
