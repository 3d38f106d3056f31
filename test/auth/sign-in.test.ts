/** signIn against the emulator's Entra half over HTTPS: every method, every mapped error. */
import * as assert from "assert";
import { DEFAULT_PUBLIC_CLIENT_ID, type EmuUser } from "../emulator/client";
import { EntraCredentials } from "../../src/auth/credentials";
import { signIn, SignInResult } from "../../src/auth/sign-in";
import { EntraSignInError } from "../../src/auth/entra-errors";
import { rejectionOf } from "../support/rejection";
import { emulatorSuite } from "../support/emulator-suite";

describe("signIn (src/auth) against the emulated Entra", () => {
  /** A username and password sign-in with the default public client. */
  const ropc = (username: string, password: string) =>
    ({ method: "usernamePassword", tenantId: world.emu.tenantId, clientId: DEFAULT_PUBLIC_CLIENT_ID, username, password }) as const;

  const world = emulatorSuite({ ada: { password: "ada-password-1" } });
  const { secrets, outputs } = world;
  let mfa: EmuUser;

  before(async () => {
    mfa = await world.emu.addUser({
      displayName: "Grace Hopper",
      principalName: "grace@contoso.com",
      password: "grace-password-1",
      mfaRequired: true,
      organizations: ["contoso"],
    });
    secrets.push("ada-password-1", "grace-password-1");
  });

  const sign = (c: EntraCredentials) => signIn(c, { authorityHost: world.emu.authorityHost });
  const rtCredentials = (
    refreshToken: string,
    o: { clientId?: string; clientSecret?: string; tenantId?: string } = {},
  ): EntraCredentials => ({
    method: "refreshToken",
    tenantId: o.tenantId ?? world.emu.tenantId,
    clientId: o.clientId ?? DEFAULT_PUBLIC_CLIENT_ID,
    clientSecret: o.clientSecret,
    refreshToken,
  });
  async function freshRefreshToken(user = world.ada, clientId = DEFAULT_PUBLIC_CLIENT_ID, ageDays?: number): Promise<string> {
    const rt = await world.emu.issueRefreshToken(user.id, clientId, { ageDays });
    secrets.push(rt);
    return rt;
  }
  function keep(result: SignInResult): SignInResult {
    secrets.push(result.accessToken, ...(result.rotatedRefreshToken ? [result.rotatedRefreshToken] : []));
    outputs.push(JSON.stringify({ user: result.user, warnings: result.warnings }));
    return result;
  }
  async function failure(c: EntraCredentials): Promise<EntraSignInError> {
    const error = await rejectionOf(sign(c).then(keep));
    assert.ok(error instanceof EntraSignInError, `expected EntraSignInError, got ${String(error)}`);
    outputs.push(error.message);
    return error;
  }

  describe("refresh token", () => {
    it("signs in a public client and returns the rotated refresh token", async () => {
      const rt = await freshRefreshToken();
      const result = keep(await sign(rtCredentials(rt)));
      assert.strictEqual(result.user.upn, "ada@contoso.com");
      assert.strictEqual(result.user.oid, world.ada.oid);
      assert.strictEqual(result.user.tenantId, world.emu.tenantId);
      assert.ok(result.rotatedRefreshToken, "a new refresh token");
      assert.notStrictEqual(result.rotatedRefreshToken, rt);
      assert.deepStrictEqual(result.warnings, []);
      assert.ok(result.expiresOn.getTime() > Date.now());
    });

    it("signs in a confidential client with its secret", async () => {
      await world.emu.registerApp({ clientId: "confidential-app", clientSecret: "confidential-secret-1", publicClientFlows: false });
      secrets.push("confidential-secret-1");
      const rt = await freshRefreshToken(world.ada, "confidential-app");
      const result = keep(await sign(rtCredentials(rt, { clientId: "confidential-app", clientSecret: "confidential-secret-1" })));
      assert.strictEqual(result.user.upn, "ada@contoso.com");
      assert.ok(result.rotatedRefreshToken);
    });

    it("follows a chain of refresh tokens, each use giving a new one", async () => {
      let rt = await freshRefreshToken();
      const seen = new Set([rt]);
      for (let i = 0; i < 3; i++) {
        const result = keep(await sign(rtCredentials(rt)));
        assert.ok(result.rotatedRefreshToken && !seen.has(result.rotatedRefreshToken), "every call rotates in a token not seen before");
        rt = result.rotatedRefreshToken;
        seen.add(rt);
      }
    });

    it("a 91-day-old refresh token fails with the advice to sign in again (AADSTS700082)", async () => {
      const error = await failure(rtCredentials(await freshRefreshToken(world.ada, DEFAULT_PUBLIC_CLIENT_ID, 91)));
      assert.strictEqual(error.aadsts, "700082");
      assert.match(error.message, /refresh token has expired/);
      assert.match(error.message, /pat-lifecycle login/);
      assert.match(error.message, /\(Entra error AADSTS700082\)/);
    });

    it("a missing consent says to grant admin consent (AADSTS65001)", async () => {
      await world.emu.registerApp({ clientId: "unconsented-app", publicClientFlows: true, consented: false });
      const error = await failure(rtCredentials(await freshRefreshToken(world.ada, "unconsented-app"), { clientId: "unconsented-app" }));
      assert.strictEqual(error.aadsts, "65001");
      assert.match(
        error.message,
        /unconsented-app has no consent for its delegated Azure DevOps permissions \(vso\.pats and vso\.pats_manage; vso\.tokenadministration and vso\.graph for the organization-wide check\)/,
      );
      assert.match(error.message, /admin consent/);
    });

    it("a public client with public client flows off says how to turn them on (AADSTS7000218)", async () => {
      await world.emu.registerApp({ clientId: "no-public-flows", clientSecret: "no-public-flows-secret", publicClientFlows: false });
      secrets.push("no-public-flows-secret");
      const error = await failure(rtCredentials(await freshRefreshToken(world.ada, "no-public-flows"), { clientId: "no-public-flows" }));
      assert.strictEqual(error.aadsts, "7000218");
      assert.match(error.message, /'Allow public client flows'/);
    });

    it("a wrong client secret says to create a new one (invalid_client)", async () => {
      const error = await failure(
        rtCredentials(await freshRefreshToken(world.ada, "confidential-app"), {
          clientId: "confidential-app",
          clientSecret: "wrong-secret-123",
        }),
      );
      assert.strictEqual(error.oauthError, "invalid_client");
      assert.match(error.message, /client secret for app registration confidential-app is wrong or has expired \(invalid_client\)/);
    });

    it("Conditional Access blocking the sign-in is named (AADSTS53003)", async () => {
      const rt = await freshRefreshToken();
      await world.emu.setEntra({ blockAll: "53003" });
      try {
        const error = await failure(rtCredentials(rt));
        assert.strictEqual(error.aadsts, "53003");
        assert.match(error.message, /Conditional Access policy blocked this sign-in/);
      } finally {
        await world.emu.setEntra({ blockAll: null });
      }
    });

    it("an unknown tenant is named (AADSTS90002)", async () => {
      const error = await failure(rtCredentials(await freshRefreshToken(), { tenantId: "no-such-tenant.example" }));
      assert.match(error.message, /does not know the tenant 'no-such-tenant.example'/);
    });

    it("an unreachable Entra says where it tried", async () => {
      const error = await signIn(rtCredentials("not-used-refresh-token"), { authorityHost: "https://127.0.0.1:9" }).then(
        () => undefined,
        (e: unknown) => e,
      );
      assert.ok(error instanceof EntraSignInError);
      assert.match(error.message, /Could not reach Microsoft Entra at https:\/\/127\.0\.0\.1:9/);
    });
  });

  describe("access token", () => {
    it("accepts a delegated Azure DevOps user token", async () => {
      const token = await world.emu.issueAccessToken(world.ada.id);
      secrets.push(token);
      const result = keep(await sign({ method: "accessToken", accessToken: token }));
      assert.strictEqual(result.user.upn, "ada@contoso.com");
      assert.strictEqual(result.rotatedRefreshToken, undefined);
    });

    it("refuses an app-only token (service principal / managed identity)", async () => {
      const token = await world.emu.issueAccessToken(null);
      secrets.push(token);
      const error = await failure({ method: "accessToken", accessToken: token });
      assert.match(error.message, /app-only token \(a service principal or managed identity\)/);
    });

    it("refuses a token for another audience", async () => {
      const token = await world.emu.issueAccessToken(world.ada.id, { audience: "https://graph.microsoft.com" });
      secrets.push(token);
      const error = await failure({ method: "accessToken", accessToken: token });
      assert.match(error.message, /is for 'https:\/\/graph\.microsoft\.com', not Azure DevOps/);
    });

    it("refuses an expired token with its expiry time", async () => {
      const token = await world.emu.issueAccessToken(world.ada.id, { expiresInSec: -60 });
      secrets.push(token);
      const error = await failure({ method: "accessToken", accessToken: token });
      assert.match(error.message, /The access token expired at \d{4}-\d\d-\d\dT/);
    });

    it("refuses something that is not a JWT (a PAT, for example)", async () => {
      const error = await failure({ method: "accessToken", accessToken: "abcdefghijklmnopqrstuvwxyz0123456789" });
      assert.match(error.message, /not a Microsoft Entra access token/);
    });
  });

  describe("username and password", () => {
    it("signs in with a deprecation warning", async () => {
      const result = keep(await sign(ropc("ada@contoso.com", "ada-password-1")));
      assert.strictEqual(result.user.upn, "ada@contoso.com");
      assert.strictEqual(result.warnings.length, 1);
      assert.match(result.warnings[0], /deprecated by Microsoft and fails as soon as the account needs MFA/);
    });

    it("fails under MFA with the advice to use pat-lifecycle login (AADSTS50076)", async () => {
      const error = await failure(ropc(mfa.principalName, "grace-password-1"));
      assert.strictEqual(error.aadsts, "50076");
      assert.match(error.message, /requires multi-factor authentication/);
      assert.match(error.message, /pat-lifecycle login/);
    });

    it("a wrong password is named as such", async () => {
      const error = await failure(ropc("ada@contoso.com", "not-the-password"));
      assert.match(error.message, /username or password is wrong/);
    });
  });
});
