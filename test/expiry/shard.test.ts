/** src/expiry/shard.ts: parsing `shard: i/n` and the stable user-to-shard hash. */
import * as assert from "assert";
import { parseShard, selectShard, shardOf } from "../../src/expiry/shard";

describe("expiry/shard", () => {
  it("parses i/n and refuses everything else", () => {
    assert.deepStrictEqual(parseShard("2/5"), { index: 2, count: 5 });
    assert.deepStrictEqual(parseShard(" 1 / 1 "), { index: 1, count: 1 });
    for (const bad of ["", "0/3", "4/3", "1/0", "2", "a/b", "1/2/3", "-1/2", "1.5/3", "1/2x"]) {
      assert.strictEqual(parseShard(bad), null, bad);
    }
  });

  it("n shards cover every user exactly once, whatever order each job lists them in", () => {
    const users = Array.from({ length: 1000 }, (_, i) => `aad.${Buffer.from(`user-${i}@contoso.com`).toString("base64")}`);
    for (const count of [1, 2, 3, 7, 16]) {
      const seen = new Map<string, number>();
      for (let index = 1; index <= count; index++) {
        const listing = index % 2 === 0 ? [...users].reverse() : users; // jobs may see another order
        for (const u of selectShard(listing, { index, count }, (x) => x)) seen.set(u, (seen.get(u) ?? 0) + 1);
      }
      assert.strictEqual(seen.size, users.length, `n=${count}: every user in some shard`);
      assert.ok(
        [...seen.values()].every((v) => v === 1),
        `n=${count}: no user in two shards`,
      );
    }
  });

  it("is stable and spreads users evenly enough", () => {
    assert.strictEqual(shardOf("aad.abc", 4), shardOf("aad.abc", 4));
    const users = Array.from({ length: 2000 }, (_, i) => `aad.user-${i}`);
    const sizes = [1, 2, 3, 4].map((index) => selectShard(users, { index, count: 4 }, (x) => x).length);
    assert.ok(
      sizes.every((s) => s > 400 && s < 600),
      `sizes ${sizes}`,
    );
  });
});
