import { ELISIONS } from "../text/tokenize.ts";
import { fingerprintOfState, hashOfRaw } from "./index/index.ts";
import {
  ASCII_UPPER,
  BEFORE_APOSTROPHE,
  CJK,
  clearTokens,
  codes,
  ends,
  flags,
  fps,
  grown,
  KEPT_SIZE,
  lengths,
  PLAIN,
  RAW_S,
  raws,
  readWords,
  starts,
  tokenCount,
  wordOf,
} from "./read-words.ts";

/**
 * tokenizeDetailed (text/tokenize.ts) for prepareItem: the same tokens, in the same order,
 * each given as the number of its word in the item (0, 1, … in order of first occurrence;
 * the same folded word, however written, has one number). The folded characters are hashed
 * as they are read, both ways the rule index hashes a word (hashWord's FNV-1a and
 * fingerprintWord's loop), and a word is told apart from the item's others by those hashes
 * and its length, in a small table of the item's own (see idOf). So no token is sliced,
 * lower-cased or folded into a string, and no table larger than a core's cache is read: the
 * words' strings are made only when something asks for them (`wordOfSpan`: stems, prefix
 * rules, explanations). scan.test.ts checks that it gives tokenizeDetailed's tokens, and
 * hashWord and fingerprintWord of their words, on hostile text.
 *
 * (Until 2026-12-08 every token was looked up in the word table kept from item to item,
 * which held its hashes: with a news vocabulary that table is larger than a core's cache,
 * and its waits on memory were a quarter of preparing an item.)
 *
 * Offsets and capitals are not kept: the few rules that read them (acronyms, explanations)
 * get the field's Token objects from tokenizeDetailed itself (see Prepared).
 *
 * Use: beginItem, then scanTokens for each field (a `code` per field: the text a word's
 * span refers to), then scannedWords.
 */

const LONGEST_ELISION = Math.max(...[...ELISIONS].map((e) => e.length));

/** The item's fields' texts, by code (to make the string of a word that may be an elision). */
const texts: string[] = [];
/** Per distinct word of the item, in order of first occurrence: its first token, and its slot. */
let firstToken = new Int32Array(256);
let slotOf = new Int32Array(256);
let distinct = 0;
/** Open addressing on the raw hash, at most half full: a slot is a distinct word's number + 1 (0: empty). */
let slots = new Int32Array(1024);

/** Starts an item: its tokens and words are numbered from 0. */
export function beginItem(): void {
  if (slots.length > KEPT_SIZE) slots = new Int32Array(1024);
  else if (distinct * 8 < slots.length) for (let d = 0; d < distinct; d++) slots[slotOf[d] ?? 0] = 0;
  else slots.fill(0);
  if (firstToken.length > KEPT_SIZE) {
    firstToken = new Int32Array(256);
    slotOf = new Int32Array(256);
  }
  clearTokens();
  distinct = 0;
  texts.length = 0;
}

/**
 * Reads the field `text` (its `code`: see wordOfSpan) and writes the number of each of its
 * tokens' words to `ids` from `at` on; returns where they end.
 */
export function scanTokens(text: string, code: number, ids: number[], at: number): number {
  texts[code] = text;
  const first = tokenCount;
  readWords(text, code);
  let out = at;
  let afterApostrophe = false;
  for (let k = first; k < tokenCount; k++) {
    const length = lengths[k] ?? 0;
    const f = flags[k] ?? 0;
    if ((f & CJK) !== 0) {
      ids[out++] = idOf(k);
      afterApostrophe = false;
      continue;
    }
    // A word that folds to nothing is no token, and no elision.
    if (length === 0) {
      afterApostrophe = false;
      continue;
    }
    const elided = (f & BEFORE_APOSTROPHE) !== 0;
    const elision = elided && length <= LONGEST_ELISION && isElision(k);
    // `’s` after a word is dropped.
    if (!elision && !(afterApostrophe && length === 1 && raws[k] === RAW_S)) ids[out++] = idOf(k);
    afterApostrophe = elided && !elision;
  }
  return out;
}

/** How many distinct words the item has so far. */
export function distinctWords(): number {
  return distinct;
}

/** What prepareItem keeps of the item's distinct words: see PreparedWords. */
export interface ScannedWords {
  hashes: number[];
  fingerprints: number[];
  /** Three numbers per word: its field's code and flags (code × 16 + flags), start, end. */
  spans: number[];
}

/** The item's distinct words, as numbered: their hashWord, fingerprintWord and spans. */
export function scannedWords(): ScannedWords {
  const hashes = new Array<number>(distinct);
  const fingerprints = new Array<number>(distinct);
  const spans = new Array<number>(distinct * 3);
  for (let d = 0; d < distinct; d++) {
    const t = firstToken[d] ?? 0;
    hashes[d] = hashOfRaw(raws[t] ?? 0);
    fingerprints[d] = fingerprintOfState(fps[t] ?? 0, lengths[t] ?? 0);
    spans[3 * d] = (codes[t] ?? 0) * 16 + ((flags[t] ?? 0) & (PLAIN | ASCII_UPPER | CJK));
    spans[3 * d + 1] = starts[t] ?? 0;
    spans[3 * d + 2] = ends[t] ?? 0;
  }
  return { hashes, fingerprints, spans };
}

/** The code of the field of word `d` of `spans` (see ScannedWords). */
export function spanCode(spans: readonly number[], d: number): number {
  return Math.floor((spans[3 * d] ?? 0) / 16);
}

/** The folded word `d` of `spans`, from its field's text. */
export function wordOfSpan(spans: readonly number[], d: number, text: string): string {
  const f = (spans[3 * d] ?? 0) % 16;
  return wordOf(
    text,
    spans[3 * d + 1] ?? 0,
    spans[3 * d + 2] ?? 0,
    (f & PLAIN) !== 0,
    (f & ASCII_UPPER) !== 0,
  );
}

function tokenWord(t: number): string {
  const f = flags[t] ?? 0;
  const text = texts[codes[t] ?? 0] ?? "";
  return wordOf(text, starts[t] ?? 0, ends[t] ?? 0, (f & PLAIN) !== 0, (f & ASCII_UPPER) !== 0);
}

/** Whether token k (before an apostrophe, of at most LONGEST_ELISION units) is an elision. */
function isElision(k: number): boolean {
  return ELISIONS.has(tokenWord(k));
}

/**
 * The number of token k's word in the item (a new number for a word not seen in it yet).
 * Words are told apart by their length and two independent 32-bit hashes, as the rule index
 * tells its keys apart (docs/adr/0001-rule-index.md): comparing characters would mean
 * keeping them, and writing every character to a buffer was a tenth of preparing an item.
 */
function idOf(k: number): number {
  const raw = raws[k] ?? 0;
  const fp = fps[k] ?? 0;
  const length = lengths[k] ?? 0;
  const mask = slots.length - 1;
  for (let s = raw & mask; ; s = (s + 1) & mask) {
    const slot = slots[s] ?? 0;
    if (slot === 0) return addWord(k, s);
    const t = firstToken[slot - 1] ?? 0;
    if (raws[t] === raw && fps[t] === fp && lengths[t] === length) return slot - 1;
  }
}

function addWord(k: number, free: number): number {
  let s = free;
  if (distinct >= firstToken.length) {
    firstToken = grown(firstToken, firstToken.length * 2);
    slotOf = grown(slotOf, slotOf.length * 2);
  }
  if ((distinct + 1) * 2 > slots.length) {
    slots = new Int32Array(slots.length * 2);
    for (let d = 0; d < distinct; d++) slotOf[d] = place(raws[firstToken[d] ?? 0] ?? 0, d);
    s = place(raws[k] ?? 0, -1);
  }
  slots[s] = distinct + 1;
  slotOf[distinct] = s;
  firstToken[distinct] = k;
  return distinct++;
}

/** Puts word d in the first free slot for its hash (d = −1: only finds it); returns the slot. */
function place(raw: number, d: number): number {
  const mask = slots.length - 1;
  let s = raw & mask;
  while (slots[s] !== 0) s = (s + 1) & mask;
  if (d >= 0) slots[s] = d + 1;
  return s;
}
