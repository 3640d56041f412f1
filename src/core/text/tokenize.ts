import {
  C_APOSTROPHE,
  C_CJK,
  C_MARK,
  C_WORD,
  CLASS_MASK,
  charFlags,
  foldCodePoint,
  LOWER,
  SELF,
  UPPER,
} from "./fold.ts";

/**
 * Splits text into folded word tokens, keeping where each came from in the original
 * (UTF-16 offsets) so matches can be highlighted in the unfolded title.
 *
 * - Letters and digits make words (`G7`, `covid` `19`); hyphens and other punctuation
 *   split them, so `États-Unis` and `etats unis` give the same two tokens.
 * - Elision: before an apostrophe, French/Italian/Catalan articles and pronouns are
 *   dropped (`l’Ukraine` → `ukraine`, `qu’il` → `il`); an English possessive `’s` is dropped.
 * - Han, Hiragana and Katakana have no spaces between words: every character is its own
 *   token, so a rule word in those scripts becomes a phrase of characters, which is a
 *   substring match of the folded text.
 */
export interface Token {
  text: string;
  start: number;
  end: number;
  /**
   * Starts with a capital letter (`US`, `OTAN`, `Otan`, `l’Otan`): acronym rule words match
   * only these, so `US` finds "US" and "Us" but never "join us".
   */
  caps: boolean;
  /** Written in capitals only (`US`, `IBM`, `5G`): story grouping reads these as names. */
  allCaps: boolean;
}

/** Folded prefixes removed before an apostrophe (fr, it, ca). */
export const ELISIONS: ReadonlySet<string> = new Set([
  "l",
  "d",
  "j",
  "m",
  "n",
  "s",
  "t",
  "c",
  "qu",
  "jusqu",
  "lorsqu",
  "puisqu",
  "quoiqu",
  "presqu",
  "un",
  "dell",
  "dall",
  "nell",
  "sull",
  "all",
  "coll",
  "pell",
  "quell",
  "quest",
]);

/** The tokens of a text with where each came from (see Token). */
export function tokenizeDetailed(text: string): Token[] {
  const tokens: Token[] = [];
  scan(text, tokens, null);
  return tokens;
}

/** Folded tokens of a text, in order (search and story clustering reuse this). */
export function tokenize(text: string): string[] {
  const words: string[] = [];
  scan(text, null, words);
  return words;
}

/**
 * One pass over the text, reading one table entry per character. A word whose characters
 * all fold to themselves (or are ASCII capitals) is sliced from the text, lower-cased if
 * needed: most words of most scripts. Only the others are folded code point by code point.
 * It fills `tokens` (Token objects) or `words` (their text only): search folds every stored
 * item's text (store/search-text.ts), where the objects were made only to be dropped again.
 */
function scan(text: string, tokens: Token[] | null, words: string[] | null): void {
  const n = text.length;
  let start = -1;
  let end = 0;
  let plain = true; // every character so far folds to itself or is an ASCII capital
  let asciiUpper = false;
  let firstUpper = false;
  let hasLower = false;
  let hasUpper = false;
  let afterApostrophe = false;

  for (let i = 0; i <= n; ) {
    let cp = i < n ? text.charCodeAt(i) : 0x20;
    if (cp >= 0xd800 && cp <= 0xdbff) cp = text.codePointAt(i) ?? cp;
    const width = cp > 0xffff ? 2 : 1;
    const f = charFlags(cp);
    const c = f & CLASS_MASK;
    if (c === C_WORD) {
      if (start < 0) {
        start = i;
        plain = true;
        asciiUpper = false;
        firstUpper = (f & UPPER) !== 0;
        hasLower = false;
        hasUpper = false;
      }
      if ((f & LOWER) !== 0) hasLower = true;
      else if ((f & UPPER) !== 0) hasUpper = true;
      if ((f & SELF) === 0) {
        if (cp < 0x80) asciiUpper = true;
        else plain = false;
      }
      end = i + width;
      i += width;
      continue;
    }
    if (c === C_MARK) {
      if (start >= 0) {
        plain = false;
        end = i + width;
      }
      i += width;
      continue;
    }
    // Any other character ends the current word.
    let word = "";
    if (start >= 0) {
      if (!plain) word = foldWord(text, start, end);
      else if (asciiUpper) word = text.slice(start, end).toLowerCase();
      else word = text.slice(start, end);
    }
    const elided = c === C_APOSTROPHE && word !== "" && nextIsWord(text, i + width);
    if (word !== "" && !(elided && ELISIONS.has(word)) && !(afterApostrophe && isPossessiveS(word))) {
      if (tokens !== null)
        tokens.push({ text: word, start, end, caps: firstUpper, allCaps: hasUpper && !hasLower });
      else words?.push(word);
    }
    afterApostrophe = elided && !ELISIONS.has(word);
    start = -1;
    if (c === C_CJK) {
      const char = foldCodePoint(cp);
      if (tokens !== null) tokens.push({ text: char, start: i, end: i + width, caps: false, allCaps: false });
      else words?.push(char);
    }
    i += width;
  }
}

/**
 * `s` after an apostrophe (an English possessive). Compared by its character: a string
 * comparison with "s" deoptimised the scanner when a word V8 had not internalised came by.
 */
function isPossessiveS(word: string): boolean {
  return word.length === 1 && word.charCodeAt(0) === 0x73;
}

/** The folded form of text[start, end): letters, digits and marks only. */
function foldWord(text: string, start: number, end: number): string {
  let out = "";
  for (let i = start; i < end; ) {
    const cp = text.codePointAt(i) ?? 0;
    out += foldCodePoint(cp);
    i += cp > 0xffff ? 2 : 1;
  }
  return out;
}

function nextIsWord(text: string, at: number): boolean {
  if (at >= text.length) return false;
  const c = charFlags(text.codePointAt(at) ?? 0) & CLASS_MASK;
  return c === C_WORD || c === C_CJK;
}
