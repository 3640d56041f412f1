/**
 * Unicode folding shared by rules, items and search, so a rule and the text it is
 * matched against are always compared in the same form.
 *
 * Per code point: NFKD, combining marks removed, lower case, a few letters NFKD does
 * not decompose (œ, æ, ß, ø, ł, đ, þ, ð, ı, final sigma), Arabic tatweel dropped.
 * Folding is done one code point at a time (input is NFC, so that equals folding the
 * whole string) which lets the tokenizer keep offsets into the original text.
 */

/**
 * The item scanner (rules/scan.ts) reads characters through these (`charCodeAt.call(text,
 * i)`), not as `text.charCodeAt(i)`: that looks `charCodeAt` up on the string, and once the
 * scanner has been shown strings of five kinds or more (V8 keeps flat, sliced, concatenated
 * and internalised strings, each one- or two-byte: feed text arrives as all of them) the
 * lookup is no longer inlined and every character costs a generic call. Measured on the
 * rules bench's items: reading an item's words took 6.0 µs, 5.4 µs through these
 * (bench/README.md, 2026-12-07). tokenize.ts was measured both ways too and is not helped
 * (4.6 µs an item, 6.8 through these), so it keeps the plain calls.
 */
export const charCodeAt = String.prototype.charCodeAt;
export const codePointAt = String.prototype.codePointAt;

/** What one code point is for the tokenizer. */
export type CharClass = "word" | "mark" | "apostrophe" | "quote" | "space" | "cjk" | "other";

const SPECIAL: Record<string, string> = {
  œ: "oe",
  Œ: "oe",
  æ: "ae",
  Æ: "ae",
  ß: "ss",
  ẞ: "ss",
  ø: "o",
  Ø: "o",
  ł: "l",
  Ł: "l",
  đ: "d",
  Đ: "d",
  þ: "th",
  Þ: "th",
  ð: "d",
  Ð: "d",
  ı: "i",
  ς: "σ",
};

const APOSTROPHES = new Set([0x27, 0x2019, 0x2018, 0x02bc, 0x02b9, 0x2032, 0xff07, 0x60, 0xb4]);
const QUOTES = new Set([0x22, 0xab, 0xbb, 0x201c, 0x201d, 0x201e, 0x201f, 0x2039, 0x203a, 0xff02]);
const TATWEEL = 0x640;

const WORD = /[\p{L}\p{N}]/u;
const MARK = /\p{M}/u;
const SPACE = /[\s\p{Zs}\u200b\u2060\ufeff]/u;
// Scripts written without spaces between words: matched by substring (one token per character).
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/*
 * Per code point facts are computed once and kept: BMP code points in flat arrays
 * (the tokenizer reads them for every character), astral ones in a map.
 * Flags: bits 0–2 the class, bit 3 upper-case letter, bit 4 lower-case letter, bit 5 known,
 * bit 6 "folds to itself" (the tokenizer can then slice the word instead of rebuilding it).
 */
const CLASSES: readonly CharClass[] = ["word", "mark", "apostrophe", "quote", "space", "cjk", "other"];
/** Class numbers in the low bits of `charFlags` (the order of CLASSES). */
export const CLASS_MASK = 7;
export const C_WORD = 0;
export const C_MARK = 1;
export const C_APOSTROPHE = 2;
export const C_CJK = 5;
export const UPPER = 8;
export const LOWER = 16;
const KNOWN = 32;
export const SELF = 64;
const bmpFlags = new Uint8Array(0x10000);
/**
 * Read directly by the item scanner (rules/scan.ts), which cannot afford a call per
 * character, in one read: flags << 16 | the folded form when it is one UTF-16 unit (0
 * otherwise: several units, or none). 0 means "not computed yet" (call charFlags).
 */
export const bmpScan = new Int32Array(0x10000);
const bmpFolds: string[] = new Array<string>(0x10000).fill("");
const astral = new Map<number, { flags: number; fold: string }>();

function compute(cp: number): { flags: number; fold: string } {
  const ch = String.fromCodePoint(cp);
  let c: CharClass;
  if (cp === TATWEEL || MARK.test(ch)) c = "mark";
  else if (APOSTROPHES.has(cp)) c = "apostrophe";
  else if (QUOTES.has(cp)) c = "quote";
  else if (CJK.test(ch)) c = "cjk";
  else if (WORD.test(ch)) c = "word";
  else if (SPACE.test(ch)) c = "space";
  else c = "other";
  let fold = "";
  if (c === "word" || c === "cjk") {
    const special = SPECIAL[ch];
    if (special !== undefined) fold = special;
    else {
      for (const part of ch.normalize("NFKD")) {
        if (MARK.test(part)) continue;
        const lower = part.toLowerCase();
        fold += SPECIAL[lower] ?? lower;
      }
    }
  } else if (c !== "mark") fold = ch;
  let flags = CLASSES.indexOf(c) | KNOWN;
  if (ch !== ch.toLowerCase() && ch === ch.toUpperCase()) flags |= UPPER;
  else if (ch !== ch.toUpperCase()) flags |= LOWER;
  if (c === "word" && fold === ch) flags |= SELF;
  return { flags, fold };
}

/** The flags above for one code point (computed on first use, then read from a table). */
export function charFlags(cp: number): number {
  if (cp < 0x10000) {
    const f = bmpFlags[cp] ?? 0;
    if (f !== 0) return f;
    const info = compute(cp);
    bmpFlags[cp] = info.flags;
    bmpFolds[cp] = info.fold;
    bmpScan[cp] = (info.flags << 16) | (info.fold.length === 1 ? info.fold.charCodeAt(0) : 0);
    return info.flags;
  }
  let info = astral.get(cp);
  if (info === undefined) {
    info = compute(cp);
    astral.set(cp, info);
  }
  return info.flags;
}

/** The folded form of one code point ("" for a mark). */
export function foldCodePoint(cp: number): string {
  charFlags(cp);
  return cp < 0x10000 ? (bmpFolds[cp] ?? "") : (astral.get(cp)?.fold ?? "");
}

export function classify(cp: number): CharClass {
  return CLASSES[charFlags(cp) & 7] ?? "other";
}

/** True when the code point is an upper-case letter (for acronyms: `US` vs "us"). */
export function isUpper(cp: number): boolean {
  return (charFlags(cp) & UPPER) !== 0;
}

export function isLower(cp: number): boolean {
  return (charFlags(cp) & LOWER) !== 0;
}

/**
 * Folds a whole text for storage and display-free comparison: letters folded,
 * apostrophes → `'`, quotes → `"`, every kind of space (NBSP, thin spaces) → one
 * space, runs of spaces collapsed, ends trimmed. Punctuation is otherwise kept.
 */
export function foldText(text: string): string {
  let out = "";
  let pendingSpace = false;
  for (let i = 0; i < text.length; i++) {
    const cp = text.codePointAt(i) ?? 0;
    if (cp > 0xffff) i++;
    const c = classify(cp);
    if (c === "space") {
      pendingSpace = out.length > 0;
      continue;
    }
    if (c === "mark") continue;
    if (pendingSpace) {
      out += " ";
      pendingSpace = false;
    }
    if (c === "apostrophe") out += "'";
    else if (c === "quote") out += '"';
    else out += foldCodePoint(cp);
  }
  return out;
}
