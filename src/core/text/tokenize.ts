import { classify, foldCodePoint, isUpper } from "./fold.ts";

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

function isLowerLetter(cp: number): boolean {
  if (cp < 0x80) return cp >= 0x61 && cp <= 0x7a;
  const ch = String.fromCodePoint(cp);
  return ch !== ch.toUpperCase();
}

export function tokenizeDetailed(text: string): Token[] {
  const tokens: Token[] = [];
  let buf = "";
  let start = 0;
  let end = 0;
  let hasUpper = false;
  let hasLower = false;
  let afterApostrophe = false;

  const flush = (): void => {
    if (buf !== "" && !(afterApostrophe && buf === "s")) {
      tokens.push({ text: buf, start, end, caps: hasUpper && !hasLower });
    }
    buf = "";
    hasUpper = false;
    hasLower = false;
    afterApostrophe = false;
  };

  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i) ?? 0;
    const width = cp > 0xffff ? 2 : 1;
    const c = classify(cp);
    if (c === "word") {
      if (buf === "") start = i;
      buf += foldCodePoint(cp);
      end = i + width;
      if (isUpper(cp)) hasUpper = true;
      else if (isLowerLetter(cp)) hasLower = true;
    } else if (c === "mark") {
      if (buf !== "") end = i + width;
    } else if (c === "apostrophe" && buf !== "" && nextIsWord(text, i + width)) {
      if (ELISIONS.has(buf)) {
        buf = "";
        hasUpper = false;
        hasLower = false;
      } else {
        flush();
        afterApostrophe = true;
      }
    } else if (c === "cjk") {
      flush();
      tokens.push({ text: foldCodePoint(cp), start: i, end: i + width, caps: false });
    } else {
      flush();
    }
    i += width;
  }
  flush();
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
