import type { Rule } from "../ast.ts";
import { type Slots, withoutSlot, withSlot } from "./slots.ts";
import { hashWord } from "./string-table.ts";

/** A rule's syntax tree as text, and a hash of it: rules with the same text are the same rule. */
export interface RuleText {
  text: string;
  hash: number;
}

/** The text of a rule's tree (JSON of plain data: equal texts are equal trees). */
export function ruleText(rule: Rule): RuleText {
  const text = JSON.stringify(rule);
  return { text, hash: hashWord(text) };
}

/**
 * The slots of the rule index by the text of their rule, so that rules that are the same
 * share one slot: it is filed, looked at and settled once per item, and its ids all go to
 * the result together. Many topics watch the same words (every channel its "outage"), and
 * at 100,000 rules of the real-vocabulary bench fewer than half are distinct: a key of a
 * feed's every title ("giant bombcast") had 1,500 rules, each a candidate read and settled
 * per item. Only the hashes are kept (a text is made again to compare, when one agrees),
 * not a string per rule.
 */
export class Twins {
  private readonly byHash = new Map<number, Slots>();

  /** The slot whose rule (`ruleAt`) has this text, or −1. */
  find(key: RuleText, ruleAt: (slot: number) => Rule | undefined): number {
    const slots = this.byHash.get(key.hash);
    if (slots === undefined) return -1;
    for (const slot of typeof slots === "number" ? [slots] : slots) {
      const rule = ruleAt(slot);
      if (rule !== undefined && JSON.stringify(rule) === key.text) return slot;
    }
    return -1;
  }

  add(key: RuleText, slot: number): void {
    this.byHash.set(key.hash, withSlot(this.byHash.get(key.hash), slot));
  }

  remove(key: RuleText, slot: number): void {
    const rest = withoutSlot(this.byHash.get(key.hash), slot);
    if (rest === undefined) this.byHash.delete(key.hash);
    else this.byHash.set(key.hash, rest);
  }
}

/** Per slot of the rule index, the ids of its rule: one, or several added with the same rule. */
export type Members<Id extends string> = Id | Id[] | undefined;

/** Adds `id` to the ids of `slot`. */
export function joinTwins<Id extends string>(ids: Members<Id>[], slot: number, id: Id): void {
  const members = ids[slot];
  if (Array.isArray(members)) members.push(id);
  else ids[slot] = members === undefined ? id : [members, id];
}

/** Takes `id` out of the ids of `slot`; whether others remain (else the slot is to be freed). */
export function leaveTwins<Id extends string>(ids: Members<Id>[], slot: number, id: Id): boolean {
  const members = ids[slot];
  if (!Array.isArray(members)) return false;
  const at = members.lastIndexOf(id);
  members[at] = members[members.length - 1] ?? id;
  members.pop();
  if (members.length === 1) ids[slot] = members[0];
  return true;
}
