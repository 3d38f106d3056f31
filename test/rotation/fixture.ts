/** An emulator with organization contoso and user Ada, and the rotation deps wired to it in-process. */
import * as assert from "assert";
import type { OrgContext } from "../../src/api/context";
import { endpointsFromEnv } from "../../src/api/endpoints";
import { HttpClient } from "../../src/api/http";
import { bearer } from "../../src/api/credential";
import { connectionDataVerifier, type PatSummary, type RotationDeps, type RotationParams, type SecretStore } from "../../src/rotation";
import { type EmuPat, type EmuUser, type Emulator } from "../emulator/client";
import { daysFromNow } from "../support/days";
import { startSeededEmulator } from "../support/seeded-emulator";

export const NOW = "2026-11-20T10:00:00.000Z";

/** NOW plus days, ISO. */
export function inDays(days: number): string {
  return daysFromNow(days, Date.parse(NOW));
}

// Retry waits shortened: faults are counted, not timed.
const quickSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.min(ms, 20)));

/** A store that remembers what it was given, or fails when told to. */
export class MemoryStore implements SecretStore {
  readonly secrets: string[] = [];
  failWith?: Error;
  constructor(readonly name = "memory store") {}
  async store(secret: string, _pat: PatSummary): Promise<void> {
    if (this.failWith) throw this.failWith;
    this.secrets.push(secret);
  }
  get current(): string | undefined {
    return this.secrets[this.secrets.length - 1];
  }
}

export interface Fixture {
  emulator: Emulator;
  user: EmuUser;
  org: OrgContext;
  collectionUrl: string;
  deps(o?: Partial<RotationDeps>): RotationDeps & { stores: SecretStore[] };
  params(o: Partial<RotationParams> & Pick<RotationParams, "select">): RotationParams;
  /** Every PAT of Ada, with secrets. */
  pats(): Promise<EmuPat[]>;
  addPat(displayName: string, o?: { scope?: string; validTo?: string; global?: boolean; validFrom?: string }): Promise<EmuPat>;
}

export async function startRotationFixture(): Promise<Fixture> {
  const { emu: emulator, ada: user } = await startSeededEmulator({ now: NOW, ada: { principalName: "ada@contoso.example" } });
  const token = await emulator.issueAccessToken(user.id, { expiresInSec: 24 * 3600 });
  const endpoints = endpointsFromEnv(emulator.env);
  const org: OrgContext = {
    http: new HttpClient({ credential: bearer(() => token), sleep: quickSleep }),
    endpoints,
    organization: "contoso",
  };
  const collectionUrl = `${emulator.devopsUrl}/contoso/`;
  const fixture: Fixture = {
    emulator,
    user,
    org,
    collectionUrl,
    deps: (o = {}) => ({
      org,
      now: () => new Date(NOW),
      stores: [new MemoryStore()],
      verifier: connectionDataVerifier({
        collectionUrl,
        httpFor: (credential) => new HttpClient({ credential, sleep: quickSleep }),
        delayMs: 10,
      }),
      ...o,
    }),
    params: (o) => ({ action: "rotate", lifetimeDays: 30, keepGlobal: false, verify: true, revokeOld: true, dryRun: false, ...o }),
    pats: () => emulator.pats(user.id),
    addPat: (displayName, o = {}) =>
      emulator.addPat(user.id, {
        displayName,
        scope: o.scope ?? "vso.code vso.packaging",
        validTo: o.validTo ?? inDays(5),
        validFrom: o.validFrom,
        organizations: o.global ? "global" : ["contoso"],
      }),
  };
  return fixture;
}

/** Active (not revoked, not expired at NOW) PATs of Ada with exactly this name. */
export async function usable(f: Fixture, displayName: string): Promise<EmuPat[]> {
  return (await f.pats()).filter((p) => !p.revoked && Date.parse(p.validTo) > Date.parse(NOW) && p.displayName === displayName);
}

/**
 * The consumer invariant: exactly one usable PAT carries the name, the store (when given) holds its
 * secret, and every other unrevoked PAT of that name family is named as a leftover.
 */
export async function assertOneUsable(f: Fixture, displayName: string, store?: MemoryStore, expectedSecret?: string): Promise<EmuPat> {
  const active = await usable(f, displayName);
  assert.strictEqual(active.length, 1, `expected exactly one usable PAT named '${displayName}', found ${active.length}`);
  if (store?.current !== undefined) assert.strictEqual(store.current, active[0].token, "the store does not hold the usable PAT's secret");
  if (expectedSecret !== undefined) assert.strictEqual(active[0].token, expectedSecret, "the usable PAT is not the expected one");
  return active[0];
}
