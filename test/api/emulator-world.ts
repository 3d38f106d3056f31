/** One emulator per test file, with an organization, a signed-in user and API contexts pointing at it. */
import type { OrgContext } from "../../src/api/context";
import { endpointsFromEnv, type Endpoints } from "../../src/api/endpoints";
import { HttpClient, type HttpClientOptions } from "../../src/api/http";
import { bearer, type Credential } from "../../src/api/credential";
import type { Emulator, EmuUser, LoggedRequest } from "../emulator/client";
import { startSeededEmulator } from "../support/seeded-emulator";

export const ORG = "contoso";

export interface World {
  emu: Emulator;
  endpoints: Endpoints;
  user: EmuUser;
  /** The user's Entra access token (a secret: tests scan output for it). */
  token: string;
  /** Waits the client asked for (the sleep is instant). */
  sleeps: number[];
  ctx: OrgContext;
  /** A client for another credential or options, with the same instant sleep. */
  client(credential?: Credential, o?: Partial<HttpClientOptions>): HttpClient;
  orgCtx(http: HttpClient): OrgContext;
  /** Requests the emulator logged since the last clearRequests, for the given service path. */
  logged(pathPattern: RegExp): Promise<LoggedRequest[]>;
}

/** Starts the emulator and creates org "contoso" with user Ada (a token administrator there). */
export async function startWorld(): Promise<World> {
  const { emu, ada: user } = await startSeededEmulator({ ada: { principalName: "ada@contoso.test", tokenAdminOf: [ORG] } });
  const token = await emu.issueAccessToken(user.id);
  const endpoints = endpointsFromEnv(emu.env);
  const sleeps: number[] = [];
  const client = (credential: Credential = bearer(() => token), o: Partial<HttpClientOptions> = {}) =>
    new HttpClient({ credential, sleep: async (ms) => void sleeps.push(ms), ...o });
  const orgCtx = (http: HttpClient): OrgContext => ({ http, endpoints, organization: ORG });
  return {
    emu,
    endpoints,
    user,
    token,
    sleeps,
    client,
    orgCtx,
    ctx: orgCtx(client()),
    logged: async (pathPattern) => (await emu.requests()).filter((r) => pathPattern.test(r.path)),
  };
}
