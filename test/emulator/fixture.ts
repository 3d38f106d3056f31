/** Shared set-up for the emulator's own tests: one emulator, org "contoso", user Ada, raw HTTPS calls. */
import type { Emulator, EmuUser } from "./client";
import { startSeededEmulator } from "../support/seeded-emulator";

export const PATS_PATH = "/contoso/_apis/tokens/pats";
export const V71 = "7.1-preview.1";

interface RawCall {
  method?: string;
  query?: Record<string, string>;
  body?: unknown;
  headers?: Record<string, string>;
  /** Bearer token; null sends no Authorization (unless headers has one). Default: Ada's token. */
  token?: string | null;
  base?: string;
}

export interface RawAnswer {
  status: number;
  headers: Headers;
  text: string;
  json<T = Record<string, unknown>>(): T;
}

export interface Fixture {
  emu: Emulator;
  ada: EmuUser;
  adaToken: string;
  call(path: string, o?: RawCall): Promise<RawAnswer>;
  /** A PUT of `body` to dev.azure.com `path` (api-version 7.1) with `token`. */
  devopsPut(path: string, token: string, body: unknown): Promise<RawAnswer>;
}

export async function startRawCallFixture(o: { now?: string } = {}): Promise<Fixture> {
  const { emu, ada } = await startSeededEmulator({ now: o.now, ada: { password: "pw-ada-1234", tokenAdminOf: ["contoso"] } });
  const adaToken = await emu.issueAccessToken(ada.id);
  const call = async (path: string, c: RawCall = {}): Promise<RawAnswer> => {
    const url = new URL(`${c.base ?? emu.vsspsUrl}${path}`);
    for (const [k, v] of Object.entries(c.query ?? { "api-version": V71 })) url.searchParams.set(k, v);
    const headers: Record<string, string> = { ...(c.headers ?? {}) };
    const token = c.token === undefined ? adaToken : c.token;
    if (token && !headers.authorization) headers.authorization = `Bearer ${token}`;
    if (c.body !== undefined) headers["content-type"] = "application/json";
    const res = await fetch(url, {
      method: c.method ?? "GET",
      headers,
      body: c.body === undefined ? undefined : typeof c.body === "string" ? c.body : JSON.stringify(c.body),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, text, json: <T>() => JSON.parse(text) as T };
  };
  const devopsPut = (path: string, token: string, body: unknown) => call(path, { base: emu.devopsUrl, method: "PUT", token, body });
  return { emu, ada, adaToken, call, devopsPut };
}

/** The Authorization header value a PAT is sent with: Basic base64(":" + PAT). */
export function basicAuthorizationHeader(secret: string): string {
  return `Basic ${Buffer.from(`:${secret}`).toString("base64")}`;
}
