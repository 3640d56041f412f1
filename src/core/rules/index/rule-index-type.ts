import type { Rule } from "../ast.ts";
import type { PreparedItem } from "../prepare.ts";

/**
 * Many rules, one item: the percolator. Each rule is filed under its required keys
 * (see keys.ts); an item's distinct words, stems, prefixes, language and host select the
 * candidate rules, and only those are evaluated with `matchRule`. The cost per item
 * grows with its tokens and its candidates, not with the number of rules.
 *
 * The word, stem and pair tables are StringTables (flat hash tables: string-table.ts), and
 * the item's words come hashed by prepareItem; stem keys are looked up in the tables of
 * the item's language (stem-keys.ts).
 */
export interface RuleIndex<Id extends string = string> {
  add(id: Id, rule: Rule): void;
  remove(id: Id): void;
  match(item: PreparedItem): Id[];
  /**
   * The same ids as `match`, written into `out` from index 0 (what lies beyond is left as it
   * was); their number. For a caller that reads the ids at once and keeps `out` from item to
   * item: at 100,000 rules an item matches ~1,150, and a fresh array of them per item was a
   * tenth of the time, most of it the collector's (see bench/README.md).
   */
  matchInto(item: PreparedItem, out: Id[]): number;
  readonly size: number;
}
