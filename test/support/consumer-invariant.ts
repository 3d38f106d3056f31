/**
 * The rotation's promise to consumers, checked on what the stores hold: every store holds a working PAT
 * (after any failure), and, once a run succeeded, exactly one current PAT that every store holds.
 */
import * as assert from "assert";
import type { EmuPat } from "../emulator/client";

/** What one store holds: the secret's value and, for a store that keeps one, the authorizationId its record names. */
export interface Holding {
  store: string;
  token: string | undefined;
  record?: string;
}

/** Every store holds the secret of one of `alive` (the family's working PATs, old or new). */
export function assertStoresWork(alive: EmuPat[], holdings: Holding[], log: string): void {
  for (const h of holdings)
    assert.ok(
      alive.some((p) => p.token === h.token),
      `${h.store} holds no working PAT:\n${log}`,
    );
}

export interface CurrentPatCheck {
  /** The consumer's PAT name. */
  name: string;
  /** The family's working PATs. */
  alive: EmuPat[];
  holdings: Holding[];
  /** Where every other working PAT must be named: the run's log or its warnings. */
  reportedIn: string;
  /** Shown when the check fails; default: reportedIn. */
  log?: string;
  /** Look-alike PATs the task must leave alone (and name). */
  alone?: string[];
  /** Other working PATs may stay when reported (a task that warns instead of revoking); default: they must be revoked. */
  othersMayStay?: boolean;
}

/** Exactly one working PAT carries the name, every store holds it and every record names it; the rest are reported. */
export function assertOneCurrentPat(o: CurrentPatCheck): EmuPat {
  const alone = o.alone ?? [];
  const log = o.log ?? o.reportedIn;
  const recorded = o.holdings.find((h) => h.record !== undefined)?.record;
  // After a double fault two PATs may share the name until the rerun: the record says which is current.
  const named = o.alive.filter((p) => p.displayName === o.name && (p.authorizationId === recorded || !alone.includes(p.authorizationId)));
  assert.strictEqual(named.length, 1, `expected one working '${o.name}', found ${named.length}:\n${log}`);
  const current = named[0];
  for (const h of o.holdings) {
    assert.strictEqual(h.token === current.token, true, `${h.store} does not hold the current PAT's secret:\n${log}`);
    if (h.record !== undefined) assert.strictEqual(h.record, current.authorizationId, `${h.store}'s record names another PAT`);
  }
  for (const other of o.alive.filter((p) => p !== current)) {
    assert.ok(
      o.reportedIn.includes(other.authorizationId),
      `unreported working PAT '${other.displayName}' (${other.authorizationId}):\n${log}`,
    );
    if (!o.othersMayStay && !alone.includes(other.authorizationId))
      assert.fail(`the working PAT '${other.displayName}' (${other.authorizationId}) should have been revoked:\n${log}`);
  }
  return current;
}
