import type { StemFn } from "../text/stem.ts";
import { ITEM_FIELDS, type PreparedItem } from "./prepare.ts";
import { hashPair, hashWord, StringTable } from "./string-table.ts";

/**
 * The item side of the rule index: how an item's words, stems and consecutive pairs are
 * looked up in its tables, and how keys are hashed and stemmed the same way on both sides.
 */

/** The hash of a word or of a two-word key `a b`, as the item side computes it. */
export function keyHash(key: string): number {
  const space = key.indexOf(" ");
  if (space < 0) return hashWord(key);
  return hashPair(hashWord(key.slice(0, space)), hashWord(key.slice(space + 1)));
}

/** Whether a stemmer that changes only `touches` words may change the word or pair key. */
export function touchesKey(key: string, touches: (word: string) => boolean): boolean {
  const space = key.indexOf(" ");
  if (space < 0) return touches(key);
  return touches(key.slice(0, space)) || touches(key.slice(space + 1));
}

export function stemKey(key: string, stem: StemFn): string {
  const space = key.indexOf(" ");
  if (space < 0) return stem(key);
  return `${stem(key.slice(0, space))} ${stem(key.slice(space + 1))}`;
}

/** Where in the item a key was found (see confirm.ts). */
export const OTHER_FIELD = 0;
export const TEXT_FIELD = 1;
export const TITLE_FIELD = 2;

/**
 * Visits the candidates of what a lookup in `table` found (`value`, see StringTable.get)
 * `where` (above): `g` is where a pair key starts in the item (else −1), in the field [lo, hi).
 */
export type Check = (
  table: StringTable,
  value: number,
  where: number,
  g: number,
  lo: number,
  hi: number,
) => void;

/**
 * Where the stem keys of an item language are: its own tables for the keys its stemmer
 * changes (`touches`), the written forms' tables for the others.
 */
export interface StemTables {
  touches: (word: string) => boolean;
  /** The stems of the keys the stemmer changes. */
  own: StringTable;
  /** The written forms of all keys (the index's own table): where the others are. */
  other: StringTable;
  /** Keys the stemmer changed into words it leaves alone (Arabic-Indic digits become ASCII). */
  extra: StringTable;
}

const everyWord = (): boolean => true;

/** A single table seen as StemTables (every key in `own`): the word, pair and no-language tables. */
export function plainTables(table: StringTable): StemTables {
  return { touches: everyWord, own: table, other: table, extra: new StringTable() };
}

/** What the warming reads add up to: kept, so that the reads are not optimised away. */
export const warmth = { sum: 0 };

/**
 * Warming, before the lookups of an item: at 100,000 rules the tables are megabytes, past
 * the processor's caches, and a lookup waits on memory several times in a row (bucket, key
 * characters, rule list), about 150 ns each on the bench machine. In a loop that only reads
 * those for every key, one key's reads do not wait for another's, and the processor
 * overlaps them (about 15 ns each): the lookups that follow then find them in the cache.
 * Tables small enough to stay cached are not warmed.
 */
export function warmWords(texts: readonly string[], hashes: readonly number[], tables: StemTables): void {
  const { touches, own, other } = tables;
  if (!own.large && !other.large) return;
  let sum = 0;
  for (let k = 0; k < texts.length; k++) {
    sum += (touches(texts[k] ?? "") ? own : other).warm(hashes[k] ?? 0);
  }
  warmth.sum = sum;
}

/** warmWords for the pairs that checkPairs looks up (the same pairs, in the same tables; and across fields). */
export function warmPairs(
  ids: readonly number[],
  texts: readonly string[],
  hashes: readonly number[],
  tables: StemTables,
): void {
  const { touches, own, other } = tables;
  if (!own.large && !other.large) return;
  let sum = 0;
  const end = ids.length;
  for (let g = 0; g + 1 < end; g++) {
    const a = ids[g] ?? -1;
    const b = ids[g + 1] ?? -1;
    if (a < 0 || b < 0) continue;
    const hash = hashPair(hashes[a] ?? 0, hashes[b] ?? 0);
    sum += (touches(texts[a] ?? "") || touches(texts[b] ?? "") ? own : other).warm(hash);
  }
  warmth.sum = sum;
}

/**
 * Looks up every two consecutive tokens of a field (as words or as stems: `ids`, their
 * `texts` and `hashes`), field by field so that a pair never spans two fields; in a
 * language's stem tables, a pair of two words its stemmer leaves alone is in `other`.
 */
export function checkPairs(
  item: PreparedItem,
  ids: readonly number[],
  texts: readonly string[],
  hashes: readonly number[],
  check: Check,
  tables: StemTables,
): void {
  const { touches, own, other, extra } = tables;
  const titleEnd = item.fields.summary.offset;
  const textEnd = item.fields.source.offset;
  for (const name of ITEM_FIELDS) {
    const { offset, tokens } = item.fields[name];
    const end = offset + tokens.length;
    for (let g = offset; g + 1 < end; g++) {
      const a = ids[g] ?? -1;
      const b = ids[g + 1] ?? -1;
      if (a < 0 || b < 0) continue;
      const first = texts[a] ?? "";
      const second = texts[b] ?? "";
      const hash = hashPair(hashes[a] ?? 0, hashes[b] ?? 0);
      // A pair is within one field: where it starts says which.
      const where = g < titleEnd ? TITLE_FIELD : g < textEnd ? TEXT_FIELD : OTHER_FIELD;
      if (touches(first) || touches(second))
        check(own, own.getPair(first, second, hash), where, g, offset, end);
      else {
        check(other, other.getPair(first, second, hash), where, g, offset, end);
        if (extra.size > 0) check(extra, extra.getPair(first, second, hash), where, g, offset, end);
      }
    }
  }
}
