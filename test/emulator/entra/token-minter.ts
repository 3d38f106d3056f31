/** Mints the JWTs the emulated Entra hands out and the emulated Azure DevOps accepts. */
import { randomBytes, randomUUID } from "crypto";
import * as jwt from "jsonwebtoken";
import type { App, EmulatorState, JobIdentity, User } from "../state";
import type { SigningKey } from "./signing-key";
import { RECOMMENDED_PERMISSIONS } from "../wire-types";

export const AZURE_DEVOPS_RESOURCE = "499b84ac-1321-427f-aa17-267ca6975798";
/** Issuer of Azure DevOps job tokens (System.AccessToken), not an Entra issuer. */
export const JOB_TOKEN_ISSUER = "app.vstoken.visualstudio.com";

export interface MintOptions {
  audience?: string;
  expiresInSec?: number;
  clientId?: string;
  scopes?: string[];
}

export class TokenMinter {
  constructor(
    private readonly state: EmulatorState,
    private readonly key: SigningKey,
    private readonly authorityHost: string,
  ) {}

  /** Delegated access token, shaped like Entra's v1 tokens for the Azure DevOps resource. */
  userAccessToken(user: User, o: MintOptions = {}): { token: string; expiresIn: number } {
    const now = this.nowSec();
    const expiresIn = o.expiresInSec ?? 3600 + Math.floor(Math.random() * 1200);
    const clientId = o.clientId ?? "pat-lifecycle-test-client";
    const [given, ...rest] = user.displayName.split(" ");
    const payload = {
      ...this.v1Claims(o, now, expiresIn),
      acr: "1",
      amr: ["pwd"],
      appid: clientId,
      appidacr: this.state.apps.get(clientId)?.clientSecret ? "1" : "0",
      family_name: rest.join(" ") || given,
      given_name: given,
      ipaddr: "127.0.0.1",
      name: user.displayName,
      oid: user.oid,
      puid: randomBytes(8).toString("hex").toUpperCase(),
      rh: "0.emu",
      scp: (o.scopes?.length ? o.scopes : (this.state.apps.get(clientId)?.azureDevOpsPermissions ?? RECOMMENDED_PERMISSIONS)).join(" "),
      sub: randomBytes(24).toString("base64url"),
      tid: this.state.tenantId,
      unique_name: user.principalName,
      upn: user.principalName,
      uti: randomBytes(16).toString("base64url"),
      ver: "1.0",
    };
    return { token: this.sign(payload), expiresIn };
  }

  /** What every v1 access token starts with: audience (Azure DevOps unless asked), issuer, validity, aio. */
  private v1Claims(o: MintOptions, now: number, expiresIn: number) {
    return {
      aud: o.audience ?? AZURE_DEVOPS_RESOURCE,
      iss: `https://sts.windows.net/${this.state.tenantId}/`,
      iat: now,
      nbf: now,
      exp: now + expiresIn,
      aio: randomBytes(12).toString("base64url"),
    };
  }

  /** App-only (client credentials) token: no scp, idtyp "app". */
  appAccessToken(app: Pick<App, "clientId" | "servicePrincipalId">, o: MintOptions = {}): { token: string; expiresIn: number } {
    const now = this.nowSec();
    const expiresIn = o.expiresInSec ?? 3599;
    const payload = {
      ...this.v1Claims(o, now, expiresIn),
      appid: app.clientId,
      appidacr: "1",
      idp: `https://sts.windows.net/${this.state.tenantId}/`,
      idtyp: "app",
      oid: app.servicePrincipalId,
      rh: "0.emu",
      roles: [] as string[],
      sub: app.servicePrincipalId,
      tid: this.state.tenantId,
      uti: randomBytes(16).toString("base64url"),
      ver: "1.0",
    };
    return { token: this.sign(payload), expiresIn };
  }

  /** OpenID id_token for the app (v2.0 issuer, audience = client id). */
  idToken(user: User, clientId: string, nonce?: string): string {
    const now = this.nowSec();
    return this.sign({
      aud: clientId,
      iss: `${this.authorityHost}/${this.state.tenantId}/v2.0`,
      iat: now,
      nbf: now,
      exp: now + 3600,
      name: user.displayName,
      nonce,
      oid: user.oid,
      preferred_username: user.principalName,
      rh: "0.emu",
      sub: randomBytes(24).toString("base64url"),
      tid: this.state.tenantId,
      uti: randomBytes(16).toString("base64url"),
      ver: "2.0",
    });
  }

  /** A System.AccessToken stand-in, signed by "Azure DevOps" rather than Entra. */
  jobToken(identity: JobIdentity): string {
    const now = this.nowSec();
    return this.sign({
      nameid: identity.id,
      scp: "app_token",
      aui: randomUUID(),
      sid: randomUUID(),
      iss: JOB_TOKEN_ISSUER,
      aud: `${JOB_TOKEN_ISSUER}|vso:${identity.orgId}`,
      nbf: now,
      exp: now + 3600 * 6,
    });
  }

  /** A job's OIDC token for a workload identity federation connection (Azure DevOps signs it, not Entra). */
  oidcToken(o: { issuer: string; subject: string; audience: string }): string {
    const now = this.nowSec();
    return this.sign({ iss: o.issuer, sub: o.subject, aud: o.audience, iat: now, nbf: now, exp: now + 600, jti: randomUUID() });
  }

  /** Verifies signature and expiry on the emulator clock; returns the claims or undefined. */
  verify(token: string): Record<string, unknown> | undefined {
    try {
      const claims = jwt.verify(token, this.key.publicKeyPem, { algorithms: ["RS256"], clockTimestamp: this.nowSec() });
      return typeof claims === "object" && claims !== null ? (claims as Record<string, unknown>) : undefined;
    } catch {
      return undefined;
    }
  }

  private sign(payload: Record<string, unknown>): string {
    const clean = Object.fromEntries(Object.entries(payload).filter(([, v]) => v !== undefined));
    return jwt.sign(clean, this.key.privateKeyPem, {
      algorithm: "RS256",
      keyid: this.key.kid,
      noTimestamp: true,
      header: { alg: "RS256", typ: "JWT", kid: this.key.kid, x5t: this.key.kid },
    });
  }

  private nowSec(): number {
    return Math.floor(this.state.clock.nowMs() / 1000);
  }
}
