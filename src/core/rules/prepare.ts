import { primaryLanguage, type StemFn, stemmerFor, stemmerTouches } from "../text/stem.ts";
import { type Token, tokenizeDetailed } from "../text/tokenize.ts";
import { fingerprintWord, hashWord } from "./string-table.ts";

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

const TEXT_FIELD_COUNT = 3;

/** Separates categories in the category field's text (offsets of `category` matches refer to it). */
export const CATEGORY_SEPARATOR = ", ";

/**
 * One field of a prepared item. Its tokens are numbered item-wide from `offset` on, so
 * the item's flat arrays (word ids, stem ids, occurrence chains) cover every field.
 */
export interface PreparedField {
  tokens: Token[];
  offset: number;
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
 * `words` and `stems` are the distinct keys the rule index looks up.
 */
export interface PreparedItem {
  input: MatchInput;
  fields: Record<ItemField, PreparedField>;
  lang: string | null;
  stem: StemFn | null;
  host: string | null;
  /** Distinct folded words, by id. */
  words: string[];
  /** Distinct stems, by id (empty without a stemmer). */
  stems: string[];
  /** hashWord and fingerprintWord of each of `words` and `stems`, for the rule index's tables. */
  wordHashes: number[];
  stemHashes: number[];
  wordFingerprints: number[];
  stemFingerprints: number[];
  /** Per stem, whether it is in the script of the item's stemmer (see stemmerTouches). */
  stemsInScript: boolean[];
  wordIdOf: Map<string, number>;
  stemIdOf: Map<string, number>;
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

/** How many of an item's distinct words (or stems) are in the title, and in the text fields (title first). */
export interface FieldCounts {
  title: number;
  text: number;
}

/** Chains of equal ids (see PreparedItem), built backwards so each chain is increasing. */
function chains(ids: number[], count: number): [number[], number[]] {
  const head = new Array<number>(count).fill(-1);
  const next = new Array<number>(ids.length).fill(-1);
  for (let g = ids.length - 1; g >= 0; g--) {
    const id = ids[g] ?? -1;
    if (id < 0) continue;
    next[g] = head[id] ?? -1;
    head[id] = g;
  }
  return [head, next];
}

/** Category tokens with an empty token between categories, so phrases never span two. */
function categoryTokens(categories: string[]): Token[] {
  const tokens: Token[] = [];
  let offset = 0;
  categories.forEach((category, i) => {
    if (i > 0) {
      tokens.push({ text: "", start: offset, end: offset, caps: false, allCaps: false });
      offset += CATEGORY_SEPARATOR.length;
    }
    for (const t of tokenizeDetailed(category)) {
      tokens.push({ ...t, start: t.start + offset, end: t.end + offset });
    }
    offset += category.length;
  });
  return tokens;
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
  const stem = stemmerFor(lang);
  const fieldTokens: Token[][] = [
    tokenizeDetailed(input.title),
    tokenizeDetailed(input.summary),
    tokenizeDetailed(input.content),
    tokenizeDetailed(input.source),
    tokenizeDetailed(input.author ?? ""),
    categoryTokens(input.categories),
  ];
  let total = 0;
  for (const tokens of fieldTokens) total += tokens.length;
  const words: string[] = [];
  const stems: string[] = [];
  const wordHashes: number[] = [];
  const stemHashes: number[] = [];
  const wordFingerprints: number[] = [];
  const stemFingerprints: number[] = [];
  const stemsInScript: boolean[] = [];
  const inScript = lang === null ? null : stemmerTouches(lang);
  const wordIdOf = new Map<string, number>();
  const stemIdOf = new Map<string, number>();
  const stemOfWord: number[] = [];
  const wordIds = new Array<number>(total);
  const stemIds = stem === null ? null : new Array<number>(total);
  const wordCounts: FieldCounts = { title: 0, text: 0 };
  const stemCounts: FieldCounts = { title: 0, text: 0 };
  const fields = {} as Record<ItemField, PreparedField>;
  let g = 0;
  // ITEM_FIELDS starts with the three `text` fields.
  for (let f = 0; f < ITEM_FIELDS.length; f++) {
    if (f === 1) {
      wordCounts.title = words.length;
      stemCounts.title = stems.length;
    }
    if (f === TEXT_FIELD_COUNT) {
      wordCounts.text = words.length;
      stemCounts.text = stems.length;
    }
    const tokens = fieldTokens[f] ?? [];
    fields[ITEM_FIELDS[f] ?? "title"] = { tokens, offset: g };
    for (let p = 0; p < tokens.length; p++, g++) {
      const text = tokens[p]?.text ?? "";
      if (text === "") {
        wordIds[g] = -1;
        if (stemIds !== null) stemIds[g] = -1;
        continue;
      }
      let id = wordIdOf.get(text);
      if (id === undefined) {
        id = words.length;
        words.push(text);
        wordHashes.push(hashWord(text));
        wordFingerprints.push(fingerprintWord(text));
        wordIdOf.set(text, id);
        if (stem !== null) {
          // One stem lookup per distinct word of the item.
          const s = stem(text);
          let sid = stemIdOf.get(s);
          if (sid === undefined) {
            sid = stems.length;
            stems.push(s);
            stemHashes.push(hashWord(s));
            stemFingerprints.push(fingerprintWord(s));
            stemsInScript.push(inScript?.(s) ?? true);
            stemIdOf.set(s, sid);
          }
          stemOfWord.push(sid);
        }
      }
      wordIds[g] = id;
      if (stemIds !== null) stemIds[g] = stemOfWord[id] ?? -1;
    }
  }
  const [wordHead, wordNext] = chains(wordIds, words.length);
  const [stemHead, stemNext] = stemIds === null ? [EMPTY, EMPTY] : chains(stemIds, stems.length);
  return {
    input,
    fields,
    lang,
    stem,
    host: hostOf(input.link),
    words,
    stems,
    wordHashes,
    stemHashes,
    wordFingerprints,
    stemFingerprints,
    stemsInScript,
    wordIdOf,
    stemIdOf,
    wordIds,
    stemIds,
    wordHead,
    wordNext,
    stemHead,
    stemNext,
    wordCounts,
    stemCounts,
  };
}

const EMPTY: number[] = [];
