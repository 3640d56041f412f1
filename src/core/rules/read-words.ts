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

/**
 * The item scanner's reading (see scan.ts): the words of a field, as tokenizeDetailed finds
 * them, each with its two hashes, folded length, extent and flags, appended to the arrays
 * below (the tokens of the item so far); scan.ts then drops elisions and possessives and
 * numbers the words. No string is made per word.
 */

/** FNV-1a's start and step, as hashWord does them (string-table.ts). */
const FNV_START = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
/** fingerprintWord's (string-table.ts). */
const FP_START = 0x2c9277b5;
const FP_PRIME = 0x5bd1e995;
/** FNV-1a of the one-unit word `s`: the English possessive, dropped after an apostrophe (exact: one unit's FNV-1a is one-to-one). */
export const RAW_S = Math.imul(FNV_START ^ 0x73, FNV_PRIME);
/** Scratch grown past this by one huge (hostile) item is dropped at the next item. */
export const KEPT_SIZE = 1 << 16;

/**
 * The item's tokens as read (before elisions and possessives are dropped): FNV-1a and
 * fingerprintWord's running state over the folded units, folded length, flags.
 */
export let raws = new Int32Array(256);
export let fps = new Int32Array(256);
export let lengths = new Int32Array(256);
export let flags = new Uint8Array(256);
/** Its field's code, and its extent in the field's text. */
export let codes = new Int32Array(256);
export let starts = new Int32Array(256);
export let ends = new Int32Array(256);
export let tokenCount = 0;

/** Token flags: how wordOf builds it; whether an apostrophe then a word follow it; a CJK character. */
export const PLAIN = 1;
export const ASCII_UPPER = 2;
export const BEFORE_APOSTROPHE = 4;
export const CJK = 8;

export function grown<T extends Int32Array | Uint8Array | Uint16Array>(a: T, size: number): T {
  const b = new (a.constructor as new (n: number) => T)(size);
  b.set(a);
  return b;
}

function roomForWord(count: number): void {
  if (count < raws.length) return;
  const size = raws.length * 2;
  raws = grown(raws, size);
  lengths = grown(lengths, size);
  fps = grown(fps, size);
  flags = grown(flags, size);
  codes = grown(codes, size);
  starts = grown(starts, size);
  ends = grown(ends, size);
}

/** Starts an item: its tokens are numbered from 0 (storage one huge item grew is dropped). */
export function clearTokens(): void {
  if (raws.length > KEPT_SIZE) {
    raws = new Int32Array(256);
    lengths = new Int32Array(256);
    fps = new Int32Array(256);
    flags = new Uint8Array(256);
    codes = new Int32Array(256);
    starts = new Int32Array(256);
    ends = new Int32Array(256);
  }
  tokenCount = 0;
}

/**
 * Reads the words of `text` into the arrays above, after the item's tokens so far. The state
 * between words that tokenizeDetailed keeps (an English `’s` after a word that is not an
 * elision) only ever spans two words in a row, so scanTokens replays it over them.
 */
export function readWords(text: string, code: number): void {
  const n = text.length;
  let count = tokenCount;
  let start = -1;
  let end = 0;
  let plain = true;
  let asciiUpper = false;
  let raw = FNV_START | 0;
  let fp = FP_START | 0;
  let length = 0;

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
        fp = FP_START | 0;
        length = 0;
      }
      if ((f & SELF) === 0) {
        if (cp < 0x80) asciiUpper = true;
        else plain = false;
      }
      const unit = known & 0xffff;
      if (unit !== 0) {
        raw = Math.imul(raw ^ unit, FNV_PRIME);
        fp = Math.imul(fp ^ unit, FP_PRIME) ^ (fp >>> 15);
        length++;
      } else {
        const units = foldCodePoint(cp);
        for (let j = 0; j < units.length; j++) {
          const u = units.charCodeAt(j);
          raw = Math.imul(raw ^ u, FNV_PRIME);
          fp = Math.imul(fp ^ u, FP_PRIME) ^ (fp >>> 15);
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
          fp = Math.imul(fp ^ a, FP_PRIME) ^ (fp >>> 15);
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
        fp = Math.imul(fp ^ unit, FP_PRIME) ^ (fp >>> 15);
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
      fps[count] = fp;
      lengths[count] = length;
      codes[count] = code;
      starts[count] = start;
      ends[count] = end;
      flags[count] =
        (plain ? PLAIN : 0) |
        (asciiUpper ? ASCII_UPPER : 0) |
        (c === C_APOSTROPHE && nextIsWord(text, i + width) ? BEFORE_APOSTROPHE : 0);
      count++;
      start = -1;
    }
    if (c === C_CJK) {
      // A token of its own, folded as a word is (its string is made by folding it again).
      const units = foldCodePoint(cp);
      let h = FNV_START | 0;
      let g = FP_START | 0;
      for (let j = 0; j < units.length; j++) {
        const u = units.charCodeAt(j);
        h = Math.imul(h ^ u, FNV_PRIME);
        g = Math.imul(g ^ u, FP_PRIME) ^ (g >>> 15);
      }
      roomForWord(count);
      raws[count] = h;
      fps[count] = g;
      lengths[count] = units.length;
      codes[count] = code;
      starts[count] = i;
      ends[count] = i + width;
      flags[count] = CJK;
      count++;
    }
    i += width;
  }
  tokenCount = count;
}

/** a–z and 0–9: word characters that fold to themselves (scan.test.ts checks it against fold.ts). */
export function isAsciiSelf(cp: number): boolean {
  return (cp >= 0x61 && cp <= 0x7a) || (cp >= 0x30 && cp <= 0x39);
}

/** The word as tokenizeDetailed builds it, from its extent in the text (made only when read). */
export function wordOf(
  text: string,
  start: number,
  end: number,
  plain: boolean,
  asciiUpper: boolean,
): string {
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
