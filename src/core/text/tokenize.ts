import { classify, foldCodePoint, isLower, isUpper } from "./fold.ts";

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
  /** Written in capitals only (`US`, `OTAN`): acronym rule words match only these. */
  caps: boolean;
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

/**
 * One pass over the text. Pure-ASCII words (most of them) are cut from the text and
 * lower-cased in one go; other words are folded code point by code point.
 */
export function tokenizeDetailed(text: string): Token[] {
  const tokens: Token[] = [];
  let start = -1;
  let end = 0;
  let folded: string | null = null; // null while the word is plain ASCII
  let hasUpper = false;
  let hasLower = false;
  let afterApostrophe = false;

  for (let i = 0; i <= text.length; ) {
    const cp = i < text.length ? (text.codePointAt(i) ?? 0) : 0x20;
    const width = cp > 0xffff ? 2 : 1;
    const c = classify(cp);
    if (c === "word") {
      if (start < 0) {
        start = i;
        folded = null;
      }
      if (cp >= 0x80 && folded === null) folded = text.slice(start, i).toLowerCase();
      if (folded !== null) folded += foldCodePoint(cp);
      end = i + width;
      if (isUpper(cp)) hasUpper = true;
      else if (isLower(cp)) hasLower = true;
      i += width;
      continue;
    }
    if (c === "mark") {
      if (start >= 0) {
        if (folded === null) folded = text.slice(start, i).toLowerCase();
        end = i + width;
      }
      i += width;
      continue;
    }
    // Any other character ends the current word.
    let word = "";
    if (start >= 0) word = folded ?? text.slice(start, end).toLowerCase();
    const elided = c === "apostrophe" && word !== "" && nextIsWord(text, i + width);
    if (word !== "" && !(elided && ELISIONS.has(word)) && !(afterApostrophe && word === "s")) {
      tokens.push({ text: word, start, end, caps: hasUpper && !hasLower });
    }
    afterApostrophe = elided && !ELISIONS.has(word);
    start = -1;
    hasUpper = false;
    hasLower = false;
    if (c === "cjk") {
      tokens.push({ text: foldCodePoint(cp), start: i, end: i + width, caps: false });
    }
    i += width;
  }
  return tokens;
}

function nextIsWord(text: string, at: number): boolean {
  if (at >= text.length) return false;
  const c = classify(text.codePointAt(at) ?? 0);
  return c === "word" || c === "cjk";
}

/** Folded tokens of a text, in order (search and story clustering reuse this). */
export function tokenize(text: string): string[] {
  return tokenizeDetailed(text).map((t) => t.text);
}
