/** The agent's TLS settings on undici: its CA besides Node's roots, its client certificate presented, with or without its proxy. */
import * as assert from "assert";
import * as https from "https";
import type { AddressInfo } from "net";
import * as tls from "tls";
import { generate, type CertificateExtension } from "selfsigned";
import { agentTlsOptions, proxiedFetch, tlsFetch } from "../../src/api/node-fetch-proxy";
import { startConnectProxy } from "./connect-proxy";

interface Pki {
  ca: string;
  server: { cert: string; key: string };
  client: { cert: string; key: string };
}

async function makePki(): Promise<Pki> {
  const valid = {
    notBeforeDate: new Date(Date.now() - 3600_000),
    notAfterDate: new Date(Date.now() + 24 * 3600_000),
    keyType: "ec" as const,
    algorithm: "sha256",
  };
  const ca = await generate([{ name: "commonName", value: "Agent test CA" }], {
    ...valid,
    extensions: [
      { name: "basicConstraints", cA: true, critical: true },
      { name: "keyUsage", keyCertSign: true, digitalSignature: true, critical: true },
    ],
  });
  const signed = (cn: string, extensions: CertificateExtension[]) =>
    generate([{ name: "commonName", value: cn }], { ...valid, ca: { key: ca.private, cert: ca.cert }, extensions });
  const server = await signed("localhost", [
    { name: "extKeyUsage", serverAuth: true },
    { name: "subjectAltName", altNames: [{ type: 7, ip: "127.0.0.1" }] },
  ]);
  const client = await signed("build-agent", [{ name: "extKeyUsage", clientAuth: true }]);
  return { ca: ca.cert, server: { cert: server.cert, key: server.private }, client: { cert: client.cert, key: client.private } };
}

describe("api/node-fetch-proxy tlsFetch (the agent's certificate settings)", function () {
  this.timeout(30_000);
  let pki: Pki;
  let server: https.Server;
  let url: string;
  const seenClients: string[] = [];

  before(async () => {
    pki = await makePki();
    server = https.createServer({ ...pki.server, ca: pki.ca, requestCert: true, rejectUnauthorized: true }, (req, res) => {
      seenClients.push(String((req.socket as tls.TLSSocket).getPeerCertificate().subject?.CN ?? ""));
      res.end("ok");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });

  after(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );

  it("presents the client certificate and trusts the agent's CA", async () => {
    const response = await tlsFetch({ ca: pki.ca, cert: pki.client.cert, key: pki.client.key })(url);
    assert.strictEqual(await response.text(), "ok");
    assert.deepStrictEqual(seenClients, ["build-agent"]);
  });

  it("keeps certificate checks on: without the agent's CA the server is not trusted", async () => {
    await assert.rejects(tlsFetch({ cert: pki.client.cert, key: pki.client.key })(url), (e: Error & { cause?: { code?: string } }) =>
      /CERT|SIGNATURE|ISSUER/.test(e.cause?.code ?? ""),
    );
  });

  it("a server that demands a client certificate refuses the call without one", async () => {
    const before = seenClients.length;
    await assert.rejects(tlsFetch({ ca: pki.ca })(url));
    assert.strictEqual(seenClients.length, before);
  });

  it("through the agent's proxy too: the tunnelled TLS trusts the agent's CA and presents its client certificate", async () => {
    const proxy = await startConnectProxy();
    try {
      const agentTls = { ca: pki.ca, cert: pki.client.cert, key: pki.client.key };
      const response = await proxiedFetch({ proxyUrl: proxy.url, proxyUsername: "proxyuser", proxyPassword: "proxy-pass" }, agentTls)(url);
      assert.strictEqual(await response.text(), "ok");
      assert.strictEqual(proxy.tunnels.length, 1, "the call went through the proxy");
      assert.deepStrictEqual(seenClients.slice(-1), ["build-agent"]);
    } finally {
      await proxy.close();
    }
  });

  it("adds the agent's CA to Node's own roots instead of replacing them", () => {
    const ca = agentTlsOptions({ ca: pki.ca }).ca as string[];
    assert.deepStrictEqual(ca, [...tls.rootCertificates, pki.ca]);
    assert.ok(tls.rootCertificates.length > 50);
  });
});
