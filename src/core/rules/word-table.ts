import type { StemFn } from "../text/stem.ts";
import { fingerprintWord, hashWord } from "./index/index.ts";

/**
 * What prepareItem needs to know of a folded word, computed the first time the word is seen
 * and kept: its two hashes for the rule index's tables, and its stem in the language it was
 * last stemmed in. One Map lookup per token then replaces, per distinct word of an item, a
 * lookup in the item's own map, two hashings of its characters, a stem-cache lookup, and
 * the same again for its stem. (Measured: preparing was 3/4 of end-to-end matching time.)
 *
 * Words and stems share one table: a stem is a string like any other, and often a word too.
 *
 * `wordStamp`/`wordId` (and `stemStamp`/`stemId`) number the distinct words (stems) of the
 * item being prepared without a map per item: an entry whose stamp is not the current
 * item's has not been seen in it yet. prepareItem is synchronous, so one item is prepared at
 * a time. A prepared item keeps strings and numbers only, never entries, so clearing the
 * table (when it is full) leaves earlier items valid.
 */
export interface WordEntry {
  readonly word: string;
  readonly hash: number;
  readonly fingerprint: number;
  wordStamp: number;
  wordId: number;
  stemStamp: number;
  stemId: number;
  /** The stemmer `stem` was computed with (null: none yet). */
  stemmedWith: StemFn | null;
  stem: WordEntry | null;
}

/**
 * Feed text is hostile: a stream of new made-up words must not grow the table without
 * bound. A full table is dropped, between two items, rather than evicted entry by entry
 * (simpler, and it refills fast); real news vocabularies are far smaller (the shared
 * corpora: 19,000 words in 1,600 items).
 */
const LIMIT = 200_000;

const table = new Map<string, WordEntry>();
let stamp = 0;

function newEntry(word: string): WordEntry {
  const entry: WordEntry = {
    word,
    hash: hashWord(word),
    fingerprint: fingerprintWord(word),
    wordStamp: 0,
    wordId: 0,
    stemStamp: 0,
    stemId: 0,
    stemmedWith: null,
    stem: null,
  };
  table.set(word, entry);
  return entry;
}

/** Starts an item: returns its stamp (never 0, the stamp of fresh entries). */
export function nextItemStamp(): number {
  // Past the last stamp, old entries could carry the next ones: start afresh.
  if (table.size >= LIMIT || stamp >= 0x3fffffff) {
    table.clear();
    stamp = 0;
  }
  stamp++;
  return stamp;
}

export function wordEntry(word: string): WordEntry {
  return table.get(word) ?? newEntry(word);
}

/** The entry of the word's stem under `stem` (computed once per word and stemmer). */
export function stemEntry(entry: WordEntry, stem: StemFn): WordEntry {
  if (entry.stemmedWith === stem && entry.stem !== null) return entry.stem;
  const s = stem(entry.word);
  const found = s === entry.word ? entry : wordEntry(s);
  entry.stemmedWith = stem;
  entry.stem = found;
  return found;
}

/** How many words the table holds (for tests). */
export function wordTableSize(): number {
  return table.size;
}
