/**
 * Unicode folding shared by rules, items and search, so a rule and the text it is
 * matched against are always compared in the same form.
 *
 * Per code point: NFKD, combining marks removed, lower case, a few letters NFKD does
 * not decompose (œ, æ, ß, ø, ł, đ, þ, ð, ı, final sigma), Arabic tatweel dropped.
 * Folding is done one code point at a time (input is NFC, so that equals folding the
 * whole string) which lets the tokenizer keep offsets into the original text.
 */

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

const foldCache = new Map<number, string>();
const classCache = new Map<number, CharClass>();

const WORD = /[\p{L}\p{N}]/u;
const MARK = /\p{M}/u;
const SPACE = /[\s\p{Zs}\u200b\u2060\ufeff]/u;
// Scripts written without spaces between words: matched by substring (one token per character).
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/** The folded form of one code point ("" for a mark). */
export function foldCodePoint(cp: number): string {
  if (cp < 0x80) {
    return cp >= 0x41 && cp <= 0x5a ? String.fromCharCode(cp + 32) : String.fromCharCode(cp);
  }
  const cached = foldCache.get(cp);
  if (cached !== undefined) return cached;
  const ch = String.fromCodePoint(cp);
  let out: string;
  if (cp === TATWEEL) out = "";
  else {
    const special = SPECIAL[ch];
    if (special !== undefined) out = special;
    else {
      out = "";
      for (const part of ch.normalize("NFKD")) {
        if (MARK.test(part)) continue;
        const lower = part.toLowerCase();
        out += SPECIAL[lower] ?? lower;
      }
    }
  }
  foldCache.set(cp, out);
  return out;
}

export function classify(cp: number): CharClass {
  if (cp < 0x80) {
    if ((cp >= 0x61 && cp <= 0x7a) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x30 && cp <= 0x39)) return "word";
    if (cp === 0x20 || (cp >= 0x09 && cp <= 0x0d)) return "space";
    if (APOSTROPHES.has(cp)) return "apostrophe";
    if (QUOTES.has(cp)) return "quote";
    return "other";
  }
  const cached = classCache.get(cp);
  if (cached !== undefined) return cached;
  const ch = String.fromCodePoint(cp);
  let c: CharClass;
  if (cp === TATWEEL || MARK.test(ch)) c = "mark";
  else if (APOSTROPHES.has(cp)) c = "apostrophe";
  else if (QUOTES.has(cp)) c = "quote";
  else if (CJK.test(ch)) c = "cjk";
  else if (WORD.test(ch)) c = "word";
  else if (SPACE.test(ch)) c = "space";
  else c = "other";
  classCache.set(cp, c);
  return c;
}

/** True when the code point is an upper-case letter (for acronyms: `US` vs "us"). */
export function isUpper(cp: number): boolean {
  if (cp < 0x80) return cp >= 0x41 && cp <= 0x5a;
  const ch = String.fromCodePoint(cp);
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
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
