import type { Rule } from "../ast.ts";
import { matchRule } from "../match.ts";
import type { PreparedItem } from "../prepare.ts";
import { printRule } from "../print.ts";
import { FEW_VALUES } from "./keys.ts";

/**
 * A part of an AND rule that many rules share and that settles in one evaluation per item:
 * a language, a domain, or a `source:`, `author:` or `category:` term (a feed has one
 * source name). Null when the rule has none.
 */
export function precondition(rule: Rule): Rule | null {
  if (rule.kind !== "and") return null;
  for (const c of rule.children) {
    if (c.kind === "meta" || (c.kind === "term" && FEW_VALUES.has(c.field))) return c;
  }
  return null;
}

/** The item field a `source:`, `author:` or `category:` condition reads. */
type FewValuesField = "source" | "author" | "category";
const FEW_VALUES_FIELDS: readonly FewValuesField[] = ["source", "author", "category"];

/** How many (field, language, value) outcomes are remembered at most. */
const KNOWN_LIMIT = 10_000;

/**
 * The preconditions of the rule index's rules, numbered by their canonical text. A
 * candidate `source:Reuters AND …` from another feed, or `lang:fr AND …` for an English
 * item, is turned down by a condition settled once for the item instead of by evaluating
 * the rule. Conditions are kept once numbered: there are as many as distinct languages,
 * domains and source, author and category terms in the rules, a few hundred at most.
 *
 * A term condition depends only on the item's language (its stemmer) and the value of its
 * field, and a feed gives every item the same source (and often author and categories):
 * what it gave is remembered per language and value (`known`), so that such conditions are
 * evaluated once per feed rather than once per item. At 100,000 rules an item meets nearly
 * every condition, and evaluating each (a stem looked up in a large cache, a few maps) was a
 * tenth of the matching time.
 */
export class Preconditions {
  private readonly numbers = new Map<string, number>();
  private readonly conditions: Rule[] = [];
  /** Per condition, the field it reads; null for a language or domain (read at once). */
  private readonly fields: (FewValuesField | null)[] = [];
  /**
   * Per field, language and value of the field, per condition number: 0 not known yet, 1
   * failed, 2 held. Maps in maps, so that no key string is built per item.
   */
  private readonly known: Record<FewValuesField, Map<string, Map<string, Uint8Array>>> = {
    source: new Map(),
    author: new Map(),
    category: new Map(),
  };
  private knownCount = 0;
  /** The `known` entries of the item being matched, per field (see outcomes). */
  private readonly current: Record<FewValuesField, Uint8Array | null> = {
    source: null,
    author: null,
    category: null,
  };
  private currentStamp = 0;
  /** Per condition number: the match (stamp) that settled it last, and whether it held. */
  private settledAt = new Uint32Array(16);
  private held = new Uint8Array(16);

  /** The number of the rule's precondition; 0 for none. */
  numberOf(rule: Rule): number {
    const condition = precondition(rule);
    if (condition === null) return 0;
    const text = printRule(condition);
    const known = this.numbers.get(text);
    if (known !== undefined) return known;
    this.conditions.push(condition);
    this.fields.push(condition.kind === "term" ? (condition.field as FewValuesField) : null);
    const n = this.conditions.length;
    this.numbers.set(text, n);
    if (n >= this.settledAt.length) {
      const settledAt = new Uint32Array(this.settledAt.length * 2);
      settledAt.set(this.settledAt);
      this.settledAt = settledAt;
      const held = new Uint8Array(this.held.length * 2);
      held.set(this.held);
      this.held = held;
    }
    return n;
  }

  /** Whether condition `n` (not 0) holds for the item of match `stamp` (settled once per match). */
  holds(n: number, item: PreparedItem, stamp: number): boolean {
    if (this.settledAt[n] === stamp) return this.held[n] === 1;
    const holds = this.evaluate(n, item, stamp);
    this.settledAt[n] = stamp;
    this.held[n] = holds ? 1 : 0;
    return holds;
  }

  /** Forgets what was settled (the rule index's match stamps start over). */
  reset(): void {
    this.settledAt.fill(0);
    this.currentStamp = 0;
  }

  private evaluate(n: number, item: PreparedItem, stamp: number): boolean {
    const condition = this.conditions[n - 1];
    if (condition === undefined) return false;
    const field = this.fields[n - 1] ?? null;
    if (field === null) return matchRule(condition, item);
    const outcomes = this.outcomes(field, item, stamp);
    const known = outcomes[n] ?? 0;
    if (known !== 0) return known === 2;
    const holds = matchRule(condition, item);
    outcomes[n] = holds ? 2 : 1;
    return holds;
  }

  /** What the conditions on `field` gave for items of this language and field value (see the class comment). */
  private outcomes(field: FewValuesField, item: PreparedItem, stamp: number): Uint8Array {
    if (this.currentStamp !== stamp) {
      this.current.source = this.current.author = this.current.category = null;
      this.currentStamp = stamp;
    }
    let outcomes = this.current[field];
    if (outcomes !== null && outcomes.length > this.conditions.length) return outcomes;
    const { input } = item;
    const value =
      field === "source"
        ? input.source
        : field === "author"
          ? (input.author ?? "")
          : JSON.stringify(input.categories);
    const lang = item.lang ?? "";
    let byValue = this.known[field].get(lang);
    if (byValue === undefined) {
      byValue = new Map();
      this.known[field].set(lang, byValue);
    }
    const previous = byValue.get(value);
    if (previous !== undefined && previous.length > this.conditions.length) outcomes = previous;
    else {
      // Values come from feeds and have no bound: past the limit, all are forgotten.
      if (previous === undefined && ++this.knownCount > KNOWN_LIMIT) {
        for (const f of FEW_VALUES_FIELDS) this.known[f].clear();
        this.knownCount = 1;
        this.known[field].set(lang, byValue);
        byValue.clear();
      }
      // Sized past the conditions known so far; conditions added later start unknown.
      outcomes = new Uint8Array(this.conditions.length * 2 + 1);
      if (previous !== undefined) outcomes.set(previous);
      byValue.set(value, outcomes);
    }
    this.current[field] = outcomes;
    return outcomes;
  }
}
