import { type StemFn, stemmerFor, stemmerTouches } from "../../text/stem.ts";
import { plainTables, type StemTables, stemKey, touchesKey } from "./lookups.ts";
import type { Slots } from "./slots.ts";
import { StringTable } from "./string-table.ts";

/** The stem tables of one item language: for the one-word keys and for the pairs. */
export interface LanguageTables {
  words: StemTables;
  pairs: StemTables;
}

/**
 * The rule index's stem keys (`stem`, `stempair`: keys.ts): as written, and per item
 * language under their stems.
 *
 * Stem keys depend on the item's language and Snowball costs 1–15 µs a word, so the
 * tables of a language are built the first time an item in that language is matched (one
 * stem per distinct rule word, cached), then kept up to date by add and remove. They hold
 * only the keys its stemmer may change, those in its script: a key in another script is
 * its own stem there, so it stays in the written forms' tables, where an item stem in
 * another script is looked up (ru, ar: most keys).
 */
export class StemKeys {
  private readonly words = new StringTable();
  private readonly pairs = new StringTable();
  private readonly languages = new Map<string, LanguageTables & { stem: StemFn }>();
  /** The keys as written, for items without a stemmer. */
  readonly written: LanguageTables = { words: plainTables(this.words), pairs: plainTables(this.pairs) };

  get size(): number {
    return this.words.size + this.pairs.size;
  }

  add(pair: boolean, key: string, code: number): void {
    this.file(pair, key, code, "add");
  }

  remove(pair: boolean, key: string, code: number): void {
    this.file(pair, key, code, "remove");
  }

  /** The tables of the language `lang` (with its stemmer), built on first use. */
  of(lang: string, itemStem: StemFn): LanguageTables {
    const existing = this.languages.get(lang);
    if (existing !== undefined) return existing;
    // Rule words are stemmed once here per language: not worth a place in the stem cache.
    const stem = stemmerFor(lang, false) ?? itemStem;
    const touches = stemmerTouches(lang);
    const tablesFor = (other: StringTable): StemTables => {
      const touched: [string, Slots][] = [];
      other.forEach((key, slots) => {
        if (touchesKey(key, touches)) touched.push([key, slots]);
      });
      // Sized once for the keys it will hold: growing it by rebuilds would cost as much again.
      const tables = { touches, own: new StringTable(touched.length), other, extra: new StringTable() };
      for (const [key, slots] of touched) fileStemmed(stem, tables, key, slots, "add");
      return tables;
    };
    const language = { stem, words: tablesFor(this.words), pairs: tablesFor(this.pairs) };
    this.languages.set(lang, language);
    return language;
  }

  private file(pair: boolean, key: string, code: number, op: "add" | "remove"): void {
    (pair ? this.pairs : this.words)[op](key, code);
    for (const language of this.languages.values()) {
      fileStem(language.stem, pair ? language.pairs : language.words, key, code, op);
    }
  }
}

/**
 * Files a stem key's slots in a language's `tables`, if its stemmer may change the key:
 * under the stemmed key, or in `extra` when that is in a script the stemmer leaves alone.
 */
function fileStem(stem: StemFn, tables: StemTables, key: string, slots: Slots, op: "add" | "remove"): void {
  if (touchesKey(key, tables.touches)) fileStemmed(stem, tables, key, slots, op);
}

/** fileStem for a key its stemmer may change. */
function fileStemmed(
  stem: StemFn,
  tables: StemTables,
  key: string,
  slots: Slots,
  op: "add" | "remove",
): void {
  const stemmed = stemKey(key, stem);
  const table = touchesKey(stemmed, tables.touches) ? tables.own : tables.extra;
  if (op === "add") table.add(stemmed, slots);
  else if (typeof slots === "number") table.remove(stemmed, slots);
  else for (const slot of slots) table.remove(stemmed, slot);
}
