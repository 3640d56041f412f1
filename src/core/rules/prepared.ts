import { type StemFn, stemmerFor, stemmerTouches } from "../text/stem.ts";
import { type Token, tokenizeDetailed } from "../text/tokenize.ts";
import { fingerprintWord, hashWord } from "./index/index.ts";
import type { FieldCounts, ItemField, MatchInput, PreparedField, PreparedItem, WordIds } from "./prepare.ts";
import { CATEGORY_SEPARATOR, fieldText, hostOf, ITEM_FIELDS } from "./prepare.ts";
import { spanCode, wordOfSpan } from "./scan.ts";
import * as table from "./word-table.ts";

/** What prepareItem computed at once (see PreparedItem). */
export interface PreparedWords {
  /** Where each distinct word is in the item (see scan.ts): its string is made from it on first read. */
  spans: number[];
  wordHashes: number[];
  wordFingerprints: number[];
  wordIds: number[];
  wordCounts: FieldCounts;
}

interface Stemmed {
  stems: string[];
  stemHashes: number[];
  stemFingerprints: number[];
  stemsInScript: boolean[];
  stemIds: number[] | null;
  stemHead: number[];
  stemNext: number[];
  stemCounts: FieldCounts;
}

const EMPTY: number[] = [];

function idsOf(keys: string[]): Map<string, number> {
  const ids = new Map<string, number>();
  for (let i = 0; i < keys.length; i++) ids.set(keys[i] as string, i);
  return ids;
}

/**
 * An item's word ids by word, found by the word's hashWord and fingerprintWord among the
 * item's (open addressing on the hash, at most half full: id + 1, 0 empty): looking a rule's
 * word up makes no string of the item's words.
 */
class WordIdsByHash implements WordIds {
  readonly #slots: number[];
  constructor(
    private readonly hashes: readonly number[],
    private readonly fingerprints: readonly number[],
  ) {
    let size = 8;
    while (size < hashes.length * 2) size *= 2;
    const slots = new Array<number>(size).fill(0);
    const mask = size - 1;
    for (let id = 0; id < hashes.length; id++) {
      let s = (hashes[id] ?? 0) & mask;
      while (slots[s] !== 0) s = (s + 1) & mask;
      slots[s] = id + 1;
    }
    this.#slots = slots;
  }

  get(word: string): number | undefined {
    const hash = hashWord(word);
    const fingerprint = fingerprintWord(word);
    const slots = this.#slots;
    const mask = slots.length - 1;
    for (let s = hash & mask; ; s = (s + 1) & mask) {
      const slot = slots[s] ?? 0;
      if (slot === 0) return undefined;
      if (this.hashes[slot - 1] === hash && this.fingerprints[slot - 1] === fingerprint) return slot - 1;
    }
  }
}

/** Chains of equal ids (see PreparedItem), built backwards so each chain is increasing. */
export function chains(ids: number[], count: number): [number[], number[]] {
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

/**
 * One field of a Prepared item. Its Token objects are tokenizeDetailed's, made on first use:
 * prepareItem's scanner gives the same tokens (scan.test.ts), so `offset` and `count` hold.
 */
class Field implements PreparedField {
  #tokens: Token[] | null = null;
  constructor(
    private readonly input: MatchInput,
    private readonly name: ItemField,
    readonly offset: number,
    readonly count: number,
  ) {}

  get tokens(): Token[] {
    this.#tokens ??= this.make();
    return this.#tokens;
  }

  private make(): Token[] {
    const input = this.input;
    switch (this.name) {
      case "title":
      case "summary":
      case "content":
      case "source":
        return tokenizeDetailed(input[this.name]);
      case "author":
        return tokenizeDetailed(input.author ?? "");
      case "category":
        return categoryTokens(input.categories);
    }
  }
}

/**
 * A PreparedItem whose rarely read parts are computed on first use (see PreparedItem): the
 * stems and their chains, Token objects, the host, the word → id maps.
 */
export class Prepared implements PreparedItem {
  readonly wordHashes: number[];
  readonly wordFingerprints: number[];
  readonly wordIds: number[];
  readonly wordCounts: FieldCounts;
  #chains: [number[], number[]] | null = null;
  #prepared: PreparedWords;
  #words: string[] | null = null;
  #stemmed: Stemmed | null = null;
  #fields: Record<ItemField, PreparedField> | null = null;
  #host: string | null | undefined = undefined;
  #wordIdOf: WordIds | null = null;
  #stemIdOf: Map<string, number> | null = null;

  constructor(
    readonly input: MatchInput,
    readonly lang: string | null,
    readonly stem: StemFn | null,
    readonly fieldEnds: readonly number[],
    prepared: PreparedWords,
  ) {
    this.#prepared = prepared;
    this.wordHashes = prepared.wordHashes;
    this.wordFingerprints = prepared.wordFingerprints;
    this.wordIds = prepared.wordIds;
    this.wordCounts = prepared.wordCounts;
  }

  get fields(): Record<ItemField, PreparedField> {
    if (this.#fields === null) {
      const fields = {} as Record<ItemField, PreparedField>;
      let from = 0;
      ITEM_FIELDS.forEach((name, f) => {
        const to = this.fieldEnds[f] ?? from;
        fields[name] = new Field(this.input, name, from, to - from);
        from = to;
      });
      this.#fields = fields;
    }
    return this.#fields;
  }

  get words(): string[] {
    if (this.#words === null) {
      const { spans } = this.#prepared;
      const words = new Array<string>(this.wordHashes.length);
      for (let d = 0; d < words.length; d++)
        words[d] = wordOfSpan(spans, d, fieldText(this.input, spanCode(spans, d)));
      this.#words = words;
    }
    return this.#words;
  }

  get wordHead(): number[] {
    this.#chains ??= chains(this.wordIds, this.wordHashes.length);
    return this.#chains[0];
  }

  get wordNext(): number[] {
    this.#chains ??= chains(this.wordIds, this.wordHashes.length);
    return this.#chains[1];
  }

  get host(): string | null {
    if (this.#host === undefined) this.#host = hostOf(this.input.link);
    return this.#host;
  }

  get wordIdOf(): WordIds {
    this.#wordIdOf ??= new WordIdsByHash(this.wordHashes, this.wordFingerprints);
    return this.#wordIdOf;
  }

  get stemIdOf(): Map<string, number> {
    this.#stemIdOf ??= idsOf(this.stems);
    return this.#stemIdOf;
  }

  get stems(): string[] {
    return this.stemmed().stems;
  }
  get stemHashes(): number[] {
    return this.stemmed().stemHashes;
  }
  get stemFingerprints(): number[] {
    return this.stemmed().stemFingerprints;
  }
  get stemsInScript(): boolean[] {
    return this.stemmed().stemsInScript;
  }
  get stemIds(): number[] | null {
    return this.stemmed().stemIds;
  }
  get stemHead(): number[] {
    return this.stemmed().stemHead;
  }
  get stemNext(): number[] {
    return this.stemmed().stemNext;
  }
  get stemCounts(): FieldCounts {
    return this.stemmed().stemCounts;
  }

  private stemmed(): Stemmed {
    this.#stemmed ??= stemWords(this.lang, () => this.words, this.#prepared);
    return this.#stemmed;
  }
}

/**
 * One stem per distinct word, numbered in the order of the words (so in order of first
 * occurrence, title first, as the words are), and the stem of every token position.
 */
function stemWords(lang: string | null, words: () => string[], prepared: PreparedWords): Stemmed {
  // The word table remembers stems: the stem cache need not hold them a second time.
  const stemOnce = stemmerFor(lang, false);
  const stems: string[] = [];
  const stemCounts: FieldCounts = { title: 0, text: 0 };
  const stemmed: Stemmed = {
    stems,
    stemHashes: [],
    stemFingerprints: [],
    stemsInScript: [],
    stemIds: null,
    stemHead: EMPTY,
    stemNext: EMPTY,
    stemCounts,
  };
  if (stemOnce === null || lang === null) return stemmed;
  const { wordIds, wordCounts } = prepared;
  // A fresh stamp numbers the stems (it may drop a full table: the words are looked up after).
  const stamp = table.nextItemStamp();
  const { wordHashes, wordFingerprints } = prepared;
  const entries = wordHashes.map((hash, k) =>
    table.entryOfHashes(hash, wordFingerprints[k] ?? 0, () => words()[k] ?? ""),
  );
  const inScript = stemmerTouches(lang);
  const stemOfWord = new Array<number>(words.length);
  for (let k = 0; k < entries.length; k++) {
    if (k === wordCounts.title) stemCounts.title = stems.length;
    if (k === wordCounts.text) stemCounts.text = stems.length;
    // stemEntry may add the stem to the table (and grow its arrays): read them after it.
    const s = table.stemEntry(entries[k] ?? 0, stemOnce);
    const at = s * table.INFO;
    const info = table.info;
    if (info[at + table.STEM_STAMP] !== stamp) {
      info[at + table.STEM_STAMP] = stamp;
      info[at + table.STEM_ID] = stems.length;
      const word = table.words[s] ?? "";
      stems.push(word);
      stemmed.stemHashes.push(info[at + table.HASH] ?? 0);
      stemmed.stemFingerprints.push(info[at + table.FINGERPRINT] ?? 0);
      stemmed.stemsInScript.push(inScript(word));
    }
    stemOfWord[k] = info[at + table.STEM_ID] ?? -1;
  }
  if (entries.length <= wordCounts.title) stemCounts.title = stems.length;
  if (entries.length <= wordCounts.text) stemCounts.text = stems.length;
  const stemIds = new Array<number>(wordIds.length);
  for (let g = 0; g < wordIds.length; g++) {
    const id = wordIds[g] ?? -1;
    stemIds[g] = id < 0 ? -1 : (stemOfWord[id] ?? -1);
  }
  [stemmed.stemHead, stemmed.stemNext] = chains(stemIds, stems.length);
  stemmed.stemIds = stemIds;
  return stemmed;
}
