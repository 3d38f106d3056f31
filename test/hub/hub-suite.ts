/** A describe block's hub world: the emulator, Chromium and test hosts, started in `before` and stopped in `after`; the hub a test opened is closed after it, once its console and storage are scanned for every secret. */
import type { Browser } from "playwright-core";
import { startEmulator, type EmuPat, type Emulator } from "../emulator/client";
import { startHubHost, type HubHost, type HubHostOptions } from "../host/hub-host";
import { daysFromNow } from "../support/days";
import { assertNoSecrets } from "../support/secrets";
import { ensureHubBuilt, hubStorage, launchChromium, openHub, type OpenHub } from "./browser";

type HostOptions = Partial<Omit<HubHostOptions, "emulator" | "organization">>;

export interface HubSuiteOptions {
  /** The organization the hosts show (default "contoso"). */
  organization?: string;
  /** The first host, signed in as Ada Lovelace with these options (a client id, say); false: none, the tests start their own. */
  host?: HostOptions | false;
}

/** What the suite's tests share; everything is there once the suite's `before` ran. */
export interface HubSuite {
  emulator: Emulator;
  browser: Browser;
  organization: { id: string; name: string };
  /** The first host, unless the suite was asked for none. */
  host: HubHost;
  /** Every host started, the first included: their issued tokens are scanned for too. */
  hosts: HubHost[];
  /** Secrets the tests handed out besides PATs and host tokens, which are scanned for anyway. */
  secrets: string[];
  /** Another host in the suite's organization, as the first host's user unless `user` is given; stopped in `after`. */
  startHost(o?: HostOptions): Promise<HubHost>;
  /** The hub this test opened, if it opened one. */
  opened: OpenHub | undefined;
  /** Opens the hub of `host` (default: the first), closing the one opened before; it is scanned and closed after the test. */
  open(host?: HubHost, size?: { width?: number; height?: number }): Promise<OpenHub>;
  /** The first host's user's PATs as the emulator holds them, secrets included. */
  pats(): Promise<EmuPat[]>;
  /** A PAT of the first host's user expiring `days` from now, in the suite's organization unless global. */
  addPat(displayName: string, days: number, o?: { scope?: string; global?: boolean; revoked?: boolean }): Promise<EmuPat>;
}

/**
 * Registers the mocha hooks of a hub suite. Hooks the caller registers afterwards run after these, so
 * their `before` sees the started emulator, browser and first host.
 */
export function hubSuite(o: HubSuiteOptions = {}): HubSuite {
  const suite = { hosts: [], secrets: [] } as unknown as HubSuite;
  /** Closes the hub opened last, once its console and storage hold no PAT secret, host token or other secret handed out. */
  const closeOpened = async () => {
    const open = suite.opened;
    if (!open) return;
    suite.opened = undefined;
    const pats = await suite.emulator.pats();
    const secrets = [...suite.secrets, ...pats.map((p) => p.token), ...suite.hosts.flatMap((h) => h.issuedTokens)];
    try {
      assertNoSecrets([...open.console, await hubStorage(open.page)], secrets);
    } finally {
      await open.close();
    }
  };
  const startHost = async (h: HostOptions = {}) => {
    const host = await startHubHost({ emulator: suite.emulator, organization: suite.organization, user: suite.hosts[0]?.user, ...h });
    suite.hosts.push(host);
    return host;
  };
  Object.assign(suite, {
    startHost,
    open: async (host: HubHost = suite.host, size: { width?: number; height?: number } = {}) => {
      await closeOpened();
      suite.opened = await openHub(suite.browser, host, size);
      return suite.opened;
    },
    pats: () => suite.emulator.pats(suite.host.user.id),
    addPat: (displayName: string, days: number, p: { scope?: string; global?: boolean; revoked?: boolean } = {}) =>
      suite.emulator.addPat(suite.host.user.id, {
        displayName,
        revoked: p.revoked,
        scope: p.scope ?? "vso.code",
        validTo: daysFromNow(days),
        organizations: p.global ? "global" : [suite.organization.name],
      }),
  });

  before(async () => {
    ensureHubBuilt();
    suite.emulator = await startEmulator();
    suite.browser = await launchChromium();
    suite.organization = await suite.emulator.addOrganization(o.organization ?? "contoso");
    if (o.host !== false) suite.host = await startHost(o.host);
  });

  afterEach(async () => {
    await suite.emulator.clearFaults();
    await closeOpened();
  });

  after(async () => {
    await suite.browser?.close();
    for (const host of suite.hosts) await host.stop();
    await suite.emulator?.stop();
  });
  return suite;
}
