/** A throwaway CA and a loopback server certificate, made fresh for every emulator start. */
import { randomBytes } from "crypto";
import { generate } from "selfsigned";

export interface EmulatorCertificates {
  caCert: string;
  serverCert: string;
  serverKey: string;
}

export async function makeCertificates(): Promise<EmulatorCertificates> {
  const notBeforeDate = new Date(Date.now() - 24 * 3600_000);
  const notAfterDate = new Date(Date.now() + 30 * 24 * 3600_000);
  // A unique name per CA: a process trusting two emulators must not mix up their issuers.
  const ca = await generate([{ name: "commonName", value: `PAT Lifecycle emulator CA ${randomBytes(6).toString("hex")}` }], {
    keyType: "ec",
    algorithm: "sha256",
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: "basicConstraints", cA: true, critical: true },
      { name: "keyUsage", keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });
  const server = await generate([{ name: "commonName", value: "localhost" }], {
    keyType: "ec",
    algorithm: "sha256",
    notBeforeDate,
    notAfterDate,
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: "basicConstraints", cA: false },
      { name: "keyUsage", digitalSignature: true, keyEncipherment: true },
      { name: "extKeyUsage", serverAuth: true },
      {
        name: "subjectAltName",
        altNames: [
          { type: 2, value: "localhost" },
          { type: 7, ip: "127.0.0.1" },
          { type: 7, ip: "::1" },
        ],
      },
    ],
  });
  return { caCert: ca.cert, serverCert: server.cert, serverKey: server.private };
}
