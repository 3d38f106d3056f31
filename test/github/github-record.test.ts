/** Which PAT a GitHub secret holds, decided from the record variable and the secret's updated_at alone. */
import * as assert from "assert";
import { confirmedRecord, parseGithubRecord, resolveHeld, type GithubRecord } from "../../src/github/github-record";

const OLD = "11111111-1111-4111-8111-111111111111";
const NEW = "22222222-2222-4222-8222-222222222222";
const T1 = "2026-11-20T10:00:00Z";
const T2 = "2026-11-20T10:00:05Z";

const holdsOld: GithubRecord = { holds: { authorizationId: OLD, validTo: "2026-12-01T00:00:00Z", leftovers: "none", secretUpdatedAt: T1 } };
const writingNew: GithubRecord = { ...holdsOld, pending: { authorizationId: NEW, leftovers: `replaced:${OLD}`, secretUpdatedBefore: T1 } };

describe("GitHub store record", () => {
  it("a confirmed record names its PAT while the secret is as it was then", () => {
    assert.strictEqual(resolveHeld(holdsOld, T1)?.authorizationId, OLD);
  });

  it("a pending write counts once the secret changed after it began, with the pending entry's leftovers", () => {
    assert.deepStrictEqual(resolveHeld(writingNew, T2), {
      authorizationId: NEW,
      validTo: undefined,
      leftovers: [{ kind: "replaced", authorizationId: OLD }],
    });
  });

  it("a pending write that never landed leaves the confirmed PAT, not its leftovers (which name that PAT)", () => {
    assert.deepStrictEqual(resolveHeld(writingNew, T1), { authorizationId: OLD, validTo: "2026-12-01T00:00:00Z", leftovers: [] });
  });

  it("a secret changed by someone else holds an unknown PAT; no secret holds none", () => {
    assert.strictEqual(resolveHeld(holdsOld, T2), undefined);
    assert.strictEqual(resolveHeld(holdsOld, undefined), undefined);
    assert.strictEqual(resolveHeld(undefined, T1), undefined);
  });

  it("leftovers recorded without a secret survive, and a confirmed record round-trips", () => {
    const record = confirmedRecord({ authorizationId: "", leftovers: [] }, undefined, [{ kind: "orphan", authorizationId: NEW }]);
    assert.deepStrictEqual(resolveHeld(record, undefined), {
      authorizationId: "",
      validTo: undefined,
      leftovers: [{ kind: "orphan", authorizationId: NEW }],
    });
    assert.deepStrictEqual(parseGithubRecord(JSON.stringify(holdsOld), "X_PAT_RECORD"), holdsOld);
  });

  it("a variable that is not a record says what to do", () => {
    assert.throws(
      () => parseGithubRecord("hello", "FEED_PAT_PAT_RECORD"),
      /The GitHub variable 'FEED_PAT_PAT_RECORD' does not hold a record this task wrote \('hello'\)\. .*delete the variable/,
    );
  });
});
