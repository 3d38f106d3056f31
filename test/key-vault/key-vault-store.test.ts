/**
 * The Key Vault store in process, with the unmodified SDK clients against the emulator: the record in the current
 * version's tags (long leftovers split over several tags), the compare-and-set before the write, and a concurrent
 * writer caught by the read-back.
 */
import * as assert from "assert";
import { keyVaultStore } from "../../src/key-vault/key-vault-store";
import { StoreHeldByOtherError, type PatSummary, type SecretStore } from "../../src/rotation";
import type { Emulator } from "../emulator/client";
import { keyVaultWithWriter, type KeyVaultWriter } from "../support/key-vault-writer";
import { startSeededEmulator } from "../support/seeded-emulator";

const OLD = "11111111-1111-4111-8111-111111111111";
const NEW = "22222222-2222-4222-8222-222222222222";
const OTHER = "33333333-3333-4333-8333-333333333333";
const pat = (authorizationId: string): PatSummary => ({
  authorizationId,
  displayName: "deploy",
  validTo: "2026-12-20T10:00:00.000Z",
  validFrom: "2026-11-20T10:00:00.000Z",
  scope: "vso.packaging",
  targetAccounts: ["contoso"],
});

describe("Key Vault store in process", function () {
  this.timeout(60_000);
  let emulator: Emulator;
  let vault: KeyVaultWriter;
  before(async () => {
    ({ emu: emulator } = await startSeededEmulator({ now: "2026-11-20T10:00:00.000Z" }));
    vault = await keyVaultWithWriter(emulator, "kv-in-process");
  });
  after(async () => emulator?.stop());

  const storeFor = (secretName: string): SecretStore =>
    keyVaultStore({ vaultUrl: vault.vaultUrl, secretName, credential: vault.credential, identity: "the test's app", emulator: true });

  it("no secret, then a secret without tags: no record; after a write the tags are the record, long leftovers split", async () => {
    const store = storeFor("RecordPat");
    assert.strictEqual(await store.readRecord?.(), undefined);
    await emulator.putKeyVaultSecret({ vaultUrl: vault.vaultUrl, name: "RecordPat", value: "old-secret" });
    assert.strictEqual(await store.readRecord?.(), undefined);
    const leftovers = Array.from({ length: 8 }, (_, i) => ({
      kind: "replaced" as const,
      authorizationId: `4444444${i}-4444-4444-8444-444444444444`,
    }));
    await store.store("new-secret", pat(NEW), { from: pat(OLD), leftovers });
    assert.deepStrictEqual(await store.readRecord?.(), { authorizationId: NEW, validTo: "2026-12-20T10:00:00.000Z", leftovers });
    const tags = (await emulator.keyVaultSecret(vault.vaultUrl, "RecordPat")).at(-1)?.tags ?? {};
    assert.ok(Object.keys(tags).length > 4, "the leftovers took more than one tag");
    assert.ok(Object.values(tags).every((v) => v.length <= 256));
  });

  it("refuses to write when the current version names another PAT (another run got there first)", async () => {
    const store = storeFor("HeldPat");
    await emulator.putKeyVaultSecret({
      vaultUrl: vault.vaultUrl,
      name: "HeldPat",
      value: "other-secret",
      tags: { authorizationId: OTHER },
    });
    await assert.rejects(store.store("new-secret", pat(NEW), { from: pat(OLD), leftovers: [] }), (e: unknown) => {
      assert.ok(e instanceof StoreHeldByOtherError);
      assert.strictEqual(e.heldAuthorizationId, OTHER);
      return true;
    });
    assert.strictEqual((await emulator.keyVaultSecret(vault.vaultUrl, "HeldPat")).length, 1, "nothing written");
  });

  it("a concurrent writer between this write and its read-back wins: this run is told, the vault keeps the other PAT", async () => {
    const store = storeFor("RacePat");
    await emulator.putKeyVaultSecret({ vaultUrl: vault.vaultUrl, name: "RacePat", value: "old-secret", tags: { authorizationId: OLD } });
    await emulator.clearRequests();
    // The PUT is held, so the next GET after the record's is the read-back; that one is held too, while the other run writes.
    await emulator.addFault({ method: "PUT", path: "^/secrets/RacePat", kind: "latency", ms: 1500, times: 1 });
    const write = store.store("new-secret", pat(NEW), { from: pat(OLD), leftovers: [] });
    await until(async () => (await raceRequests()).some((r) => r.method === "GET" && r.status === 200));
    await emulator.addFault({ method: "GET", path: "^/secrets/RacePat", kind: "latency", ms: 1500, times: 1 });
    await until(async () => (await raceRequests()).some((r) => r.method === "PUT" && r.status === 200));
    await emulator.putKeyVaultSecret({
      vaultUrl: vault.vaultUrl,
      name: "RacePat",
      value: "other-secret",
      tags: { authorizationId: OTHER },
    });
    await assert.rejects(write, (e: unknown) => e instanceof StoreHeldByOtherError && e.heldAuthorizationId === OTHER);
    assert.deepStrictEqual(
      (await emulator.keyVaultSecret(vault.vaultUrl, "RacePat")).map((v) => v.value),
      ["old-secret", "new-secret", "other-secret"],
    );
  });

  const raceRequests = async () => (await emulator.requests()).filter((r) => r.service === "keyvault" && /RacePat/.test(r.path));
});

/** Polls `condition` every 20 ms (at most 10 s). */
async function until(condition: () => Promise<boolean>): Promise<void> {
  for (let waited = 0; !(await condition()); waited += 20) {
    if (waited > 10_000) throw new Error("the awaited request never came");
    await new Promise((r) => setTimeout(r, 20));
  }
}
