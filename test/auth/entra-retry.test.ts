/** Entra calls retry 429, 503 and lost answers (Retry-After honoured, bounded), through msal-node unmodified. */
import * as assert from "assert";
import { DEFAULT_PUBLIC_CLIENT_ID, Emulator, EmuUser, startEmulator } from "../emulator/client";
import { assertNoSecrets } from "../support/secrets";
import { EntraSignInError } from "../../src/auth/entra-errors";
import { redeemRefreshToken, type EntraApp } from "../../src/auth/msal";

const TOKEN_PATH = "/oauth2/v2.0/token$";

describe("Entra retries (src/auth/msal.ts network module) against the emulated Entra", () => {
  let emu: Emulator;
  let ada: EmuUser;
  /** The waits the retries asked for: recorded instead of slept, so no test waits on real delays. */
  let waits: number[];
  const secrets: string[] = [];

  before(async () => {
    emu = await startEmulator();
    emu.trustInThisProcess();
    await emu.addOrganization("contoso");
    ada = await emu.addUser({ displayName: "Ada Lovelace", principalName: "ada@contoso.com", organizations: ["contoso"] });
  });
  after(async () => emu?.stop());
  beforeEach(async () => {
    waits = [];
    await emu.clearFaults();
  });

  const app = (): EntraApp => ({
    authorityHost: emu.authorityHost,
    tenantId: emu.tenantId,
    clientId: DEFAULT_PUBLIC_CLIENT_ID,
    retry: { sleep: async (ms) => void waits.push(ms) },
  });
  async function refreshToken(): Promise<string> {
    const rt = await emu.issueRefreshToken(ada.id, DEFAULT_PUBLIC_CLIENT_ID);
    secrets.push(rt);
    return rt;
  }
  async function signInFailure(): Promise<EntraSignInError> {
    try {
      await redeemRefreshToken(app(), await refreshToken());
    } catch (error) {
      assert.ok(error instanceof EntraSignInError, String(error));
      return error;
    }
    throw new Error("the sign-in succeeded but should have given up");
  }
  async function tokenRequests(): Promise<number[]> {
    return (await emu.requests()).filter((r) => r.service === "entra" && /oauth2\/v2\.0\/token$/.test(r.path)).map((r) => r.status);
  }

  it("waits out 429s for as long as Retry-After says, then signs in", async () => {
    await emu.addFault({ path: TOKEN_PATH, kind: "status", status: 429, retryAfterSec: 3, times: 2 });
    await emu.clearRequests();
    const tokens = await redeemRefreshToken(app(), await refreshToken());
    secrets.push(tokens.accessToken);
    assert.ok(tokens.accessToken);
    assert.deepStrictEqual(waits, [3000, 3000]);
    assert.deepStrictEqual(await tokenRequests(), [429, 429, 200]);
  });

  it("retries a 503 and a dropped connection with backoff", async () => {
    await emu.addFault({ path: TOKEN_PATH, kind: "status", status: 503, times: 1 });
    await emu.addFault({ path: TOKEN_PATH, kind: "drop", times: 2 });
    const tokens = await redeemRefreshToken(app(), await refreshToken());
    secrets.push(tokens.accessToken);
    assert.ok(tokens.accessToken);
    assert.deepStrictEqual(waits, [1000, 2000, 4000], "backoff doubles from 1 s when no Retry-After is sent");
  });

  it("gives up after 5 attempts and says how long it tried", async () => {
    await emu.addFault({ path: TOKEN_PATH, kind: "status", status: 503, retryAfterSec: 2, times: 20 });
    const error = await signInFailure();
    assert.match(error.message, /\(tried 5 times over 8 s\)/);
    assert.deepStrictEqual(waits, [2000, 2000, 2000, 2000]);
    assertNoSecrets([error.message], secrets);
  });

  it("stops early when the next wait would pass the time cap", async () => {
    await emu.addFault({ path: TOKEN_PATH, kind: "status", status: 429, retryAfterSec: 100, times: 20 });
    const error = await signInFailure();
    assert.match(error.message, /\(tried 2 times over 100 s\)/);
    assert.deepStrictEqual(waits, [100_000]);
  });
});
