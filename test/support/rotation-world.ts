/**
 * The world the packaged RotatePat is tested in: the unzipped .vsix, the emulator at a fixed clock with
 * contoso and Ada (trusted by this process), her refresh token, and a runner that scans every run for secrets.
 */
import * as fs from "fs";
import type { EmuPat, EmuUser, Emulator } from "../emulator/client";
import { packageExtension, runPackagedTaskAsync } from "./packaged-task";
import { assertNoSecrets, visibleTaskOutput } from "./secrets";
import { startSeededEmulator } from "./seeded-emulator";

const ROTATION_CLIENT_ID = "pat-lifecycle-test-client";
export const ROTATION_PROJECT = "Fabrikam";

/** The fields are there once the suite's `before` ran. */
export interface RotationWorld {
  now: string;
  emulator: Emulator;
  ada: EmuUser;
  refreshToken: string;
  unpacked: string;
  /** A job token (System.AccessToken) of contoso limited to the project; Administrator of groups (and connections) as asked. */
  jobToken(o?: { variableGroupAdmin?: boolean; serviceEndpointAdmin?: boolean }): Promise<string>;
  /** `days` from the world's clock, as ISO text. */
  inDays(days: number): string;
}

/** A consumer of a PAT: the PAT's name and the PAT it holds before the run; each suite adds where it keeps it. */
export interface ConsumerBase {
  name: string;
  old: EmuPat;
}

/** One packaged RotatePat run as a person reads it (secret-setting lines dropped). */
export interface RotateRun {
  log: string;
  result: string | undefined;
  warnings: string[];
  errors: string[];
  newAuthorizationId?: string;
}

/** Registers before/after/beforeEach on the calling describe: package, start, seed; clear faults before each test. */
export function rotationWorld(o: { now: string }): RotationWorld {
  const world = {
    now: o.now,
    inDays: (days: number) => new Date(Date.parse(o.now) + days * 24 * 60 * 60 * 1000).toISOString(),
    jobToken: (job = {}) => world.emulator.issueJobToken("contoso", { variableGroupAdmin: true, ...job, project: ROTATION_PROJECT }),
  } as RotationWorld;
  before(async () => {
    world.unpacked = packageExtension().unpacked;
    ({ emu: world.emulator, ada: world.ada } = await startSeededEmulator({ now: o.now }));
    world.refreshToken = await world.emulator.issueRefreshToken(world.ada.id, ROTATION_CLIENT_ID);
  });
  after(async () => {
    await world.emulator?.stop();
    if (world.unpacked) fs.rmSync(world.unpacked, { recursive: true, force: true });
  });
  beforeEach(async () => {
    await world.emulator.clearFaults();
  });
  return world;
}

/**
 * Runs the packaged RotatePat as Ada (refresh token sign-in) in the project, with the job token `job`
 * (default: Administrator of groups and connections); fails the test when any secret shows in its output.
 */
export async function runPackagedRotatePat(
  world: RotationWorld,
  inputs: Record<string, string>,
  o: { job?: string; env?: Record<string, string>; secrets?: string[] } = {},
): Promise<RotateRun> {
  const job = o.job ?? (await world.jobToken({ serviceEndpointAdmin: true }));
  const env = {
    ...world.emulator.env,
    PAT_LIFECYCLE_NOW: world.now,
    SYSTEM_COLLECTIONURI: `${world.emulator.devopsUrl}/contoso/`,
    SYSTEM_TEAMPROJECT: ROTATION_PROJECT,
    SECRET_SYSTEM_ACCESSTOKEN: job,
    ...o.env,
  };
  const signIn = { authenticationMethod: "refreshToken", tenantId: world.emulator.tenantId, clientId: ROTATION_CLIENT_ID };
  const child = await runPackagedTaskAsync(world.unpacked, "RotatePatV1", { ...signIn, refreshToken: world.refreshToken, ...inputs }, env);
  const [log, stderr] = visibleTaskOutput(child.stdout, child.stderr);
  const pats = await world.emulator.pats();
  assertNoSecrets([log, stderr], [world.refreshToken, job, ...(o.secrets ?? []), ...pats.map((p) => p.token)]);
  const issues = (type: string) =>
    [...log.matchAll(new RegExp(`##vso\\[task\\.(?:issue|logissue) type=${type}[^\\]]*\\](.*)`, "g"))].map((m) => m[1]);
  return {
    log: `${log}\n${stderr}`,
    result: /##vso\[task\.complete result=(\w+)/.exec(log)?.[1],
    warnings: issues("warning"),
    errors: issues("error"),
    newAuthorizationId: /##vso\[task\.setvariable variable=NewAuthorizationId;[^\]]*\](.*)/.exec(log)?.[1],
  };
}

/** Ada's PATs whose name starts with `name` that still work at the world's clock (not revoked, not expired). */
export async function family(world: RotationWorld, name: string): Promise<EmuPat[]> {
  return (await world.emulator.pats(world.ada.id)).filter(
    (p) => !p.revoked && p.displayName.startsWith(name) && Date.parse(p.validTo) > Date.parse(world.now),
  );
}

/** A PAT of Ada's in contoso that a consumer holds: 25 days old, due (5 days left) unless `validTo` says otherwise. */
export function consumerPat(world: RotationWorld, name: string, o: { scope: string; validTo?: string }): Promise<EmuPat> {
  return world.emulator.addPat(world.ada.id, {
    displayName: name,
    scope: o.scope,
    validTo: o.validTo ?? world.inDays(5),
    validFrom: world.inDays(-25),
    organizations: ["contoso"],
  });
}
