import { primaryLanguage, type StemFn, stemmerFor } from "../text/stem.ts";
import type { Token } from "../text/tokenize.ts";
import { Prepared } from "./prepared.ts";
import { beginItem, distinctWords, scannedWords, scanTokens } from "./scan.ts";

/** What the matcher needs of an item (a subset of `Item`). */
export interface MatchInput {
  title: string;
  summary: string;
  content: string;
  source: string;
  author: string | null;
  categories: string[];
  lang: string | null;
  link: string | null;
}

export type ItemField = "title" | "summary" | "content" | "source" | "author" | "category";

export const ITEM_FIELDS: readonly ItemField[] = [
  "title",
  "summary",
  "content",
  "source",
  "author",
  "category",
];

/** Separates categories in the category field's text (offsets of `category` matches refer to it). */
export const CATEGORY_SEPARATOR = ", ";

/**
 * One field of a prepared item. Its tokens are numbered item-wide from `offset` on, so
 * the item's flat arrays (word ids, stem ids, occurrence chains) cover every field.
 */
export interface PreparedField {
  /** Built on first use (most items are settled by the rule index without them). */
  readonly tokens: Token[];
  readonly offset: number;
  /** tokens.length, without building them. */
  readonly count: number;
}

/**
 * An item folded, tokenised and stemmed once, then matched against any number of rules.
 *
 * Every distinct folded word gets an id (and every distinct stem one), and each token
 * position g of the item holds the ids of its word and stem. The occurrences of an id
 * form a chain: `wordHead[id]` is its first position, `wordNext[g]` the next one, in
 * increasing order. Built with a few small arrays instead of maps per field (plain arrays: small typed
 * arrays get a separate backing store each, which costs more than they save here): this runs
 * for every item, and a rule needs the positions of a word only once it is a candidate.
 *
 * `words` and `stems` are the distinct keys the rule index looks up (by their hashes).
 *
 * What only some rules read is computed on first use, from what preparing kept: the words'
 * strings (from their places in the item, see scan.ts), the fields' Token objects, the
 * occurrence chains (only evaluating a candidate rule reads them), the stems (with their
 * ids, hashes and chains: an index without stem rules never stems), the link's host, and
 * the word → id maps. The values are those of computing them at once.
 */
export interface PreparedItem {
  input: MatchInput;
  fields: Record<ItemField, PreparedField>;
  /** Where each field's tokens end, item-wide, in ITEM_FIELDS order (fields[f].offset + count). */
  fieldEnds: readonly number[];
  lang: string | null;
  stem: StemFn | null;
  host: string | null;
  /** Distinct folded words, by id (made on first read: the rule index reads their hashes). */
  readonly words: string[];
  /** Distinct stems, by id (empty without a stemmer). */
  stems: string[];
  /** hashWord and fingerprintWord of each of `words` and `stems`, for the rule index's tables. */
  wordHashes: number[];
  stemHashes: number[];
  wordFingerprints: number[];
  stemFingerprints: number[];
  /** Per stem, whether it is in the script of the item's stemmer (see stemmerTouches). */
  stemsInScript: boolean[];
  /** Word ids by word, found by the word's hashes: no string of the item's words is made. */
  readonly wordIdOf: WordIds;
  readonly stemIdOf: Map<string, number>;
  /** Per item-wide token position: word id and stem id (−1 for the separator between categories). */
  wordIds: number[];
  stemIds: number[] | null;
  wordHead: number[];
  wordNext: number[];
  stemHead: number[];
  stemNext: number[];
  /**
   * `words` and `stems` list those of the title first, then those of the other `text`
   * fields (summary, content): these counts say how many of each list are in the title and
   * in the text fields. A rule found through such a key may match without being evaluated
   * (see confirm.ts).
   */
  wordCounts: FieldCounts;
  stemCounts: FieldCounts;
}

/** An item's word ids by word (see PreparedItem.wordIdOf). */
export interface WordIds {
  get(word: string): number | undefined;
}

/** How many of an item's distinct words (or stems) are in the title, and in the text fields (title first). */
export interface FieldCounts {
  title: number;
  text: number;
}

/** The word ids of the item's tokens: reused from item to item, then copied at their final length. */
const scratch: number[] = [];

/** The text a word's span refers to (see scan.ts): the fields in ITEM_FIELDS order, then each category. */
export function fieldText(input: MatchInput, code: number): string {
  switch (code) {
    case 0:
      return input.title;
    case 1:
      return input.summary;
    case 2:
      return input.content;
    case 3:
      return input.source;
    case 4:
      return input.author ?? "";
    default:
      return input.categories[code - 5] ?? "";
  }
}

export function hostOf(link: string | null): string | null {
  if (link === null) return null;
  try {
    const host = new URL(link).hostname.toLowerCase();
    return host === "" ? null : host.replace(/\.$/, "");
  } catch {
    return null;
  }
}

export function prepareItem(input: MatchInput): PreparedItem {
  const lang = primaryLanguage(input.lang);
  beginItem();
  // Written from 0 on, never emptied: emptying a list drops its storage, to be grown again.
  const ids = scratch;
  const ends: number[] = new Array<number>(ITEM_FIELDS.length);
  const wordCounts: FieldCounts = { title: 0, text: 0 };
  let total = scanTokens(input.title, 0, ids, 0);
  ends[0] = total;
  wordCounts.title = distinctWords();
  total = scanTokens(input.summary, 1, ids, total);
  ends[1] = total;
  total = scanTokens(input.content, 2, ids, total);
  ends[2] = total;
  wordCounts.text = distinctWords();
  total = scanTokens(input.source, 3, ids, total);
  ends[3] = total;
  total = scanTokens(input.author ?? "", 4, ids, total);
  ends[4] = total;
  // Category tokens with an empty token between categories, so phrases never span two.
  const categories = input.categories;
  for (let i = 0; i < categories.length; i++) {
    if (i > 0) ids[total++] = -1;
    total = scanTokens(categories[i] ?? "", 5 + i, ids, total);
  }
  ends[5] = total;
  const scanned = scannedWords();
  return new Prepared(input, lang, stemmerFor(lang), ends, {
    spans: scanned.spans,
    wordHashes: scanned.hashes,
    wordFingerprints: scanned.fingerprints,
    wordIds: ids.slice(0, total),
    wordCounts,
  });
}
