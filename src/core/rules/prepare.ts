import { primaryLanguage, type StemFn, stemmerFor, stemmerTouches } from "../text/stem.ts";
import { type Token, tokenizeDetailed } from "../text/tokenize.ts";
import { nextItemStamp, stemEntry, wordEntry } from "./word-table.ts";

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
  readonly wordIdOf: Map<string, number>;
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
  // The word table remembers stems: the stem cache need not hold them a second time.
  const stemOnce = stemmerFor(lang, false);
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
  const stamp = nextItemStamp();
  const words: string[] = [];
  const stems: string[] = [];
  const wordHashes: number[] = [];
  const stemHashes: number[] = [];
  const wordFingerprints: number[] = [];
  const stemFingerprints: number[] = [];
  const stemsInScript: boolean[] = [];
  const inScript = lang === null ? null : stemmerTouches(lang);
  const stemOfWord: number[] = [];
  const wordIds = new Array<number>(total);
  const stemIds = stemOnce === null ? null : new Array<number>(total);
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
      const entry = wordEntry(text);
      if (entry.wordStamp !== stamp) {
        entry.wordStamp = stamp;
        entry.wordId = words.length;
        words.push(entry.word);
        wordHashes.push(entry.hash);
        wordFingerprints.push(entry.fingerprint);
        if (stemOnce !== null) {
          // One stem per distinct word of the item, computed once per word and language.
          const s = stemEntry(entry, stemOnce);
          if (s.stemStamp !== stamp) {
            s.stemStamp = stamp;
            s.stemId = stems.length;
            stems.push(s.word);
            stemHashes.push(s.hash);
            stemFingerprints.push(s.fingerprint);
            stemsInScript.push(inScript?.(s.word) ?? true);
          }
          stemOfWord.push(s.stemId);
        }
      }
      wordIds[g] = entry.wordId;
      if (stemIds !== null) stemIds[g] = stemOfWord[entry.wordId] ?? -1;
    }
  }
  const [wordHead, wordNext] = chains(wordIds, words.length);
  const [stemHead, stemNext] = stemIds === null ? [EMPTY, EMPTY] : chains(stemIds, stems.length);
  return new Prepared(
    input,
    fields,
    lang,
    stem,
    hostOf(input.link),
    words,
    stems,
    wordHashes,
    stemHashes,
    wordFingerprints,
    stemFingerprints,
    stemsInScript,
    wordIds,
    stemIds,
    wordHead,
    wordNext,
    stemHead,
    stemNext,
    wordCounts,
    stemCounts,
  );
}

const EMPTY: number[] = [];

function idsOf(keys: string[]): Map<string, number> {
  const ids = new Map<string, number>();
  for (let i = 0; i < keys.length; i++) ids.set(keys[i] as string, i);
  return ids;
}

/**
 * A PreparedItem whose word → id maps are built on first use: only evaluating a candidate
 * rule reads them, and most items are settled by the index without that.
 */
class Prepared implements PreparedItem {
  #wordIdOf: Map<string, number> | null = null;
  #stemIdOf: Map<string, number> | null = null;
  constructor(
    readonly input: MatchInput,
    readonly fields: Record<ItemField, PreparedField>,
    readonly lang: string | null,
    readonly stem: StemFn | null,
    readonly host: string | null,
    readonly words: string[],
    readonly stems: string[],
    readonly wordHashes: number[],
    readonly stemHashes: number[],
    readonly wordFingerprints: number[],
    readonly stemFingerprints: number[],
    readonly stemsInScript: boolean[],
    readonly wordIds: number[],
    readonly stemIds: number[] | null,
    readonly wordHead: number[],
    readonly wordNext: number[],
    readonly stemHead: number[],
    readonly stemNext: number[],
    readonly wordCounts: FieldCounts,
    readonly stemCounts: FieldCounts,
  ) {}

  get wordIdOf(): Map<string, number> {
    this.#wordIdOf ??= idsOf(this.words);
    return this.#wordIdOf;
  }

  get stemIdOf(): Map<string, number> {
    this.#stemIdOf ??= idsOf(this.stems);
    return this.#stemIdOf;
  }
}
