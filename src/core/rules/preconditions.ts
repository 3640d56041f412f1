import type { Rule } from "./ast.ts";
import { FEW_VALUES } from "./keys.ts";
import { matchRule } from "./match.ts";
import type { PreparedItem } from "./prepare.ts";
import { printRule } from "./print.ts";

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

/**
 * The preconditions of the rule index's rules, numbered by their canonical text. A
 * candidate `source:Reuters AND …` from another feed, or `lang:fr AND …` for an English
 * item, is turned down by a condition settled once for the item instead of by evaluating
 * the rule. Conditions are kept once numbered: there are as many as distinct languages,
 * domains and source, author and category terms in the rules, a few hundred at most.
 */
export class Preconditions {
  private readonly numbers = new Map<string, number>();
  private readonly conditions: Rule[] = [];
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
    const condition = this.conditions[n - 1];
    const holds = condition !== undefined && matchRule(condition, item);
    this.settledAt[n] = stamp;
    this.held[n] = holds ? 1 : 0;
    return holds;
  }

  /** Forgets what was settled (the rule index's match stamps start over). */
  reset(): void {
    this.settledAt.fill(0);
  }
}
