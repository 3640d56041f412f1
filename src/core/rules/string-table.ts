import { SlotPool } from "./slot-pool.ts";
import type { Slots } from "./slots.ts";

/** Murmur3's finaliser: every input bit reaches the low bits that pick a bucket. */
function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

/** FNV-1a over UTF-16 code units, mixed: the hash of a word, computed once per item word by prepareItem. */
export function hashWord(word: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 0x01000193);
  return mix(h);
}

/** The hash of the two-word key `a b`, from the hashes of its words. */
export function hashPair(a: number, b: number): number {
  return mix(Math.imul(a, 0x9e3779b1) ^ b);
}

const SPACE = 32;
/**
 * Ints per bucket: hash, key start in `chars`, key length + 1 (0: empty, −1: removed; the
 * +1 keeps the empty key, which a stemmer can produce, apart from an empty bucket), value.
 */
const WIDTH = 4;
const SHIFT = 2;
const EMPTY = 0;
const TOMBSTONE = -1;
/** What get() returns for a key that is not there. */
export const NONE = -0x80000000;
const LARGE_BYTES = 512 * 1024;

/**
 * key → rule slots, where a key is a word or two words `a b`, for the rule index's large
 * tables. At 100,000 rules a `Map<string, …>` lookup costs several cache and TLB misses
 * (bucket, entry, key string, each somewhere in a large heap), and an item makes about a
 * hundred of them: that was most of the matching time. Here each bucket holds the key's
 * hash, where its characters are in one flat buffer, its length and its value, side by
 * side: a lookup reads one bucket, and the key's characters only when the hashes agree.
 * A value is a slot (≥ 0), or −1 − o for a list of several at offset o of the SlotPool.
 *
 * Open addressing with linear probing; removed keys leave tombstones, and the table is
 * rebuilt (keys and lists compacted) when they, growth or the lists' wasted places call for it.
 */
export class StringTable {
  private buckets: Int32Array;
  /** The key of each bucket as a string, for forEach and rebuilds (lookups never read it). */
  private keys: (string | undefined)[];
  private mask: number;
  /** Buckets not empty (live keys and tombstones). */
  private used = 0;
  private live = 0;
  private chars = new Uint16Array(256);
  private charsUsed = 0;
  private pool = new SlotPool();

  /** `expected`: how many keys the table will hold, to size it once. */
  constructor(expected = 0) {
    const capacity = capacityFor(expected);
    this.buckets = new Int32Array(capacity * WIDTH);
    this.keys = emptyKeys(capacity);
    this.mask = capacity - 1;
  }

  get size(): number {
    return this.live;
  }

  /**
   * Whether the table is too large to stay in the processor's cache between two items
   * (buckets over 512 KiB, a typical L2): lookups in it are then warmed first (lookups.ts).
   */
  get large(): boolean {
    return this.buckets.length * 4 > LARGE_BYTES;
  }

  /**
   * Reads what a lookup of `hash` will compare and return: the bucket, the characters of
   * the first key with that hash and the head of its rule list (see warmWords in lookups.ts).
   */
  warm(hash: number): number {
    const buckets = this.buckets;
    for (let p = hash & this.mask; ; p = (p + 1) & this.mask) {
      const at = p * WIDTH;
      if ((buckets[at + 2] ?? EMPTY) === EMPTY) return 0;
      if (buckets[at] !== hash) continue;
      const v = buckets[at + 3] ?? 0;
      return (this.chars[buckets[at + 1] ?? 0] ?? 0) + (v < 0 ? this.pool.at(-1 - v, 0) : 0);
    }
  }

  /** What is filed under the word: a value for count() and slotAt(), NONE when nothing is. */
  get(word: string, hash: number): number {
    const b = this.find(word, "", hash, false);
    return b < 0 ? NONE : (this.buckets[b + 3] ?? 0);
  }

  /** get() for the two-word key `a b`. */
  getPair(a: string, b: string, hash: number): number {
    const at = this.find(a, b, hash, true);
    return at < 0 ? NONE : (this.buckets[at + 3] ?? 0);
  }

  /** How many slots a value from get() holds. */
  count(value: number): number {
    if (value >= 0) return 1;
    return value === NONE ? 0 : this.pool.count(-1 - value);
  }

  /** The i-th slot of a value from get(). */
  slotAt(value: number, i: number): number {
    return value >= 0 ? value : this.pool.at(-1 - value, i);
  }

  /** Adds `slot` under `key` (a word, or `a b`); `hash` is hashWord or hashPair of it. */
  add(key: string, hash: number, slot: number): void {
    let b = this.findKey(key, hash);
    if (b < 0) {
      if ((this.used + 1) * 2 > this.mask + 1) this.rebuild();
      b = this.place(hash, this.store(key), key.length + 1);
      this.keys[b >> SHIFT] = key;
      this.live++;
      this.buckets[b + 3] = slot;
      return;
    }
    const v = this.buckets[b + 3] ?? 0;
    const o = v >= 0 ? this.pool.pair(v, slot) : this.pool.push(-1 - v, slot);
    this.buckets[b + 3] = -1 - o;
  }

  /** Removes `slot` from `key`; the key leaves the table with its last slot. */
  remove(key: string, hash: number, slot: number): void {
    const b = this.findKey(key, hash);
    if (b < 0) return;
    const v = this.buckets[b + 3] ?? 0;
    if (v < 0) {
      const o = -1 - v;
      if (this.pool.remove(o, slot) === 1) {
        this.buckets[b + 3] = this.pool.at(o, 0);
        this.pool.release(o);
        if (this.pool.wasteful) this.rebuild();
      }
      return;
    }
    if (v !== slot) return;
    this.buckets[b + 3] = 0;
    this.buckets[b + 2] = TOMBSTONE;
    this.keys[b >> SHIFT] = undefined;
    this.live--;
  }

  /** Every key with its slots. */
  forEach(fn: (key: string, slots: Slots) => void): void {
    const buckets = this.buckets;
    for (let b = 0; b < buckets.length; b += WIDTH) {
      const key = this.keys[b >> SHIFT];
      if (key === undefined) continue;
      const v = buckets[b + 3] ?? 0;
      fn(key, v >= 0 ? v : Array.from({ length: this.count(v) }, (_, i) => this.slotAt(v, i)));
    }
  }

  private findKey(key: string, hash: number): number {
    // Keys are split here rather than by a helper returning both halves: this runs for every
    // key filed, and the pair array would be allocated each time.
    const space = key.indexOf(" ");
    if (space < 0) return this.find(key, "", hash, false);
    return this.find(key.slice(0, space), key.slice(space + 1), hash, true);
  }

  /** The bucket (index of its first int) of the key `a` (or `a b` when `pair`), or −1. */
  private find(a: string, b: string, hash: number, pair: boolean): number {
    const buckets = this.buckets;
    const stored = (pair ? a.length + 1 + b.length : a.length) + 1;
    for (let p = hash & this.mask; ; p = (p + 1) & this.mask) {
      const at = p * WIDTH;
      const n = buckets[at + 2] ?? EMPTY;
      if (n === EMPTY) return -1;
      if (n === stored && buckets[at] === hash && this.equals(buckets[at + 1] ?? 0, a, b, pair)) return at;
    }
  }

  private equals(start: number, a: string, b: string, pair: boolean): boolean {
    const chars = this.chars;
    let at = start;
    for (let i = 0; i < a.length; i++) if (chars[at++] !== a.charCodeAt(i)) return false;
    if (!pair) return true;
    if (chars[at++] !== SPACE) return false;
    for (let i = 0; i < b.length; i++) if (chars[at++] !== b.charCodeAt(i)) return false;
    return true;
  }

  /** Puts a key in the first free bucket of its probe sequence; returns the bucket. */
  private place(hash: number, start: number, storedLength: number): number {
    const buckets = this.buckets;
    let p = hash & this.mask;
    while ((buckets[p * WIDTH + 2] ?? EMPTY) !== EMPTY) p = (p + 1) & this.mask;
    const at = p * WIDTH;
    buckets[at] = hash;
    buckets[at + 1] = start;
    buckets[at + 2] = storedLength;
    this.used++;
    return at;
  }

  private store(key: string): number {
    if (this.charsUsed + key.length > this.chars.length) {
      const grown = new Uint16Array(Math.max(this.chars.length * 2, this.charsUsed + key.length));
      grown.set(this.chars.subarray(0, this.charsUsed));
      this.chars = grown;
    }
    const start = this.charsUsed;
    for (let i = 0; i < key.length; i++) this.chars[start + i] = key.charCodeAt(i);
    this.charsUsed += key.length;
    return start;
  }

  /** New buckets sized for the live keys (tombstones dropped), with the key buffer and the rule lists compacted. */
  private rebuild(): void {
    const old = this.buckets;
    const oldKeys = this.keys;
    const capacity = capacityFor(this.live + 1);
    this.buckets = new Int32Array(capacity * WIDTH);
    this.keys = emptyKeys(capacity);
    this.mask = capacity - 1;
    this.used = 0;
    let live = 0;
    for (const key of oldKeys) live += key?.length ?? 0;
    this.chars = new Uint16Array(Math.max(256, live * 2));
    this.charsUsed = 0;
    const oldPool = this.pool;
    this.pool = new SlotPool();
    for (let b = 0; b < old.length; b += WIDTH) {
      const key = oldKeys[b >> SHIFT];
      if (key === undefined) continue;
      const at = this.place(old[b] ?? 0, this.store(key), key.length + 1);
      const v = old[b + 3] ?? 0;
      this.buckets[at + 3] = v >= 0 ? v : -1 - this.pool.copy(oldPool, -1 - v);
      this.keys[at >> SHIFT] = key;
    }
  }
}

/**
 * Buckets for `n` keys: a power of two more than twice `n`, so that a table is at most half
 * full (linear probing stays short) and a rebuild for growth doubles it. Not more: at 100,000
 * rules the tables are megabytes, and every spare bucket is memory a lookup may miss in.
 */
function capacityFor(n: number): number {
  let capacity = 64;
  while (capacity <= n * 2) capacity *= 2;
  return capacity;
}

/** A dense array (a sparse one would fall back to a dictionary in V8). */
function emptyKeys(capacity: number): (string | undefined)[] {
  return new Array<string | undefined>(capacity).fill(undefined);
}
