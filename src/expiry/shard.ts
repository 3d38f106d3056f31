/**
 * `shard: i/n` for organization mode: n pipeline jobs each scan the users whose descriptor hashes
 * to their index. A hash of the descriptor, not a position in the Graph listing, decides, so every
 * job puts every user in the same shard even when jobs list users at different moments.
 */
export interface Shard {
  /** 1-based, as written in the input. */
  index: number;
  count: number;
}

/** `"2/5"` -> {index 2, count 5}; null for anything else (the caller names the input). */
export function parseShard(text: string): Shard | null {
  const match = /^\s*(\d{1,6})\s*\/\s*(\d{1,6})\s*$/.exec(text);
  if (!match) return null;
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1 || index < 1 || index > count) return null;
  return { index, count };
}

/** The 1-based shard a key belongs to among `count`. */
export function shardOf(key: string, count: number): number {
  return (fnv1a32(key) % count) + 1;
}

/** The items of this shard, in their original order. */
export function selectShard<T>(items: readonly T[], shard: Shard | null, key: (item: T) => string): T[] {
  if (!shard || shard.count === 1) return [...items];
  return items.filter((item) => shardOf(key(item), shard.count) === shard.index);
}

/** FNV-1a over UTF-16 code units: stable across runs, platforms and Node versions. */
function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}
