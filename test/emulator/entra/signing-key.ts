/** The RSA key the emulated Entra signs tokens with, and its JWKS form. */
import { generateKeyPairSync, randomBytes } from "crypto";

export interface SigningKey {
  kid: string;
  privateKeyPem: string;
  publicKeyPem: string;
  jwks: { keys: Array<Record<string, unknown>> };
}

export function makeSigningKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const kid = randomBytes(16).toString("base64url");
  const jwk = publicKey.export({ format: "jwk" });
  return {
    kid,
    privateKeyPem: privateKey.export({ format: "pem", type: "pkcs8" }).toString(),
    publicKeyPem: publicKey.export({ format: "pem", type: "spki" }).toString(),
    jwks: {
      keys: [{ kty: "RSA", use: "sig", kid, x5t: kid, n: jwk.n, e: jwk.e, issuer: "https://login.microsoftonline.com/{tenantid}/v2.0" }],
    },
  };
}
