/** tlsFetch trusts the agent's CA besides Node's roots and presents the agent's client certificate to a server that demands one. */
import * as assert from "assert";
import * as https from "https";
import type { AddressInfo } from "net";
import * as tls from "tls";
import { generate, type CertificateExtension } from "selfsigned";
import { agentTlsOptions, tlsFetch } from "../../src/api/node-fetch-proxy";

interface Pki {
  ca: string;
  server: { cert: string; key: string };
  client: { cert: string; key: string };
}

async function makePki(): Promise<Pki> {
  const valid = { notBeforeDate: new Date(Date.now() - 3600_000), notAfterDate: new Date(Date.now() + 24 * 3600_000), keyType: "ec" as const, algorithm: "sha256" };
  const ca = await generate([{ name: "commonName", value: "Agent test CA" }], {
    ...valid,
    extensions: [{ name: "basicConstraints", cA: true, critical: true }, { name: "keyUsage", keyCertSign: true, digitalSignature: true, critical: true }],
  });
  const signed = (cn: string, extensions: CertificateExtension[]) => generate([{ name: "commonName", value: cn }], { ...valid, ca: { key: ca.private, cert: ca.cert }, extensions });
  const server = await signed("localhost", [{ name: "extKeyUsage", serverAuth: true }, { name: "subjectAltName", altNames: [{ type: 7, ip: "127.0.0.1" }] }]);
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

  after(() => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }));

  it("presents the client certificate and trusts the agent's CA", async () => {
    const response = await tlsFetch({ ca: pki.ca, cert: pki.client.cert, key: pki.client.key })(url);
    assert.strictEqual(await response.text(), "ok");
    assert.deepStrictEqual(seenClients, ["build-agent"]);
  });

  it("keeps certificate checks on: without the agent's CA the server is not trusted", async () => {
    await assert.rejects(tlsFetch({ cert: pki.client.cert, key: pki.client.key })(url), (e: Error & { cause?: { code?: string } }) => /CERT|SIGNATURE|ISSUER/.test(e.cause?.code ?? ""));
  });

  it("a server that demands a client certificate refuses the call without one", async () => {
    await assert.rejects(tlsFetch({ ca: pki.ca })(url));
    assert.deepStrictEqual(seenClients, ["build-agent"]);
  });

  it("adds the agent's CA to Node's own roots instead of replacing them", () => {
    const ca = agentTlsOptions({ ca: pki.ca }).ca as string[];
    assert.deepStrictEqual(ca, [...tls.rootCertificates, pki.ca]);
    assert.ok(tls.rootCertificates.length > 50);
  });
});
