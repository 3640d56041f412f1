import {
  bmpScan,
  C_APOSTROPHE,
  C_CJK,
  C_MARK,
  C_WORD,
  CLASS_MASK,
  charCodeAt,
  charFlags,
  codePointAt,
  foldCodePoint,
  SELF,
} from "../text/fold.ts";
import {
  elisions,
  entryAt,
  FNV_PRIME,
  FNV_START,
  INFO,
  info,
  POOLED_LENGTH,
  touchEntries,
  wordEntry,
  words,
} from "./word-table.ts";

/**
 * tokenizeDetailed (text/tokenize.ts) for prepareItem: the same tokens, in the same order,
 * but each given as the entry of its word in the word table. The folded characters are
 * hashed as they are read (FNV-1a, as hashWord starts) and kept in a buffer, and the entry is
 * found by that hash and a comparison of the buffer with the word's characters (`entryAt`):
 * a word already in the table is never sliced, lower-cased or folded into a new string, nor
 * hashed a second time by a Map. Measured: this was half of preparing an item. scan.test.ts
 * checks that it gives tokenizeDetailed's tokens on hostile text.
 *
 * A field is read in full before any of its words is looked up: a lookup mostly waits on
 * memory (the table's slots and pooled characters are larger than a core's cache), and
 * looked up one by one between reading characters, each wait came after the last. Read in
 * a row (`touchEntries`), the reads depend on nothing and their waits overlap; the lookups
 * then find what they read in cache.
 *
 * Offsets and capitals are not kept: the few rules that read them (acronyms, explanations)
 * get the field's Token objects from tokenizeDetailed itself (see Prepared).
 *
 * Entries are written to `entries` from `at` on (a scratch list reused from item to item);
 * scanTokens returns where they end.
 */

/** The words of the field being read, by number: FNV-1a, folded length (−1: a CJK character), flags. */
let raws = new Int32Array(256);
let lengths = new Int32Array(256);
let flags = new Uint8Array(256);
/** Where its folded characters are in `chars` (as far as the pool keeps words). */
let charsAt = new Int32Array(256);
/** Its extent in the text (for a word the table does not have); for a CJK character, its code point in `starts`. */
let starts = new Int32Array(256);
let ends = new Int32Array(256);
let chars = new Uint16Array(4096);
/** `s`: the English possessive, dropped after an apostrophe. */
const S = 0x73;
/** Word flags: how wordOf builds it; whether an apostrophe then a word follow it. */
const PLAIN = 1;
const ASCII_UPPER = 2;
const BEFORE_APOSTROPHE = 4;

function grown<T extends Int32Array | Uint8Array | Uint16Array>(a: T, size: number): T {
  const b = new (a.constructor as new (n: number) => T)(size);
  b.set(a);
  return b;
}

function roomForWord(count: number): void {
  if (count < raws.length) return;
  const size = raws.length * 2;
  raws = grown(raws, size);
  lengths = grown(lengths, size);
  flags = grown(flags, size);
  charsAt = grown(charsAt, size);
  starts = grown(starts, size);
  ends = grown(ends, size);
}

export function scanTokens(text: string, entries: number[], at: number): number {
  let out = at;
  const count = readWords(text);
  sink.value ^= touchEntries(raws, count);
  let afterApostrophe = false;
  for (let k = 0; k < count; k++) {
    const length = lengths[k] ?? 0;
    if (length < 0) {
      entries[out++] = wordEntry(foldCodePoint(starts[k] ?? 0));
      afterApostrophe = false;
      continue;
    }
    const f = flags[k] ?? 0;
    let entry = -1;
    if (length > 0) {
      // Longer words are not in the pool: found by their string.
      if (length <= POOLED_LENGTH) entry = entryAt(chars, charsAt[k] ?? 0, length, raws[k] ?? 0);
      if (entry < 0) {
        entry = wordEntry(
          wordOf(text, starts[k] ?? 0, ends[k] ?? 0, (f & PLAIN) !== 0, (f & ASCII_UPPER) !== 0),
        );
      }
    }
    const elided = (f & BEFORE_APOSTROPHE) !== 0 && entry >= 0;
    // Read only before an apostrophe: one memory read less per token, where most are waits.
    const elision = elided && elisions[entry] === 1;
    // `’s` after a word is dropped. Its one folded character is read from the buffer: a
    // comparison with the string "s" deoptimised this function whenever a word V8 had not
    // internalised came by.
    if (
      entry >= 0 &&
      !(elided && elision) &&
      !(afterApostrophe && length === 1 && chars[charsAt[k] ?? 0] === S)
    ) {
      entries[out++] = entry;
    }
    afterApostrophe = elided && !elision;
  }
  // prepareItem reads each entry's numbers and word next, waiting on each in turn: read them in a row.
  let touched = 0;
  for (let g = at; g < out; g++) {
    const entry = entries[g] ?? 0;
    touched ^= (info[entry * INFO] ?? 0) ^ (words[entry] === undefined ? 1 : 0);
  }
  sink.value ^= touched;
  return out;
}

/** Where the reads ahead go, so that the compiler keeps them (their values are of no use). */
const sink = { value: 0 };

/**
 * Reads the words of `text` into the arrays above, returns how many. The state between
 * words that tokenizeDetailed keeps (an English `’s` after a word that is not an elision)
 * only ever spans two words in a row, so scanTokens replays it over them.
 */
function readWords(text: string): number {
  const n = text.length;
  let count = 0;
  let used = 0;
  let start = -1;
  let end = 0;
  let plain = true;
  let asciiUpper = false;
  let raw = FNV_START | 0;
  let length = 0;
  let buffer = chars;

  for (let i = 0; i <= n; ) {
    let cp = i < n ? charCodeAt.call(text, i) : 0x20;
    if (cp >= 0xd800 && cp <= 0xdbff) cp = codePointAt.call(text, i) ?? cp;
    const width = cp > 0xffff ? 2 : 1;
    let known = width === 1 ? (bmpScan[cp] ?? 0) : 0;
    if (known === 0) {
      charFlags(cp);
      known = width === 1 ? (bmpScan[cp] ?? 0) : charFlags(cp) << 16;
    }
    const f = known >>> 16;
    const c = f & CLASS_MASK;
    if (c === C_WORD) {
      if (start < 0) {
        start = i;
        plain = true;
        asciiUpper = false;
        raw = FNV_START | 0;
        length = 0;
        if (used + POOLED_LENGTH > buffer.length) buffer = chars = grown(chars, chars.length * 2);
      }
      if ((f & SELF) === 0) {
        if (cp < 0x80) asciiUpper = true;
        else plain = false;
      }
      const unit = known & 0xffff;
      if (unit !== 0) {
        raw = Math.imul(raw ^ unit, FNV_PRIME);
        if (length < POOLED_LENGTH) buffer[used + length] = unit;
        length++;
      } else {
        const units = foldCodePoint(cp);
        for (let j = 0; j < units.length; j++) {
          const u = units.charCodeAt(j);
          raw = Math.imul(raw ^ u, FNV_PRIME);
          if (length < POOLED_LENGTH) buffer[used + length] = u;
          length++;
        }
      }
      i += width;
      // The rest of the word, in a tighter loop, as far as its characters are one UTF-16 unit
      // folding to one (the others, marks and surrogates, go round the loop above). ASCII
      // lower-case letters and digits fold to themselves (isAsciiSelf): most characters of
      // most text need no table read at all.
      while (i < n) {
        const a = charCodeAt.call(text, i);
        if (isAsciiSelf(a)) {
          raw = Math.imul(raw ^ a, FNV_PRIME);
          if (length < POOLED_LENGTH) buffer[used + length] = a;
          length++;
          i++;
          continue;
        }
        // 0: not computed yet (the loop above computes it); surrogates are not words.
        const k = bmpScan[a] ?? 0;
        const unit = k & 0xffff;
        if (k === 0 || ((k >>> 16) & CLASS_MASK) !== C_WORD || unit === 0) break;
        if (((k >>> 16) & SELF) === 0) {
          if (a < 0x80) asciiUpper = true;
          else plain = false;
        }
        raw = Math.imul(raw ^ unit, FNV_PRIME);
        if (length < POOLED_LENGTH) buffer[used + length] = unit;
        length++;
        i++;
      }
      end = i;
      continue;
    }
    if (c === C_MARK) {
      // A mark folds to nothing: only the word's extent and the way it is built change.
      if (start >= 0) {
        plain = false;
        end = i + width;
      }
      i += width;
      continue;
    }
    // Any other character ends the current word.
    if (start >= 0) {
      roomForWord(count);
      raws[count] = raw;
      lengths[count] = length;
      charsAt[count] = used;
      starts[count] = start;
      ends[count] = end;
      flags[count] =
        (plain ? PLAIN : 0) |
        (asciiUpper ? ASCII_UPPER : 0) |
        (c === C_APOSTROPHE && nextIsWord(text, i + width) ? BEFORE_APOSTROPHE : 0);
      count++;
      if (length <= POOLED_LENGTH) used += length;
      start = -1;
    }
    if (c === C_CJK) {
      roomForWord(count);
      raws[count] = 0;
      lengths[count] = -1;
      starts[count] = cp;
      count++;
    }
    i += width;
  }
  return count;
}

/** a–z and 0–9: word characters that fold to themselves (scan.test.ts checks it against fold.ts). */
export function isAsciiSelf(cp: number): boolean {
  return (cp >= 0x61 && cp <= 0x7a) || (cp >= 0x30 && cp <= 0x39);
}

/** The word as tokenizeDetailed builds it, for a word the table does not have yet. */
function wordOf(text: string, start: number, end: number, plain: boolean, asciiUpper: boolean): string {
  if (!plain) {
    let out = "";
    for (let i = start; i < end; ) {
      const cp = codePointAt.call(text, i) ?? 0;
      out += foldCodePoint(cp);
      i += cp > 0xffff ? 2 : 1;
    }
    return out;
  }
  return asciiUpper ? text.slice(start, end).toLowerCase() : text.slice(start, end);
}

function nextIsWord(text: string, at: number): boolean {
  if (at >= text.length) return false;
  const c = charFlags(codePointAt.call(text, at) ?? 0) & CLASS_MASK;
  return c === C_WORD || c === C_CJK;
}
