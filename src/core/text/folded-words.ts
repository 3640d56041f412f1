import {
  bmpScan,
  C_APOSTROPHE,
  C_CJK,
  C_MARK,
  C_WORD,
  CLASS_MASK,
  charFlags,
  codePointAt,
  foldCodePoint,
} from "./fold.ts";
import { ELISIONS, tokenize } from "./tokenize.ts";

/** Reused from call to call: texts of up to 32,764 characters (nearly every field of every item). */
const buffer = new Uint16Array(1 << 16);
const LONGEST_ELISION = Math.max(...[...ELISIONS].map((e) => e.length));

/**
 * `tokenize(text).join(" ")`, the form search indexes every stored item's title, summary
 * and content in (store/search-text.ts), written as UTF-16 units into one reused buffer and
 * turned into a string once: no string per word, no array, no join. On the poller's cold
 * cycle items (as the worker and the normaliser hand them over) it takes 4.1–4.2 µs an item
 * where tokenize + join took 7.1–7.6 (bench/README.md, 2026-12-07 late). The rules are
 * tokenize's; folded-words.test.ts checks that both give the same, on examples, generated
 * text and the feed corpora.
 */
export function foldedWords(text: string): string {
  const n = text.length;
  // A character adds at most two units (a separator, one folded unit); longer folds grow it.
  // A text too long for the reused buffer (a feed's full content) goes the array's way: a
  // buffer made for each such call is memory outside V8's heap, which its collector frees
  // late, and the hostile-feeds test's peak RSS grew by 10–20 MB with it.
  if (n * 2 + 8 > buffer.length) return tokenize(text).join(" ");
  let out: Uint16Array = buffer;
  let len = 0;
  let tokens = 0;
  let wordAt = -1; // where the current word's units start in `out`; -1 outside a word
  let before = 0; // `len` before the word (and its separator)
  let afterApostrophe = false;
  const table = bmpScan;

  for (let i = 0; i <= n; ) {
    let cp = i < n ? text.charCodeAt(i) : 0x20;
    if (cp >= 0xd800 && cp <= 0xdbff) cp = codePointAt.call(text, i) ?? cp;
    const width = cp > 0xffff ? 2 : 1;
    let known = width === 1 ? (table[cp] ?? 0) : 0;
    if (known === 0) known = charFlags(cp) << 16;
    const c = (known >>> 16) & CLASS_MASK;
    if (c === C_WORD) {
      if (wordAt < 0) {
        before = len;
        if (tokens > 0) out[len++] = 0x20;
        wordAt = len;
      }
      const unit = width === 1 ? known & 0xffff : 0;
      if (unit !== 0) out[len++] = unit;
      else {
        const units = foldCodePoint(cp);
        if (len + units.length + (n - i) * 2 + 8 > out.length) out = grown(out, len, units.length + n * 2);
        len = append(out, len, units);
      }
      i += width;
      // The rest of the word while its characters are one unit folding to one.
      while (i < n) {
        const a = text.charCodeAt(i);
        const k = table[a] ?? 0;
        const u = k & 0xffff;
        if (((k >>> 16) & CLASS_MASK) !== C_WORD || u === 0) break;
        out[len++] = u;
        i++;
      }
      continue;
    }
    if (c === C_MARK) {
      // A mark inside a word folds to nothing; outside one it is skipped.
      i += width;
      continue;
    }
    // Any other character ends the current word.
    if (wordAt >= 0) {
      const size = len - wordAt;
      const elided = c === C_APOSTROPHE && size > 0 && nextIsWord(text, i + width);
      const elision =
        elided && size <= LONGEST_ELISION && ELISIONS.has(String.fromCharCode(...out.subarray(wordAt, len)));
      const possessive = afterApostrophe && size === 1 && out[wordAt] === 0x73;
      if (size === 0 || elision || possessive) len = before;
      else tokens++;
      afterApostrophe = elided && !elision;
      wordAt = -1;
    } else afterApostrophe = false;
    if (c === C_CJK) {
      const units = foldCodePoint(cp);
      if (len + units.length + (n - i) * 2 + 8 > out.length) out = grown(out, len, units.length + n * 2);
      if (tokens > 0) out[len++] = 0x20;
      len = append(out, len, units);
      tokens++;
    }
    i += width;
  }
  return stringOf(out, len);
}

/** A copy of out[0, len) with room for `more` units after them. */
function grown(out: Uint16Array, len: number, more: number): Uint16Array<ArrayBuffer> {
  const bigger = new Uint16Array(Math.max(out.length * 2, len + more + 8));
  bigger.set(out.subarray(0, len));
  return bigger;
}

function append(out: Uint16Array, len: number, units: string): number {
  for (let j = 0; j < units.length; j++) out[len++] = units.charCodeAt(j);
  return len;
}

function nextIsWord(text: string, at: number): boolean {
  if (at >= text.length) return false;
  const c = charFlags(codePointAt.call(text, at) ?? 0) & CLASS_MASK;
  return c === C_WORD || c === C_CJK;
}

/**
 * UTF-16 units to a string in one native call: `String.fromCharCode.apply` over a typed array
 * took ~3× as long. `ignoreBOM`: a leading U+FEFF would be kept, not stripped (folded words
 * never start with one; the decoder's default would drop it silently).
 */
const utf16 = new TextDecoder("utf-16le", { ignoreBOM: true });

function stringOf(out: Uint16Array, len: number): string {
  return len === 0 ? "" : utf16.decode(new Uint8Array(out.buffer, out.byteOffset, len * 2));
}
