/** renewingAccessToken: the first token until it nears expiry, then a new sign-in with the latest refresh token. */
import * as assert from "assert";
import { DEFAULT_PUBLIC_CLIENT_ID, Emulator, EmuUser, startEmulator } from "../emulator/client";
import { EntraCredentials } from "../../src/auth/credentials";
import { renewingAccessToken } from "../../src/auth/renewing-token";
import { signIn } from "../../src/auth/sign-in";

describe("renewingAccessToken", () => {
  let emu: Emulator;
  let ada: EmuUser;

  before(async () => {
    emu = await startEmulator();
    emu.trustInThisProcess();
    await emu.addOrganization("contoso");
    ada = await emu.addUser({ displayName: "Ada Lovelace", principalName: "ada@contoso.com", organizations: ["contoso"] });
  });
  after(async () => emu?.stop());

  it("keeps the first token while it is fresh, renews near expiry, once for concurrent callers, and hands the new secrets over for masking", async () => {
    const credentials: EntraCredentials = {
      method: "refreshToken",
      tenantId: emu.tenantId,
      clientId: DEFAULT_PUBLIC_CLIENT_ID,
      refreshToken: await emu.issueRefreshToken(ada.id, DEFAULT_PUBLIC_CLIENT_ID),
    };
    const first = await signIn(credentials, { authorityHost: emu.authorityHost });
    let clock = Date.now();
    const masked: string[] = [];
    const token = renewingAccessToken(credentials, first, {
      authorityHost: emu.authorityHost,
      clock: () => clock,
      onNewSecret: (s) => masked.push(s),
    });

    assert.strictEqual(await token(), first.accessToken);
    await emu.clearRequests();
    clock = first.expiresOn.getTime() - 60_000; // a minute before expiry
    const [a, b] = await Promise.all([token(), token()]);
    assert.strictEqual(a, b);
    assert.notStrictEqual(a, first.accessToken);
    assert.ok(masked.includes(a), "the new access token was handed over for masking first");
    const grants = (await emu.requests()).filter((r) => /oauth2\/v2\.0\/token$/.test(r.path));
    assert.strictEqual(grants.length, 1, "one renewal for two concurrent callers");
    assert.strictEqual(masked.length, 2, "the renewal's access and refresh tokens were both handed over for masking");
  });

  it("an access token given as is is never renewed", async () => {
    const given = await emu.issueAccessToken(ada.id);
    const first = await signIn({ method: "accessToken", accessToken: given }, { authorityHost: emu.authorityHost });
    const token = renewingAccessToken({ method: "accessToken", accessToken: given }, first, {
      authorityHost: emu.authorityHost,
      clock: () => first.expiresOn.getTime(),
    });
    assert.strictEqual(await token(), given);
  });
});
