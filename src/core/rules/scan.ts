import {
  bmpScan,
  C_APOSTROPHE,
  C_CJK,
  C_MARK,
  C_WORD,
  CLASS_MASK,
  charFlags,
  foldCodePoint,
  SELF,
} from "../text/fold.ts";
import { elisions, entryAt, FNV_PRIME, FNV_START, POOLED_LENGTH, wordEntry, words } from "./word-table.ts";

/**
 * tokenizeDetailed (text/tokenize.ts) for prepareItem: the same tokens, in the same order,
 * but each given as the entry of its word in the word table, found
 * while the text is read. The folded characters are hashed as they are read (FNV-1a, as
 * hashWord starts) and kept in a buffer, and the entry is found by that hash and a
 * comparison of the buffer with the word's characters (`entryAt`): a word already in the table is never sliced, lower-cased or folded into a
 * new string, nor hashed a second time by a Map. Measured: this was half of preparing an
 * item. scan.test.ts checks that it gives tokenizeDetailed's tokens on hostile text.
 *
 * Offsets and capitals are not kept: the few rules that read them (acronyms, explanations)
 * get the field's Token objects from tokenizeDetailed itself (see Prepared).
 *
 * Entries are pushed on `entries`, a scratch list reused from item to item.
 */

/** The folded characters of the word being read (as far as the pool keeps words). */
const folded = new Uint16Array(POOLED_LENGTH);

export function scanTokens(text: string, entries: number[]): void {
  const n = text.length;
  let start = -1;
  let end = 0;
  let plain = true;
  let asciiUpper = false;
  let afterApostrophe = false;
  let raw = FNV_START | 0;
  let length = 0;

  for (let i = 0; i <= n; ) {
    let cp = i < n ? text.charCodeAt(i) : 0x20;
    if (cp >= 0xd800 && cp <= 0xdbff) cp = text.codePointAt(i) ?? cp;
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
      }
      if ((f & SELF) === 0) {
        if (cp < 0x80) asciiUpper = true;
        else plain = false;
      }
      const unit = known & 0xffff;
      if (unit !== 0) {
        raw = Math.imul(raw ^ unit, FNV_PRIME);
        if (length < POOLED_LENGTH) folded[length] = unit;
        length++;
      } else {
        const units = foldCodePoint(cp);
        for (let j = 0; j < units.length; j++) {
          const u = units.charCodeAt(j);
          raw = Math.imul(raw ^ u, FNV_PRIME);
          if (length < POOLED_LENGTH) folded[length] = u;
          length++;
        }
      }
      i += width;
      // The rest of the word's ASCII lower-case letters and digits, in a tighter loop: they
      // fold to themselves (isAsciiSelf), so they need none of the reads and tests above,
      // and they are most of the characters of most text.
      while (i < n) {
        const a = text.charCodeAt(i);
        if (!isAsciiSelf(a)) break;
        raw = Math.imul(raw ^ a, FNV_PRIME);
        if (length < POOLED_LENGTH) folded[length] = a;
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
    let entry = -1;
    if (start >= 0 && length > 0) {
      // Longer words are not in the pool: found by their string.
      if (length <= POOLED_LENGTH) entry = entryAt(folded, length, raw);
      if (entry < 0) entry = wordEntry(wordOf(text, start, end, plain, asciiUpper));
    }
    const elided = c === C_APOSTROPHE && entry >= 0 && nextIsWord(text, i + width);
    // Read only before an apostrophe: one memory read less per token, where most are waits.
    const elision = elided && elisions[entry] === 1;
    if (entry >= 0 && !(elided && elision) && !(afterApostrophe && length === 1 && words[entry] === "s")) {
      entries.push(entry);
    }
    afterApostrophe = elided && !elision;
    start = -1;
    if (c === C_CJK) {
      entries.push(wordEntry(foldCodePoint(cp)));
    }
    i += width;
  }
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
      const cp = text.codePointAt(i) ?? 0;
      out += foldCodePoint(cp);
      i += cp > 0xffff ? 2 : 1;
    }
    return out;
  }
  return asciiUpper ? text.slice(start, end).toLowerCase() : text.slice(start, end);
}

function nextIsWord(text: string, at: number): boolean {
  if (at >= text.length) return false;
  const c = charFlags(text.codePointAt(at) ?? 0) & CLASS_MASK;
  return c === C_WORD || c === C_CJK;
}
