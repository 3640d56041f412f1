import type { StemFn } from "../text/stem.ts";
import { ELISIONS } from "../text/tokenize.ts";
import { fingerprintWord, hashWord } from "./index/index.ts";

/**
 * What prepareItem needs to know of a folded word, computed the first time the word is seen
 * and kept: its two hashes for the rule index's tables, and its stem in the language it was
 * last stemmed in. One lookup per token then replaces, per distinct word of an item, a
 * lookup in the item's own map, two hashings of its characters, a stem-cache lookup, and
 * the same again for its stem. (Measured: preparing was 3/4 of end-to-end matching time.)
 *
 * Words and stems share one table: a stem is a string like any other, and often a word too.
 * A word is known by its number in the table (an entry); what the item scanner reads for
 * every token is in typed arrays, a few hundred kilobytes for a news vocabulary:
 * with one object per word, spread over the heap, each lookup waited on memory two or three
 * times (measured: 250 ns a token, more than reading the text).
 *
 * The scanner (scan.ts) finds a word's entry without making its string: it hashes the folded
 * characters as it reads them (FNV-1a, the first step of hashWord), keeping them in a small
 * buffer, and `entryAt` looks that hash up in an open-addressing index, then compares the
 * buffer with the word's characters, kept in one pool. Only a word not in the table is sliced (or folded) into a string.
 *
 * `WORD_STAMP`/`WORD_ID` (and `STEM_STAMP`/`STEM_ID`) number the distinct words (stems) of the
 * item being prepared without a map per item: an entry whose stamp is not the current
 * item's has not been seen in it yet. prepareItem is synchronous, so one item is prepared at
 * a time. A prepared item keeps strings and numbers only, never entry numbers past its
 * preparation without checking `generation`, so clearing the table (when it is full) leaves
 * earlier items valid.
 */

/**
 * Feed text is hostile: a stream of new made-up words must not grow the table without
 * bound. A full table is dropped, between two items, rather than evicted entry by entry
 * (simpler, and it refills fast); real news vocabularies are far smaller (the shared
 * corpora: 19,000 words in 1,600 items).
 */
const LIMIT = 200_000;
/** Words longer than this are not put in the pool (the scanner then builds their string). */
export const POOLED_LENGTH = 64;
const POOL_LIMIT = 1 << 24;

/** FNV-1a's start and step, as hashWord does them (string-table.ts). */
export const FNV_START = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;

const byWord = new Map<string, number>();
/** By entry. */
export const words: string[] = [];
const stemmers: (StemFn | null)[] = [];
let capacity = 1024;
/**
 * What prepareItem reads of an entry for every distinct word of an item, side by side: `INFO`
 * numbers per entry (16 bytes, so in one cache line), at `entry * INFO + HASH` and so on.
 * With one array per field, a word out of cache was one wait on memory per field.
 */
export const INFO = 4;
/** hashWord and fingerprintWord of the word. */
export const HASH = 0;
export const FINGERPRINT = 1;
/** The item stamp and id of the word in the item being prepared (see above). */
export const WORD_STAMP = 2;
export const WORD_ID = 3;
export let info = new Int32Array(capacity * INFO);
/** The same for what is read less often: stems (on first use) and rehashing. */
export const STEM_STAMP = 0;
export const STEM_ID = 1;
/** The entry of the word's stem under stemmers[entry]. */
const STEM_OF = 2;
/** FNV-1a of the word (hashWord before its mixing): what the scanner computes as it reads. */
const RAW = 3;
export let stemInfo = new Int32Array(capacity * INFO);
/** 1 for a French/Italian article or pronoun dropped before an apostrophe (ELISIONS). */
export let elisions = new Uint8Array(capacity);
let poolAt = new Int32Array(capacity);
/** 1 for an entry whose characters are in the pool (and so in `slots`). */
let pooled = new Uint8Array(capacity);
let pool = new Uint16Array(capacity * 8);
let poolUsed = 0;
/**
 * Open addressing on the raw hash, at most half full. A slot is two numbers: where the
 * word's characters are in the pool with its length in the top bits (0: empty), and its raw
 * hash; the pool holds each word's entry number just before its characters. So a lookup
 * reads one slot and then one place in the pool, in a table half the size of one with the
 * entry in the slot too (measured: the table's size shows once it outgrows the cache).
 */
const SLOT = 2;
let slots = new Int32Array(capacity * 2 * SLOT);
let stamp = 0;
/** Counts the clearings: an item prepared before one must not use its entry numbers. */
let generation = 0;

function rawHash(word: string): number {
  let h = FNV_START | 0;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), FNV_PRIME);
  return h;
}

function grow<T extends Int32Array | Uint8Array | Uint16Array>(a: T, size: number): T {
  const b = new (a.constructor as new (n: number) => T)(size);
  b.set(a);
  return b;
}

function place(entry: number): void {
  const mask = slots.length / SLOT - 1;
  const raw = stemInfo[entry * INFO + RAW] ?? 0;
  let s = raw & mask;
  while (slots[s * SLOT] !== 0) s = (s + 1) & mask;
  slots[s * SLOT] = (poolAt[entry] ?? 0) | ((words[entry] ?? "").length << 24);
  slots[s * SLOT + 1] = raw;
}

function ensureRoom(): void {
  if (words.length < capacity) return;
  capacity *= 2;
  info = grow(info, capacity * INFO);
  stemInfo = grow(stemInfo, capacity * INFO);
  elisions = grow(elisions, capacity);
  poolAt = grow(poolAt, capacity);
  pooled = grow(pooled, capacity);
  slots = new Int32Array(capacity * 2 * SLOT);
  for (let e = 0; e < words.length; e++) if (pooled[e] === 1) place(e);
}

function newEntry(word: string): number {
  ensureRoom();
  const entry = words.length;
  words.push(word);
  stemmers.push(null);
  const at = entry * INFO;
  info[at + HASH] = hashWord(word);
  info[at + FINGERPRINT] = fingerprintWord(word);
  info[at + WORD_STAMP] = 0;
  stemInfo[at + STEM_STAMP] = 0;
  stemInfo[at + RAW] = rawHash(word);
  elisions[entry] = ELISIONS.has(word) ? 1 : 0;
  // A slot keeps 24 bits of pool position: past them (one huge hostile item, the table is
  // only dropped between items), words are found by their string.
  if (word.length <= POOLED_LENGTH && poolUsed + 2 + word.length < POOL_LIMIT) {
    if (poolUsed + 2 + word.length > pool.length) pool = grow(pool, pool.length * 2);
    pool[poolUsed++] = entry & 0xffff;
    pool[poolUsed++] = entry >>> 16;
    // Never 0 (an empty slot): the entry number is before the characters.
    poolAt[entry] = poolUsed;
    for (let i = 0; i < word.length; i++) pool[poolUsed++] = word.charCodeAt(i);
    pooled[entry] = 1;
    place(entry);
  } else pooled[entry] = 0;
  byWord.set(word, entry);
  return entry;
}

/** Starts an item: returns its stamp (never 0, the stamp of fresh entries). */
export function nextItemStamp(): number {
  // Past the last stamp, old entries could carry the next ones: start afresh.
  if (words.length >= LIMIT || stamp >= 0x3fffffff) {
    byWord.clear();
    words.length = 0;
    stemmers.length = 0;
    slots.fill(0);
    poolUsed = 0;
    stamp = 0;
    generation++;
  }
  stamp++;
  return stamp;
}

/** The table's generation: it changes when the table is dropped. */
export function wordTableGeneration(): number {
  return generation;
}

/** The entry of a folded word (added if new). */
export function wordEntry(word: string): number {
  return byWord.get(word) ?? newEntry(word);
}

/**
 * The entry of the word whose folded characters are chars[from, from + length), or −1 if the
 * table does not have it: `raw` is their FNV-1a, computed by the caller as it read them.
 */
export function entryAt(chars: Uint16Array, from: number, length: number, raw: number): number {
  const mask = slots.length / SLOT - 1;
  for (let s = raw & mask; ; s = (s + 1) & mask) {
    const where = slots[s * SLOT] ?? 0;
    if (where === 0) return -1;
    if (slots[s * SLOT + 1] === raw && where >>> 24 === length) {
      const at = where & 0xffffff;
      if (samePooled(chars, from, length, at)) return (pool[at - 2] ?? 0) | ((pool[at - 1] ?? 0) << 16);
    }
  }
}

function samePooled(chars: Uint16Array, from: number, length: number, at: number): boolean {
  for (let k = 0; k < length; k++) if (chars[from + k] !== pool[at + k]) return false;
  return true;
}

/**
 * Reads what entryAt will read first for each of `count` hashes (the first slot, then the
 * pooled characters it points to) and returns nothing of use: see scan.ts on why.
 */
export function touchEntries(raws: Int32Array, count: number): number {
  const mask = slots.length / SLOT - 1;
  let sum = 0;
  for (let k = 0; k < count; k++) sum ^= slots[((raws[k] ?? 0) & mask) * SLOT] ?? 0;
  for (let k = 0; k < count; k++) sum ^= pool[(slots[((raws[k] ?? 0) & mask) * SLOT] ?? 0) & 0xffffff] ?? 0;
  return sum;
}

/** The entry of the stem under `stem` of the word of `entry` (computed once per word and stemmer). */
export function stemEntry(entry: number, stem: StemFn): number {
  if (stemmers[entry] === stem) return stemInfo[entry * INFO + STEM_OF] ?? entry;
  const word = words[entry] ?? "";
  const s = stem(word);
  const found = s === word ? entry : wordEntry(s);
  // wordEntry may have grown the arrays: write after it.
  stemmers[entry] = stem;
  stemInfo[entry * INFO + STEM_OF] = found;
  return found;
}

/** hashWord of an entry's word (for tests). */
export function hashOf(entry: number): number | undefined {
  return entry < words.length ? info[entry * INFO + HASH] : undefined;
}

/** fingerprintWord of an entry's word (for tests). */
export function fingerprintOf(entry: number): number | undefined {
  return entry < words.length ? info[entry * INFO + FINGERPRINT] : undefined;
}

/** How many words the table holds (for tests). */
export function wordTableSize(): number {
  return words.length;
}
