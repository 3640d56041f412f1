/**
 * eld's detection (`detect` in eld's languageDetector.js, Apache-2.0, Nito T.M.), read
 * straight from the packed n-gram table (eld-packed.ts): the same text clean-up, words,
 * n-grams and sums as eld, but each n-gram's scores added from the typed arrays, with no
 * object per n-gram, no object as a set of n-grams and no `for … in` over languages.
 * Measured on the rules bench's items: detection was two thirds of the end-to-end time of
 * an item whose feed declares no language, and eld's scoring (the n-gram objects the packed
 * table builds for it, their keys, the sums) was half of detection (2026-12-08).
 *
 * eld-scores.test.ts checks it against eld's own `detect` on the same data: the same best
 * language and margin, on the feed corpora and generated text.
 */
import type { NgramRows } from "./eld-packed.ts";

/** eld's tables, from eld's own files (see eld-small.ts on why its files are read by path). */
const entry = import.meta.resolve("eld");
const { dictionary } = (await import(new URL("../dictionary.js", entry).href)) as { dictionary: string[] };
const { separators, matchDomains } = (await import(new URL("../regexPatterns.js", entry).href)) as {
  separators: RegExp;
  matchDomains: RegExp;
};

/** The packed table and its languages (eld's `languages`: index → ISO 639-1 code). */
export interface PackedEld {
  rows: NgramRows;
  languages: readonly string[];
}

/** eld's result, as detect-language.ts reads it: the best language and the sums of the best two. */
export interface EldScores {
  /** eld's `language`: the first language of the highest positive sum; null when none is positive. */
  best: string | null;
  /** The best language's sum. Only the ratio of `top` and `second` means anything. */
  top: number;
  /** The highest positive sum of another language (0 when none): eld's second score. */
  second: number;
}

/** "In order to reduce DB size we subtract minimum score" (eld): added back to each score. */
const BASE_NGRAM_SCORE = 53;

/** Per row: the detection that last counted it (eld counts each distinct n-gram once). */
let seen = new Uint32Array(0);
let detection = 0;

export function eldScores(input: string, eld: PackedEld): EldScores {
  const { rows, start, langs, scores } = eld.rows;
  if (seen.length !== rows.size) seen = new Uint32Array(rows.size);
  if (++detection === 0xffffffff) {
    seen.fill(0);
    detection = 1;
  }
  const sums = new Array<number>(eld.languages.length).fill(0);
  const count = (ngram: string): void => {
    const row = rows.get(ngram);
    if (row === undefined || seen[row] === detection) return;
    seen[row] = detection;
    const end = start[row + 1] ?? 0;
    for (let at = start[row] ?? end; at < end; at++) {
      const lang = langs[at] ?? 0;
      sums[lang] = (sums[lang] ?? 0) + (scores[at] ?? 0) + BASE_NGRAM_SCORE;
    }
  };
  // eld's getByteNgrams: 4-byte n-grams, 3-byte stride, the word's start and end marked by spaces.
  for (const word of utf8Words(cleanText(input.substring(0, 1000)))) {
    const len = Math.min(word.length, 70);
    let j = 0;
    for (; j + 4 < len; j += 3) count((j === 0 ? " " : "") + word.substring(j, j + 4));
    count(`${j === 0 ? " " : ""}${word.substring(len !== 3 ? len - 4 : 0)} `);
  }
  let bestAt = -1;
  let top = 0;
  for (let lang = 0; lang < sums.length; lang++) {
    const sum = sums[lang] ?? 0;
    if (sum > 0 && sum > top) {
      top = sum;
      bestAt = lang;
    }
  }
  let second = 0;
  for (let lang = 0; lang < sums.length; lang++) {
    const sum = sums[lang] ?? 0;
    if (lang !== bestAt && sum > second) second = sum;
  }
  return { best: bestAt < 0 ? null : (eld.languages[bestAt] ?? null), top, second };
}

/** eld's getCleanTxt (URLs, e-mail addresses, .com domains, alphanumeric codes), then textProcessor's separators. */
function cleanText(text: string): string {
  return text
    .replace(/[hw](?:(?:ttps?:\/\/(?:www\.)?)|ww\.)[^\s]+/gi, " ")
    .replace(/[a-zA-Z0-9.!$%&’+_`-]+@[A-Za-z0-9.-]+\.[A-Za-z0-9-]{2,64}/g, " ")
    .replace(matchDomains, " ")
    .replace(/[a-zA-Z]*[0-9]+[a-zA-Z0-9]*/g, " ")
    .replace(separators, " ")
    .trim()
    .toLowerCase();
}

/**
 * eld's strToUtf8Bytes: the words (split at spaces) with each character written as its UTF-8
 * bytes, one dictionary character a byte; cut after 350 bytes at a space, or after 380.
 */
function utf8Words(str: string): string[] {
  let encoded = "";
  const words: string[] = [];
  let countBytes = 0;
  for (let i = 0; i < str.length; i++) {
    let code = str.charCodeAt(i);
    if (code < 0x80) {
      if (code === 32) {
        if (encoded !== "") {
          words.push(encoded);
          encoded = "";
        }
        if (countBytes > 350) break;
      } else encoded += str[i];
      countBytes++;
    } else if (code < 0x800) {
      encoded += byte(0xc0 | (code >> 6)) + byte(0x80 | (code & 0x3f));
      countBytes += 2;
    } else if (code < 0xd800 || code >= 0xe000) {
      encoded += byte(0xe0 | (code >> 12)) + byte(0x80 | ((code >> 6) & 0x3f)) + byte(0x80 | (code & 0x3f));
      countBytes += 3;
    } else {
      i++;
      code = 0x10000 + (((code & 0x3ff) << 10) | (str.charCodeAt(i) & 0x3ff));
      encoded +=
        byte(0xf0 | (code >> 18)) +
        byte(0x80 | ((code >> 12) & 0x3f)) +
        byte(0x80 | ((code >> 6) & 0x3f)) +
        byte(0x80 | (code & 0x3f));
      countBytes += 4;
    }
    if (countBytes > 380) break;
  }
  if (encoded !== "") words.push(encoded);
  return words;
}

function byte(b: number): string {
  return dictionary[b] ?? " ";
}
