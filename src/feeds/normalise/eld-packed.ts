/**
 * eld's n-gram table packed into typed arrays, behind the one read eld makes of it.
 *
 * Why: as a plain object (81 K n-grams, each a small `{lang: score}` object) the "small"
 * table holds ~52 MB of heap for the life of the process, a fifth of the 256 MB budget of
 * issue 13.3. Packed (a Map from n-gram to row, languages and scores in typed arrays) it holds
 * ~6 MB. eld only ever reads `ngrams[ngram]` and iterates the answer's keys
 * (`calculateScores` in eld's languageDetector.js), so a Proxy that builds that small object on
 * each read gives eld the same numbers in the same order (integer keys iterate ascending).
 */

export type NgramTable = Record<string, Record<number, number>>;

export interface NgramRows {
  /** n-gram → row. */
  rows: Map<string, number>;
  /** Row r's pairs are [start[r], start[r + 1]). */
  start: Uint32Array;
  langs: Uint8Array;
  scores: Int32Array;
}

/**
 * Row objects kept for reuse: a language's common n-grams come back item after item, and
 * building them was a third of detection's time. Bounded (about 3 MB of heap at most), so the table
 * never grows back towards its unpacked size; when full it starts over.
 */
const CACHED_ROWS = 4096;

/**
 * The table eld reads: `table[ngram]` is a `{lang: score}` object, or undefined. eld only reads
 * those objects (`calculateScores`), so one may be handed out again.
 */
/** The rows behind each table ngramTable made (eld-scores.ts reads them directly). */
const rowsOfTable = new WeakMap<NgramTable, NgramRows>();

export function rowsOf(table: NgramTable): NgramRows | undefined {
  return rowsOfTable.get(table);
}

export function ngramTable(packed: NgramRows): NgramTable {
  const { rows, start, langs, scores } = packed;
  const built = new Map<string, Record<number, number>>();
  const table = new Proxy({} as NgramTable, {
    get(_target, key) {
      if (typeof key !== "string") return undefined;
      const cached = built.get(key);
      if (cached !== undefined) return cached;
      const row = rows.get(key);
      if (row === undefined) return undefined;
      const out: Record<number, number> = {};
      const end = start[row + 1] ?? 0;
      for (let at = start[row] ?? end; at < end; at++) out[langs[at] ?? 0] = scores[at] ?? 0;
      if (built.size >= CACHED_ROWS) built.clear();
      built.set(key, out);
      return out;
    },
    has: (_target, key) => typeof key === "string" && rows.has(key),
  });
  rowsOfTable.set(table, packed);
  return table;
}

/** Collects rows as they are read, then packs them. */
export function ngramRowsBuilder() {
  const rows = new Map<string, number>();
  const start: number[] = [0];
  const langs: number[] = [];
  const scores: number[] = [];
  return {
    pair(lang: number, score: number): void {
      if (
        !Number.isInteger(lang) ||
        lang < 0 ||
        lang > 255 ||
        !Number.isInteger(score) ||
        Math.abs(score) > 2 ** 31 - 1
      )
        throw new Error(`unexpected eld n-gram pair ${lang}:${score}`);
      langs.push(lang);
      scores.push(score);
    },
    endRow(ngram: string): void {
      rows.set(ngram, rows.size);
      start.push(langs.length);
    },
    done: (): NgramRows => ({
      rows,
      start: Uint32Array.from(start),
      langs: Uint8Array.from(langs),
      scores: Int32Array.from(scores),
    }),
  };
}
