import type { StemFn } from "../text/stem.ts";
import { fingerprintWord, hashWord } from "./index/index.ts";

/**
 * The stems of folded words, kept from item to item: an item's stems are computed on first
 * use (an index without stem rules never stems), for its distinct words, and a word seen
 * before is not stemmed, hashed or looked up in the stem cache again.
 *
 * Words and stems share one table: a stem is a string like any other, and often a word too.
 * A word is known by its number in the table (an entry), found by its two hashes (an item's
 * words, whose strings are not made) or by its string (a stem). Per entry, in typed arrays
 * (`info`): the word's hashes for the rule index's tables, and what numbers the distinct stems
 * of the item being stemmed: an entry whose stamp is not the current item's has not been
 * seen in it yet, so no map is made per item.
 *
 * Preparing an item does not read this table: the item scanner (scan.ts) numbers the item's
 * words within the item and hashes them as it reads them. (Until 2026-12-08 it found every
 * token's entry here, a wait on memory or three per token in a table larger than a core's
 * cache: a quarter of preparing an item.)
 *
 * Stemming is synchronous, one item at a time. A prepared item keeps strings and numbers
 * only, never entry numbers past its stemming, so clearing the table (when it is full)
 * leaves earlier items valid.
 */

/**
 * Feed text is hostile: a stream of new made-up words must not grow the table without
 * bound. A full table is dropped, between two items, rather than evicted entry by entry
 * (simpler, and it refills fast); real news vocabularies are far smaller (the shared
 * corpora: 19,000 words in 1,600 items).
 */
const LIMIT = 200_000;

const byWord = new Map<string, number>();
/** By entry. */
export const words: string[] = [];
const stemmers: (StemFn | null)[] = [];
let capacity = 1024;
/** `INFO` numbers per entry, at `entry * INFO + HASH` and so on. */
export const INFO = 4;
/** hashWord and fingerprintWord of the word. */
export const HASH = 0;
export const FINGERPRINT = 1;
/** The item stamp and id of the stem in the item being stemmed (see above). */
export const STEM_STAMP = 2;
export const STEM_ID = 3;
export let info = new Int32Array(capacity * INFO);
/** The entry of the word's stem under stemmers[entry]. */
let stemOf = new Int32Array(capacity);
/**
 * Entries by their two hashes (open addressing, at most half full: entry + 1, 0 empty), so an
 * item's words are found without making their strings: words are told apart by 64 bits, as
 * the item scanner and the rule index tell them (docs/adr/0001-rule-index.md).
 */
let slots = new Int32Array(capacity * 2);
let stamp = 0;

function grow(a: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(size);
  b.set(a);
  return b;
}

function place(entry: number): void {
  const mask = slots.length - 1;
  let s = (info[entry * INFO + HASH] ?? 0) & mask;
  while (slots[s] !== 0) s = (s + 1) & mask;
  slots[s] = entry + 1;
}

function newEntry(word: string): number {
  if (words.length >= capacity) {
    capacity *= 2;
    info = grow(info, capacity * INFO);
    stemOf = grow(stemOf, capacity);
    slots = new Int32Array(capacity * 2);
    for (let e = 0; e < words.length; e++) place(e);
  }
  const entry = words.length;
  words.push(word);
  stemmers.push(null);
  const at = entry * INFO;
  info[at + HASH] = hashWord(word);
  info[at + FINGERPRINT] = fingerprintWord(word);
  info[at + STEM_STAMP] = 0;
  byWord.set(word, entry);
  place(entry);
  return entry;
}

/** Starts an item: returns its stamp (never 0, the stamp of fresh entries). */
export function nextItemStamp(): number {
  // Past the last stamp, old entries could carry the next ones: start afresh.
  if (words.length >= LIMIT || stamp >= 0x3fffffff) {
    byWord.clear();
    slots.fill(0);
    words.length = 0;
    stemmers.length = 0;
    stamp = 0;
  }
  stamp++;
  return stamp;
}

/** The entry of a folded word (added if new). */
export function wordEntry(word: string): number {
  return byWord.get(word) ?? newEntry(word);
}

/**
 * The entry of the word whose hashWord and fingerprintWord are `hash` and `fingerprint`;
 * `word()` makes its string when the table does not have it yet.
 */
export function entryOfHashes(hash: number, fingerprint: number, word: () => string): number {
  const mask = slots.length - 1;
  for (let s = hash & mask; ; s = (s + 1) & mask) {
    const slot = slots[s] ?? 0;
    if (slot === 0) return wordEntry(word());
    const at = (slot - 1) * INFO;
    if (info[at + HASH] === hash && info[at + FINGERPRINT] === fingerprint) return slot - 1;
  }
}

/** The entry of the stem under `stem` of the word of `entry` (computed once per word and stemmer). */
export function stemEntry(entry: number, stem: StemFn): number {
  if (stemmers[entry] === stem) return stemOf[entry] ?? entry;
  const word = words[entry] ?? "";
  const s = stem(word);
  const found = s === word ? entry : wordEntry(s);
  // wordEntry may have grown the arrays: write after it.
  stemmers[entry] = stem;
  stemOf[entry] = found;
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
