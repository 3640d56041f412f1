import type { Rule, TermNode } from "./ast.ts";
import { type IndexKey, termKey } from "./keys.ts";

/**
 * How the rule index confirms a candidate found through one of its keys in the item's
 * `text` fields (title, summary, content). Each posting carries it in its low 2 bits
 * (`slot * 4 + how`), so the common rules of a large index match without evaluation:
 *
 * - `EVALUATE`: matchRule decides;
 * - `DIRECT`: the key is a whole `text:` term of the rule (a stemmed or exact word, a
 *   two-word phrase) that alone makes the rule match: the rule is the term, or an OR of it;
 * - `NEXT_WORD`, `PREVIOUS_WORD`: the rule is a three-word exact `text:` phrase and the key
 *   its first (or last) two words: the phrase occurs where the item's word after (or
 *   before) the pair, in the same field, is its remaining word (`thirdWord`).
 *
 * From any other field (source, author, category) a candidate is evaluated.
 */
export const EVALUATE = 0;
export const DIRECT = 1;
export const NEXT_WORD = 2;
export const PREVIOUS_WORD = 3;

function sameKey(a: IndexKey, b: IndexKey): boolean {
  return a.kind === b.kind && a.text === b.text;
}

function termConfirmation(term: TermNode, key: IndexKey): number {
  if (term.field !== "text" || !sameKey(termKey(term), key)) return EVALUATE;
  const tokens = term.tokens;
  if ((term.mode === "stem" || term.mode === "exact") && tokens.length <= 2) return DIRECT;
  if (term.mode === "exact" && tokens.length === 3) {
    return key.text === `${tokens[0]} ${tokens[1]}` ? NEXT_WORD : PREVIOUS_WORD;
  }
  return EVALUATE;
}

/** How a candidate found through `key` (one of requiredKeys(rule)) is confirmed. */
export function confirmation(rule: Rule, key: IndexKey): number {
  if (rule.kind === "term") return termConfirmation(rule, key);
  if (rule.kind !== "or") return EVALUATE;
  // One word of a phrase cannot tell which alternative matched: only DIRECT children count.
  for (const c of rule.children) {
    if (c.kind === "term" && termConfirmation(c, key) === DIRECT) return DIRECT;
  }
  return EVALUATE;
}

/** The word of a three-word phrase rule that its pair key leaves out (see NEXT_WORD). */
export function thirdWord(rule: Rule, how: number): string | undefined {
  if (rule.kind !== "term") return undefined;
  if (how === NEXT_WORD) return rule.tokens[2];
  if (how === PREVIOUS_WORD) return rule.tokens[0];
  return undefined;
}

/**
 * The language an item must have for the rule to match (`lang:fr AND …`), or null. A
 * candidate in another language is settled without evaluating the rule: cheap, where
 * evaluation reads the rule's nodes from all over the heap.
 */
export function requiredLanguage(rule: Rule): string | null {
  if (rule.kind === "meta") return rule.field === "lang" ? rule.value : null;
  if (rule.kind !== "and") return null;
  for (const c of rule.children) {
    if (c.kind === "meta" && c.field === "lang") return c.value;
  }
  return null;
}
