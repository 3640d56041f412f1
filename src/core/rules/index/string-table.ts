import { SlotPool } from "./slot-pool.ts";
import type { Slots } from "./slots.ts";

/** Murmur3's finaliser: every input bit reaches the low bits that pick a bucket. */
function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

/** Another finaliser (Wang and Mueller's lowbias32 constants), for fingerprints. */
function remix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) | 0;
}

/** FNV-1a over UTF-16 code units, mixed: the hash of a word, computed once per item word by prepareItem. */
export function hashWord(word: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 0x01000193);
  return mix(h);
}

/** hashWord of a word from its FNV-1a (`raw`), which the item scanner computes as it reads. */
export function hashOfRaw(raw: number): number {
  return mix(raw);
}

/** The hash of the two-word key `a b`, from the hashes of its words. */
export function hashPair(a: number, b: number): number {
  return mix(Math.imul(a, 0x9e3779b1) ^ b);
}

/**
 * A second hash of a word, independent of hashWord (other seed, multiplier and mixer): with
 * it, a key is told apart by 64 bits (see StringTable). Also computed once per item word.
 */
export function fingerprintWord(word: string): number {
  let h = 0x2c9277b5;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 0x5bd1e995) ^ (h >>> 15);
  return fingerprintOfState(h, word.length);
}

/**
 * fingerprintWord of a word of `length` units from the state of its loop (`h`): the item
 * scanner runs that loop as it reads, and the length, known only at the word's end, is
 * mixed in last.
 */
export function fingerprintOfState(h: number, length: number): number {
  return remix(h ^ Math.imul(length, 0x27d4eb2f));
}

/** fingerprintWord of the two-word key `a b`, from those of its words. */
export function fingerprintPair(a: number, b: number): number {
  return remix(Math.imul(a, 0x85ebca77) + ((b << 13) | (b >>> 19)));
}

/** hashWord or hashPair of a key (a word, or two words `a b`), as the item side computes it. */
export function keyHash(key: string): number {
  const space = key.indexOf(" ");
  if (space < 0) return hashWord(key);
  return hashPair(hashWord(key.slice(0, space)), hashWord(key.slice(space + 1)));
}

/** fingerprintWord or fingerprintPair of a key, as the item side computes it. */
export function keyFingerprint(key: string): number {
  const space = key.indexOf(" ");
  if (space < 0) return fingerprintWord(key);
  return fingerprintPair(fingerprintWord(key.slice(0, space)), fingerprintWord(key.slice(space + 1)));
}

/** Ints per bucket: hash, fingerprint, value (a slot ≥ 0, −1 − o for a list, EMPTY or TOMBSTONE). */
const WIDTH = 3;
/** What get() returns for a key that is not there; also the value of an empty bucket. */
export const NONE = -0x80000000;
const EMPTY = NONE;
const TOMBSTONE = NONE + 1;
/**
 * Buckets from which a table is `large` (384 KiB): an item reads three or four tables, and
 * several of these exceed a core's L2 cache (512 KiB to 1 MiB on current servers).
 */
const LARGE = 1 << 15;

/**
 * key → rule slots, where a key is a word or two words `a b`, for the rule index's large
 * tables. At 100,000 rules a `Map<string, …>` lookup costs several cache and TLB misses
 * (bucket, entry, key string, each somewhere in a large heap), and an item makes about a
 * hundred of them: that was most of the matching time. Here a bucket holds the key's hash,
 * its fingerprint and its value, side by side, and a lookup reads that bucket and nothing
 * else: no key characters on either side (comparing them cost a third of the matching time
 * at 100,000 rules, two more waits on memory per key found: the table's characters and the
 * item's string). A value is a slot (≥ 0), or −1 − o for a list of several at offset o of
 * the SlotPool.
 *
 * Keys are therefore told apart by 64 bits, two independent 32-bit hashes: a word that
 * agrees with a key it is not on both would find that key's rules, and two keys that agree
 * would share one bucket. A lookup in a table of n keys errs with a chance of about n/2⁶⁴:
 * with the 30,000 keys of a table at 100,000 rules and 80 lookups an item, once in some
 * 2,000 years at 100 items a second; two of those keys agree with a chance of n²/2⁶⁵, 1 in
 * 4·10¹⁰ (1 in 4·10⁷ for a million keys). The hashes are keyed to nothing secret, but a
 * feed that wants a rule to match need only use its words.
 *
 * Open addressing with linear probing; removed keys leave tombstones, and the table is
 * rebuilt (and its lists compacted) when they, growth or the lists' wasted places call for it.
 */
export class StringTable {
  private buckets: Int32Array;
  /** The key of each bucket, for forEach and rebuilds (lookups never read it). */
  private keys: (string | undefined)[];
  private mask: number;
  /** Buckets not empty (live keys and tombstones). */
  private used = 0;
  private live = 0;
  private pool = new SlotPool();
  /**
   * Bit `hash >>> 27` of each key ever added since the last rebuild: a lookup whose bit is
   * not set finds nothing without reading a bucket. Only small tables gain (a table of a
   * few quoted words is looked up for every word of every item); past a hundred keys or so
   * every bit is set and this costs one test.
   */
  private summary = 0;

  /** `expected`: how many keys the table will hold, to size it once. */
  constructor(expected = 0) {
    const capacity = capacityFor(expected);
    this.buckets = emptyBuckets(capacity);
    this.keys = emptyKeys(capacity);
    this.mask = capacity - 1;
  }

  get size(): number {
    return this.live;
  }

  /** What is filed under the key with this hash and fingerprint: a value for count() and slotAt(), NONE when nothing is. */
  get(hash: number, fingerprint: number): number {
    if ((this.summary & (1 << (hash >>> 27))) === 0) return NONE;
    const buckets = this.buckets;
    for (let p = hash & this.mask; ; p = (p + 1) & this.mask) {
      const at = p * WIDTH;
      const v = buckets[at + 2] ?? EMPTY;
      if (v === EMPTY) return NONE;
      if (buckets[at] === hash && buckets[at + 1] === fingerprint && v !== TOMBSTONE) return v;
    }
  }

  /** Whether the table is past what a cache holds, so that its lookups wait on memory (see prefetchWords). */
  get large(): boolean {
    return this.mask + 1 >= LARGE;
  }

  /** Reads the bucket where a lookup of `hash` starts, to have it in cache: see prefetchWords. */
  touch(hash: number): number {
    return this.buckets[(hash & this.mask) * WIDTH + 2] ?? 0;
  }

  /**
   * The lists of a value from get() below 0: the one of −1 − o is `lists[o]` slots long, its
   * slots from `lists[o + 2]` on (SlotPool). Read again after any add or remove.
   */
  get lists(): Int32Array {
    return this.pool.data;
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

  /** Adds `slots` (one or several) under `key` (a word, or `a b`): the key is hashed and found once. */
  add(key: string, slots: Slots): void {
    const first = typeof slots === "number" ? slots : slots[0];
    if (first === undefined) return;
    const hash = keyHash(key);
    const fingerprint = keyFingerprint(key);
    let b = this.find(hash, fingerprint);
    if (b < 0) {
      if ((this.used + 1) * 2 > this.mask + 1) this.rebuild();
      b = this.place(hash, fingerprint, first);
      this.keys[b / WIDTH] = key;
      this.live++;
    } else this.append(b, first);
    if (typeof slots !== "number") for (let k = 1; k < slots.length; k++) this.append(b, slots[k] ?? 0);
  }

  /** Adds `slot` to the rules of the key in bucket `b`. */
  private append(b: number, slot: number): void {
    const v = this.buckets[b + 2] ?? 0;
    const o = v >= 0 ? this.pool.pair(v, slot) : this.pool.push(-1 - v, slot);
    this.buckets[b + 2] = -1 - o;
  }

  /** Removes `slot` from `key`; the key leaves the table with its last slot. */
  remove(key: string, slot: number): void {
    const b = this.find(keyHash(key), keyFingerprint(key));
    if (b < 0) return;
    const v = this.buckets[b + 2] ?? 0;
    if (v < 0) {
      const o = -1 - v;
      if (this.pool.remove(o, slot) === 1) {
        this.buckets[b + 2] = this.pool.at(o, 0);
        this.pool.release(o);
        if (this.pool.wasteful) this.rebuild();
      }
      return;
    }
    if (v !== slot) return;
    this.buckets[b + 2] = TOMBSTONE;
    this.keys[b / WIDTH] = undefined;
    this.live--;
  }

  /** Every key with its slots. */
  forEach(fn: (key: string, slots: Slots) => void): void {
    const buckets = this.buckets;
    for (let b = 0; b < buckets.length; b += WIDTH) {
      const key = this.keys[b / WIDTH];
      if (key === undefined) continue;
      const v = buckets[b + 2] ?? 0;
      if (v >= 0) {
        fn(key, v);
        continue;
      }
      const slots = new Array<number>(this.count(v));
      for (let i = 0; i < slots.length; i++) slots[i] = this.slotAt(v, i);
      fn(key, slots);
    }
  }

  /** The bucket (index of its first int) of the live key with this hash and fingerprint, or −1. */
  private find(hash: number, fingerprint: number): number {
    const buckets = this.buckets;
    for (let p = hash & this.mask; ; p = (p + 1) & this.mask) {
      const at = p * WIDTH;
      const v = buckets[at + 2] ?? EMPTY;
      if (v === EMPTY) return -1;
      if (buckets[at] === hash && buckets[at + 1] === fingerprint && v !== TOMBSTONE) return at;
    }
  }

  /** Puts a key in the first free bucket of its probe sequence; returns the bucket. */
  private place(hash: number, fingerprint: number, value: number): number {
    const buckets = this.buckets;
    let p = hash & this.mask;
    while ((buckets[p * WIDTH + 2] ?? EMPTY) !== EMPTY) p = (p + 1) & this.mask;
    const at = p * WIDTH;
    buckets[at] = hash;
    buckets[at + 1] = fingerprint;
    buckets[at + 2] = value;
    this.summary |= 1 << (hash >>> 27);
    this.used++;
    return at;
  }

  /** New buckets sized for the live keys (tombstones dropped), with the rule lists compacted. */
  private rebuild(): void {
    const old = this.buckets;
    const oldKeys = this.keys;
    const capacity = capacityFor(this.live + 1);
    this.buckets = emptyBuckets(capacity);
    this.keys = emptyKeys(capacity);
    this.mask = capacity - 1;
    this.used = 0;
    this.summary = 0;
    const oldPool = this.pool;
    this.pool = new SlotPool();
    for (let b = 0; b < old.length; b += WIDTH) {
      const key = oldKeys[b / WIDTH];
      if (key === undefined) continue;
      const v = old[b + 2] ?? 0;
      const at = this.place(old[b] ?? 0, old[b + 1] ?? 0, v >= 0 ? v : -1 - this.pool.copy(oldPool, -1 - v));
      this.keys[at / WIDTH] = key;
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

function emptyBuckets(capacity: number): Int32Array {
  const buckets = new Int32Array(capacity * WIDTH);
  for (let at = 2; at < buckets.length; at += WIDTH) buckets[at] = EMPTY;
  return buckets;
}

/** A dense array (a sparse one would fall back to a dictionary in V8). */
function emptyKeys(capacity: number): (string | undefined)[] {
  return new Array<string | undefined>(capacity).fill(undefined);
}
