import type { StemFn } from "../../text/stem.ts";
import { type FieldCounts, ITEM_FIELDS, type PreparedItem } from "../prepare.ts";
import { fingerprintPair, hashPair, StringTable } from "./string-table.ts";

/**
 * The item side of the rule index: how an item's words, stems and consecutive pairs are
 * looked up in its tables, and how keys are hashed and stemmed the same way on both sides.
 */

/**
 * An item's distinct words, or its distinct stems, as the lookups read them (see
 * PreparedItem): by id, their hashes and fingerprints and, for stems, whether each is in
 * the script of the item's stemmer (null for words: the tables they are looked up in keep
 * every key in `own`); by token position, their ids; how many are in the title and text
 * fields. Not their texts: at 100,000 rules, reading each string (a stem is the stem cache's,
 * anywhere in the heap) was a wait on memory per key.
 */
export interface ItemKeys {
  count: number;
  hashes: readonly number[];
  inScript: readonly boolean[] | null;
  fingerprints: readonly number[];
  ids: readonly number[];
  counts: FieldCounts;
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

/**
 * Looks up every two consecutive tokens of a field (of the item's words or stems: `keys`),
 * field by field so that a pair never spans two fields; in a language's stem tables, a pair
 * of two words its stemmer leaves alone is in `other`.
 */
export function checkPairs(item: PreparedItem, keys: ItemKeys, check: Check, tables: StemTables): void {
  const { own, other, extra } = tables;
  const prefetch = own.large || other.large;
  const { hashes, fingerprints, inScript, ids } = keys;
  const titleEnd = item.fields.summary.offset;
  const textEnd = item.fields.source.offset;
  for (const name of ITEM_FIELDS) {
    const { offset, tokens } = item.fields[name];
    const end = offset + tokens.length;
    if (prefetch) prefetchPairs(keys, tables, offset, end);
    for (let g = offset; g + 1 < end; g++) {
      const a = ids[g] ?? -1;
      const b = ids[g + 1] ?? -1;
      if (a < 0 || b < 0) continue;
      const hash = hashPair(hashes[a] ?? 0, hashes[b] ?? 0);
      const fingerprint = fingerprintPair(fingerprints[a] ?? 0, fingerprints[b] ?? 0);
      // A pair is within one field: where it starts says which.
      const where = g < titleEnd ? TITLE_FIELD : g < textEnd ? TEXT_FIELD : OTHER_FIELD;
      if (inScript === null || inScript[a] === true || inScript[b] === true)
        check(own, own.get(hash, fingerprint), where, g, offset, end);
      else {
        check(other, other.get(hash, fingerprint), where, g, offset, end);
        if (extra.size > 0) check(extra, extra.get(hash, fingerprint), where, g, offset, end);
      }
    }
  }
}

/** Where the prefetching reads below go, so that the compiler keeps them (their values are of no use). */
const sink = { value: 0 };

/**
 * Reads the bucket of every lookup that checkWords is about to make in large tables (past a
 * core's cache: StringTable.large), before it makes them. In the lookups, the processor
 * waits for each bucket before it gets to the next (the candidates' work in between is too
 * long for it to look ahead), so the waits add up: at 100,000 rules, the lookups were about
 * three fifths of the matching time. Here the reads depend on nothing and follow one another
 * closely, so their waits overlap, and the lookups then find their buckets in cache: 5–25 %
 * more items a second at 100,000 rules, the more the slower memory is at the time. Small
 * tables are in cache already, where the pass would only cost (up to a tenth at 10,000
 * rules). Measured and dropped: reading ahead every table's buckets at once before any
 * lookup, or each found key's list and first rule state too (both slower).
 */
export function prefetchWords(keys: ItemKeys, tables: StemTables): void {
  const { own, other } = tables;
  if (!own.large && !other.large) return;
  const { count, hashes, inScript } = keys;
  let sum = 0;
  for (let k = 0; k < count; k++) {
    sum ^= (inScript === null || inScript[k] === true ? own : other).touch(hashes[k] ?? 0);
  }
  sink.value ^= sum;
}

/** prefetchWords for the pairs of a field [from, end) that checkPairs looks up (hashed once more: cheap, beside a wait on memory). */
function prefetchPairs(keys: ItemKeys, tables: StemTables, from: number, end: number): void {
  const { own, other } = tables;
  const { hashes, inScript, ids } = keys;
  let sum = 0;
  for (let g = from; g + 1 < end; g++) {
    const a = ids[g] ?? -1;
    const b = ids[g + 1] ?? -1;
    if (a < 0 || b < 0) continue;
    const table = inScript === null || inScript[a] === true || inScript[b] === true ? own : other;
    sum ^= table.touch(hashPair(hashes[a] ?? 0, hashes[b] ?? 0));
  }
  sink.value ^= sum;
}
