/** The emulator's Entra ID token service, driven by an unmodified @azure/msal-node. */
import * as assert from "assert";
import { ConfidentialClientApplication, LogLevel, PublicClientApplication, type Configuration } from "@azure/msal-node";
import * as jwt from "jsonwebtoken";
import { assertNoSecrets } from "../support/secrets";
import { DEFAULT_PUBLIC_CLIENT_ID } from "./client";
import { PATS_PATH, startRawCallFixture, type Fixture } from "./fixture";
import { rejectionOf } from "../support/rejection";

const ADO_SCOPES = ["499b84ac-1321-427f-aa17-267ca6975798/.default"];
const CONFIDENTIAL_ID = "6f1c2b9e-4d3a-4f5e-9a8b-1c2d3e4f5a6b";
const CONFIDENTIAL_SECRET = "emu~confidential-secret-value-0001";

interface MsalFailure extends Error {
  errorCode: string;
  errorMessage: string;
  subError: string;
}

describe("emulator: Entra ID token service with @azure/msal-node, unmodified", function () {
  let f: Fixture;
  /** Everything msal logged: scanned for secrets after each test. */
  const logs: string[] = [];
  const secrets: string[] = [];

  const msalConfig = (auth: Partial<Configuration["auth"]> = {}): Configuration => ({
    auth: {
      clientId: DEFAULT_PUBLIC_CLIENT_ID,
      authority: `${f.emu.authorityHost}/${f.emu.tenantId}`,
      knownAuthorities: [new URL(f.emu.authorityHost).host],
      ...auth,
    },
    system: {
      loggerOptions: { logLevel: LogLevel.Verbose, piiLoggingEnabled: false, loggerCallback: (_l, message) => void logs.push(message) },
    },
  });
  const failureOf = async (p: Promise<unknown>): Promise<MsalFailure> => {
    const e = await rejectionOf(p);
    logs.push(e.message);
    return e as MsalFailure;
  };
  const cachedRefreshTokens = (app: { getTokenCache(): { serialize(): string } }): string[] =>
    Object.values((JSON.parse(app.getTokenCache().serialize()) as { RefreshToken: Record<string, { secret: string }> }).RefreshToken).map(
      (t) => t.secret,
    );

  before(async () => {
    f = await startRawCallFixture();
    await f.emu.registerApp({ clientId: CONFIDENTIAL_ID, clientSecret: CONFIDENTIAL_SECRET, displayName: "PAT Lifecycle confidential" });
    secrets.push(CONFIDENTIAL_SECRET, f.adaToken);
  });
  after(async () => f?.emu.stop());
  afterEach(async () => {
    await f.emu.setEntra({ blockAll: null, conditionalAccessBlockDeviceCode: false });
    assertNoSecrets(logs, secrets);
    logs.length = 0;
  });

  it("serves OpenID discovery with an issuer on the emulator's origin", async () => {
    const r = await fetch(`${f.emu.authorityHost}/${f.emu.tenantId}/v2.0/.well-known/openid-configuration`);
    const doc = (await r.json()) as Record<string, string>;
    assert.strictEqual(doc.issuer, `${f.emu.authorityHost}/${f.emu.tenantId}/v2.0`);
    assert.strictEqual(doc.token_endpoint, `${f.emu.authorityHost}/${f.emu.tenantId}/oauth2/v2.0/token`);
    const keys = (await (await fetch(doc.jwks_uri)).json()) as { keys: Array<{ kty: string }> };
    assert.strictEqual(keys.keys[0].kty, "RSA");
    assert.strictEqual((await fetch(`${f.emu.authorityHost}/not-a-tenant/v2.0/.well-known/openid-configuration`)).status, 400);
  });

  it("public client: acquireTokenByRefreshToken gives a user token for Azure DevOps and rotates the refresh token", async () => {
    const rt = await f.emu.issueRefreshToken(f.ada.id, DEFAULT_PUBLIC_CLIENT_ID);
    secrets.push(rt);
    const app = new PublicClientApplication(msalConfig());
    // forceCache: msal only caches (and so exposes) the rotated refresh token of an account it did not know with it.
    const result = await app.acquireTokenByRefreshToken({ refreshToken: rt, scopes: ADO_SCOPES, forceCache: true });
    assert.ok(result);
    secrets.push(result.accessToken);
    const claims = jwt.decode(result.accessToken) as Record<string, unknown>;
    assert.strictEqual(claims.aud, "499b84ac-1321-427f-aa17-267ca6975798");
    assert.strictEqual(claims.tid, f.emu.tenantId);
    assert.strictEqual(claims.oid, f.ada.oid);
    assert.strictEqual(claims.upn, "ada@contoso.com");
    // .default = what the registration was granted (the emulator's default app has the recommended four).
    assert.strictEqual(claims.scp, "vso.pats vso.pats_manage vso.tokenadministration vso.graph");
    assert.strictEqual(result.account?.username, "ada@contoso.com");
    assert.strictEqual(result.account?.homeAccountId, `${f.ada.oid}.${f.emu.tenantId}`);
    const rotated = cachedRefreshTokens(app);
    assert.strictEqual(rotated.length, 1);
    assert.notStrictEqual(rotated[0], rt, "Entra hands out a new refresh token on every use");
    secrets.push(rotated[0]);
    // The token works on the PAT API; the old refresh token still works too, as in Entra.
    assert.strictEqual((await f.call(PATS_PATH, { token: result.accessToken })).status, 200);
    const again = await new PublicClientApplication(msalConfig()).acquireTokenByRefreshToken({ refreshToken: rt, scopes: ADO_SCOPES });
    assert.ok(again?.accessToken);
    const next = await new PublicClientApplication(msalConfig()).acquireTokenByRefreshToken({
      refreshToken: rotated[0],
      scopes: ADO_SCOPES,
    });
    assert.ok(next?.accessToken);
  });

  it("refresh token older than its lifetime: invalid_grant AADSTS700082", async () => {
    const old = await f.emu.issueRefreshToken(f.ada.id, DEFAULT_PUBLIC_CLIENT_ID, { ageDays: 91 });
    secrets.push(old);
    const e = await failureOf(
      new PublicClientApplication(msalConfig()).acquireTokenByRefreshToken({ refreshToken: old, scopes: ADO_SCOPES }),
    );
    assert.strictEqual(e.errorCode, "invalid_grant");
    assert.match(e.errorMessage, /AADSTS700082: The refresh token has expired due to inactivity/);
    const young = await f.emu.issueRefreshToken(f.ada.id, DEFAULT_PUBLIC_CLIENT_ID, { ageDays: 89 });
    secrets.push(young);
    assert.ok(await new PublicClientApplication(msalConfig()).acquireTokenByRefreshToken({ refreshToken: young, scopes: ADO_SCOPES }));
  });

  it("confidential client: refresh token with a secret (forceCache keeps the rotated token), wrong secret is invalid_client", async () => {
    const rt = await f.emu.issueRefreshToken(f.ada.id, CONFIDENTIAL_ID);
    secrets.push(rt);
    const cca = new ConfidentialClientApplication(msalConfig({ clientId: CONFIDENTIAL_ID, clientSecret: CONFIDENTIAL_SECRET }));
    const result = await cca.acquireTokenByRefreshToken({ refreshToken: rt, scopes: ADO_SCOPES, forceCache: true });
    assert.strictEqual(result?.account?.username, "ada@contoso.com");
    const rotated = cachedRefreshTokens(cca);
    assert.strictEqual(rotated.length, 1);
    assert.notStrictEqual(rotated[0], rt);
    secrets.push(rotated[0]);
    const wrong = new ConfidentialClientApplication(msalConfig({ clientId: CONFIDENTIAL_ID, clientSecret: "emu~wrong-secret-value-9999" }));
    const e = await failureOf(wrong.acquireTokenByRefreshToken({ refreshToken: rt, scopes: ADO_SCOPES }));
    assert.strictEqual(e.errorCode, "invalid_client");
    assert.match(e.errorMessage, /AADSTS7000215/);
  });

  /** How msal-node fails to redeem `refreshToken` as the public client `clientId`. */
  const refreshFailure = (clientId: string, refreshToken: string) =>
    failureOf(new PublicClientApplication(msalConfig({ clientId })).acquireTokenByRefreshToken({ refreshToken, scopes: ADO_SCOPES }));

  it("maps app registration problems: 7000218 (public flows off), 65001 (no consent), 700016 (unknown app)", async () => {
    await f.emu.registerApp({ clientId: "no-public-flows", publicClientFlows: false });
    const rt1 = await f.emu.issueRefreshToken(f.ada.id, "no-public-flows");
    const e1 = await refreshFailure("no-public-flows", rt1);
    assert.strictEqual(e1.errorCode, "invalid_client");
    assert.match(e1.errorMessage, /AADSTS7000218: /);
    await f.emu.registerApp({ clientId: "not-consented", consented: false, displayName: "Unconsented" });
    const rt2 = await f.emu.issueRefreshToken(f.ada.id, "not-consented");
    const e2 = await refreshFailure("not-consented", rt2);
    assert.strictEqual(e2.errorCode, "invalid_grant");
    assert.strictEqual(e2.subError, "consent_required");
    assert.match(e2.errorMessage, /AADSTS65001: /);
    secrets.push(rt1, rt2);
    const e3 = await failureOf(
      new PublicClientApplication(msalConfig({ clientId: "who-is-this" })).acquireTokenByRefreshToken({
        refreshToken: rt1,
        scopes: ADO_SCOPES,
      }),
    );
    assert.match(e3.errorMessage, /AADSTS700016/);
  });

  it("gives tokens what the registration was granted: the recommended set, legacy user_impersonation, read-only; named scopes not granted need consent", async () => {
    await f.emu.registerApp({ clientId: "legacy-app", azureDevOpsPermissions: ["user_impersonation"] });
    await f.emu.registerApp({ clientId: "read-only-app", azureDevOpsPermissions: ["vso.pats"] });
    const scpOf = async (clientId: string, scopes = ADO_SCOPES) => {
      const rt = await f.emu.issueRefreshToken(f.ada.id, clientId);
      secrets.push(rt);
      const result = await new PublicClientApplication(msalConfig({ clientId })).acquireTokenByRefreshToken({ refreshToken: rt, scopes });
      secrets.push(result!.accessToken);
      return { scp: (jwt.decode(result!.accessToken) as Record<string, unknown>).scp, token: result!.accessToken };
    };
    const legacy = await scpOf("legacy-app");
    assert.strictEqual(legacy.scp, "user_impersonation");
    const readOnly = await scpOf("read-only-app");
    assert.strictEqual(readOnly.scp, "vso.pats");
    const pair = await scpOf(DEFAULT_PUBLIC_CLIENT_ID, [
      "499b84ac-1321-427f-aa17-267ca6975798/vso.pats",
      "499b84ac-1321-427f-aa17-267ca6975798/vso.pats_manage",
    ]);
    assert.strictEqual(pair.scp, "vso.pats vso.pats_manage");
    // The PAT API refuses user_impersonation since Sprint 257 (401 TF400813); a read-only token lists but cannot create.
    const denied = await f.call(PATS_PATH, { token: legacy.token, headers: { "X-TFS-FedAuthRedirect": "Suppress" } });
    assert.strictEqual(denied.status, 401);
    assert.match(denied.json<{ message: string }>().message, /^TF400813: The user '[^']+' is not authorized to access this resource\.$/);
    assert.strictEqual((await f.call(PATS_PATH, { token: readOnly.token })).status, 200);
    const create = await f.call(PATS_PATH, {
      token: readOnly.token,
      method: "POST",
      body: { displayName: "x", scope: "vso.code", validTo: new Date(Date.now() + 86_400_000).toISOString(), allOrgs: false },
    });
    assert.strictEqual(create.status, 401);
    assert.strictEqual(create.headers.get("x-vss-emulator-missing-scopes"), "vso.pats_manage");
    await f.emu.setFidelity({ userImpersonationOpensPats: true });
    assert.strictEqual((await f.call(PATS_PATH, { token: legacy.token })).status, 200);
    await f.emu.setFidelity({ userImpersonationOpensPats: false });
    const rt = await f.emu.issueRefreshToken(f.ada.id, "read-only-app");
    secrets.push(rt);
    const e = await failureOf(
      new PublicClientApplication(msalConfig({ clientId: "read-only-app" })).acquireTokenByRefreshToken({
        refreshToken: rt,
        scopes: ["499b84ac-1321-427f-aa17-267ca6975798/vso.pats_manage"],
      }),
    );
    assert.strictEqual(e.subError, "consent_required");
  });

  it("Conditional Access blocking everything: AADSTS53003", async () => {
    await f.emu.setEntra({ blockAll: "53003" });
    const rt = await f.emu.issueRefreshToken(f.ada.id, DEFAULT_PUBLIC_CLIENT_ID);
    secrets.push(rt);
    const e = await failureOf(
      new PublicClientApplication(msalConfig()).acquireTokenByRefreshToken({ refreshToken: rt, scopes: ADO_SCOPES }),
    );
    assert.match(e.errorMessage, /AADSTS53003: Access has been blocked by Conditional Access policies/);
  });

  it("client credentials: an app-only token that the PAT API refuses", async () => {
    const cca = new ConfidentialClientApplication(msalConfig({ clientId: CONFIDENTIAL_ID, clientSecret: CONFIDENTIAL_SECRET }));
    const result = await cca.acquireTokenByClientCredential({ scopes: ADO_SCOPES });
    assert.ok(result);
    secrets.push(result.accessToken);
    const claims = jwt.decode(result.accessToken) as Record<string, unknown>;
    assert.strictEqual(claims.idtyp, "app");
    assert.strictEqual(claims.scp, undefined);
    assert.deepStrictEqual(claims.roles, []);
    const r = await f.call(PATS_PATH, { token: result.accessToken });
    assert.strictEqual(r.status, 403);
    assert.strictEqual(r.json().message, "Service principals are not allowed to perform this action.");
  });

  it("username and password (ROPC): works without MFA, AADSTS50076 with it, AADSTS50126 on a wrong password", async () => {
    secrets.push("pw-ada-1234");
    const app = new PublicClientApplication(msalConfig());
    const ok = await app.acquireTokenByUsernamePassword({ scopes: ADO_SCOPES, username: "ada@contoso.com", password: "pw-ada-1234" });
    assert.strictEqual(ok?.account?.username, "ada@contoso.com");
    await f.emu.addUser({
      displayName: "Grace Hopper",
      principalName: "grace@contoso.com",
      password: "pw-grace-5678",
      mfaRequired: true,
      organizations: ["contoso"],
    });
    secrets.push("pw-grace-5678");
    const mfa = await failureOf(
      app.acquireTokenByUsernamePassword({ scopes: ADO_SCOPES, username: "grace@contoso.com", password: "pw-grace-5678" }),
    );
    assert.match(mfa.errorMessage, /AADSTS50076: /);
    const wrong = await failureOf(
      app.acquireTokenByUsernamePassword({ scopes: ADO_SCOPES, username: "ada@contoso.com", password: "not-her-password" }),
    );
    assert.match(wrong.errorMessage, /AADSTS50126: /);
  });

  it("device code: pending until the person approves, then a token; blocked by Conditional Access with 53003", async () => {
    const app = new PublicClientApplication(msalConfig());
    let shown = "";
    const result = await app.acquireTokenByDeviceCode({
      scopes: ADO_SCOPES,
      deviceCodeCallback: (d) => {
        shown = d.message;
        // Approve after the first poll has seen authorization_pending.
        setTimeout(() => void f.emu.approveDeviceCode(d.userCode, f.ada.id), 1500);
      },
    });
    assert.match(shown, new RegExp(`open the page ${f.emu.authorityHost}/common/oauth2/deviceauth and enter the code [A-Z0-9]{9}`));
    assert.strictEqual(result?.account?.username, "ada@contoso.com");
    const polls = (await f.emu.requests()).filter((r) => r.path.endsWith("/oauth2/v2.0/token") && r.status === 400);
    assert.ok(polls.length >= 1, "at least one authorization_pending answer");

    await f.emu.setEntra({ conditionalAccessBlockDeviceCode: true });
    // msal-node reduces a failed device-code poll to post_request_failed + the OAuth error; the AADSTS code is on the wire only.
    const e = await failureOf(app.acquireTokenByDeviceCode({ scopes: ADO_SCOPES, deviceCodeCallback: () => undefined }));
    assert.deepStrictEqual([e.errorCode, e.errorMessage], ["post_request_failed", "invalid_grant"]);
    const tokenUrl = `${f.emu.authorityHost}/${f.emu.tenantId}/oauth2/v2.0`;
    const started = (await (
      await fetch(`${tokenUrl}/devicecode`, {
        method: "POST",
        body: new URLSearchParams({ client_id: DEFAULT_PUBLIC_CLIENT_ID, scope: ADO_SCOPES[0] }),
      })
    ).json()) as { device_code: string };
    const poll = await fetch(`${tokenUrl}/token`, {
      method: "POST",
      body: new URLSearchParams({
        grant_type: "urn:ietf:params:oauth:grant-type:device_code",
        client_id: DEFAULT_PUBLIC_CLIENT_ID,
        device_code: started.device_code,
      }),
    });
    const body = (await poll.json()) as { error: string; error_codes: number[] };
    assert.deepStrictEqual([poll.status, body.error, body.error_codes], [400, "invalid_grant", [53003]]);
  });

  it("interactive: authorization code with PKCE on a loopback redirect, the browser played by signInInBrowser", async () => {
    const app = new PublicClientApplication(msalConfig());
    let authorizeUrl = "";
    const result = await app.acquireTokenInteractive({
      scopes: ADO_SCOPES,
      openBrowser: async (url) => {
        authorizeUrl = url;
        await f.emu.signInInBrowser(url, { loginHint: "ada@contoso.com" });
      },
      successTemplate: "Signed in. You can close this window.",
      errorTemplate: "Sign-in failed: {error}",
    });
    assert.strictEqual(result.account?.username, "ada@contoso.com");
    assert.strictEqual((result.idTokenClaims as Record<string, unknown>).preferred_username, "ada@contoso.com");
    const params = new URL(authorizeUrl).searchParams;
    assert.strictEqual(params.get("code_challenge_method"), "S256");
    assert.match(params.get("redirect_uri") ?? "", /^http:\/\/localhost:\d+/);
  });

  it("authorization codes are single-use and checked against the PKCE verifier", async () => {
    const verifier = "v".repeat(50);
    const { createHash } = await import("crypto");
    const challenge = createHash("sha256").update(verifier).digest("base64url");
    const codeFor = async () => {
      const url = new URL(`${f.emu.authorityHost}/${f.emu.tenantId}/oauth2/v2.0/authorize`);
      for (const [k, v] of Object.entries({
        client_id: DEFAULT_PUBLIC_CLIENT_ID,
        response_type: "code",
        redirect_uri: "http://localhost:5000/cb",
        scope: `${ADO_SCOPES[0]} openid offline_access`,
        state: "s1",
        code_challenge: challenge,
        code_challenge_method: "S256",
        login_hint: "ada@contoso.com",
      }))
        url.searchParams.set(k, v);
      const r = await fetch(url, { redirect: "manual" });
      assert.strictEqual(r.status, 302);
      const location = new URL(r.headers.get("location") ?? "");
      assert.strictEqual(location.searchParams.get("state"), "s1");
      return location.searchParams.get("code") ?? "";
    };
    const redeem = async (code: string, codeVerifier: string) => {
      const r = await fetch(`${f.emu.authorityHost}/${f.emu.tenantId}/oauth2/v2.0/token`, {
        method: "POST",
        body: new URLSearchParams({
          grant_type: "authorization_code",
          client_id: DEFAULT_PUBLIC_CLIENT_ID,
          code,
          redirect_uri: "http://localhost:5000/cb",
          code_verifier: codeVerifier,
          scope: ADO_SCOPES[0],
        }),
      });
      return { status: r.status, body: (await r.json()) as Record<string, unknown> };
    };
    const code = await codeFor();
    assert.match(String((await redeem(code, "w".repeat(50))).body.error_description), /^AADSTS50148/);
    const fresh = await codeFor();
    const ok = await redeem(fresh, verifier);
    assert.strictEqual(ok.status, 200);
    assert.ok(ok.body.refresh_token && ok.body.id_token && ok.body.access_token);
    const replay = await redeem(fresh, verifier);
    assert.match(String(replay.body.error_description), /^AADSTS54005/);
    const badRedirect = new URL(
      `${f.emu.authorityHost}/${f.emu.tenantId}/oauth2/v2.0/authorize?client_id=${DEFAULT_PUBLIC_CLIENT_ID}&response_type=code&redirect_uri=https://evil.example/cb`,
    );
    const refused = await fetch(badRedirect, { redirect: "manual" });
    assert.strictEqual(refused.status, 400);
    assert.match(await refused.text(), /AADSTS50011/);
  });
});
