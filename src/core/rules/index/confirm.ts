import type { Rule, TermNode } from "../ast.ts";
import { type IndexKey, keyPairs, requiredKeys, termKey } from "./keys.ts";
import { precondition } from "./preconditions.ts";

/**
 * How the rule index confirms a candidate found through one of its keys. Each posting
 * carries it in its low 4 bits (`codeOf`), so the common rules of a large index match
 * without evaluation. Where the key was found matters: in the title, in another `text`
 * field (summary, content), or in another field (source, author, category: see below).
 *
 * - `EVALUATE`: matchRule decides;
 * - `DIRECT`: the key is a whole `text:` term of the rule (a stemmed or exact word, a
 *   two-word phrase) that alone makes the rule match: the rule is the term, or an OR of it,
 *   or either AND NOT some other such terms (see VETO);
 * - `TITLE`: the same for a `title:` term that is the only one of the rule with this key:
 *   found in the title, the rule matches; found in another text field, this key says
 *   nothing (the rule's other alternatives have keys of their own) and is passed over;
 * - `NEXT_WORD`, `PREVIOUS_WORD`: the rule is a three-word exact `text:` phrase and the key
 *   its first (or last) two words: the phrase occurs where the item's word after (or
 *   before) the pair, in the same field, is its remaining word (`thirdWord`);
 * - `VETO`: the rule is `[C AND] T AND NOT U …`, every key of T confirming it DIRECT or
 *   TITLE, and U such a `text:` term; this is U's key: found in a text field, U occurs and
 *   the rule does not match (it is taken back if T's key came first: rule-index.ts);
 * - `FIRST_OF_TWO`, `SECOND_OF_TWO`: the rule needs a key of each of two sets (keyPairs in
 *   keys.ts) and is evaluated once the item has shown both, wherever they were found;
 * - `IF_CONDITION`, added to DIRECT or TITLE: the rule is `C AND T …`, C its precondition
 *   (a language, a source…: preconditions.ts), filed under the keys of T, and T confirmed
 *   so by this key: the rule matches if C holds. (Filed under C's key, it is evaluated.)
 *
 * DIRECT, TITLE, NEXT_WORD and PREVIOUS_WORD keys are of `text:` or `title:` terms: found
 * in another field, they say nothing (the candidate is passed over; a text occurrence of
 * the same key is found on its own).
 */
export const EVALUATE = 0;
export const DIRECT = 1;
export const NEXT_WORD = 2;
export const PREVIOUS_WORD = 3;
export const TITLE = 4;
export const VETO = 5;
export const FIRST_OF_TWO = 6;
export const SECOND_OF_TWO = 7;

export const IF_CONDITION = 8;

export const HOW_BITS = 4;
export const HOW_MASK = (1 << HOW_BITS) - 1;

/** The posting of `slot` confirmed `how`. */
export function codeOf(slot: number, how: number): number {
  return slot * (1 << HOW_BITS) + how;
}

export function slotOfCode(code: number): number {
  return code >>> HOW_BITS;
}

export function howOfCode(code: number): number {
  return code & ((1 << HOW_BITS) - 1);
}

function sameKey(a: IndexKey, b: IndexKey): boolean {
  return a.kind === b.kind && a.text === b.text;
}

function sameKeys(a: readonly IndexKey[] | null, b: readonly IndexKey[] | null): boolean {
  return a !== null && b !== null && a.length === b.length && a.every((k, i) => sameKey(k, b[i] ?? k));
}

function termConfirmation(term: TermNode, key: IndexKey): number {
  if ((term.field !== "text" && term.field !== "title") || !sameKey(termKey(term), key)) return EVALUATE;
  const tokens = term.tokens;
  const whole = (term.mode === "stem" || term.mode === "exact") && tokens.length <= 2;
  if (term.field === "title") return whole ? TITLE : EVALUATE;
  if (whole) return DIRECT;
  if (term.mode === "exact" && tokens.length === 3) {
    return key.text === `${tokens[0]} ${tokens[1]}` ? NEXT_WORD : PREVIOUS_WORD;
  }
  return EVALUATE;
}

/**
 * The positive child of `[C AND] T AND NOT U …` and its excluded terms, when every U is
 * confirmed DIRECT by its key; `conditional` when C, the rule's precondition, is there.
 */
function exclusionShape(rule: Rule): { kept: Rule; excluded: TermNode[]; conditional: boolean } | null {
  if (rule.kind !== "and") return null;
  const condition = precondition(rule);
  let kept: Rule | null = null;
  const excluded: TermNode[] = [];
  for (const c of rule.children) {
    if (c === condition) continue;
    if (c.kind !== "not") {
      if (kept !== null) return null;
      kept = c;
    } else if (c.child.kind === "term" && termConfirmation(c.child, termKey(c.child)) === DIRECT) {
      excluded.push(c.child);
    } else return null;
  }
  return kept === null ? null : { kept, excluded, conditional: condition !== null };
}

/** How a candidate found through `key` (one of requiredKeys(rule)) is confirmed. */
export function confirmation(rule: Rule, key: IndexKey): number {
  if (rule.kind === "term") return termConfirmation(rule, key);
  if (rule.kind === "and") {
    const shape = exclusionShape(rule);
    if (shape === null || (shape.kept.kind !== "term" && shape.kept.kind !== "or")) return EVALUATE;
    // Filed under the keys of its precondition C instead (the cheaper ones), a key found in
    // C's field says nothing of T: the rule is evaluated.
    if (!sameKeys(requiredKeys(shape.kept), requiredKeys(rule))) return EVALUATE;
    const how = confirmation(shape.kept, key);
    if (how !== DIRECT && how !== TITLE) return EVALUATE;
    return shape.conditional ? how + IF_CONDITION : how;
  }
  if (rule.kind !== "or") return EVALUATE;
  // One word of a phrase cannot tell which alternative matched: only DIRECT and TITLE children count.
  // An alternative with the same key in another field (`x OR source:x`) is found only
  // there, where a DIRECT key is passed over: such a rule is evaluated.
  if (keyOutsideText(rule, key)) return EVALUATE;
  let title = 0;
  let others = 0;
  for (const c of rule.children) {
    const how = c.kind === "term" ? termConfirmation(c, key) : EVALUATE;
    if (how === DIRECT) return DIRECT;
    if (how === TITLE) title++;
    else if ((requiredKeys(c) ?? []).some((k) => sameKey(k, key))) others++;
  }
  return title === 1 && others === 0 ? TITLE : EVALUATE;
}

/** Whether a term of the rule outside `text:` and `title:` has the key. */
function keyOutsideText(rule: Rule, key: IndexKey): boolean {
  switch (rule.kind) {
    case "term":
      return rule.field !== "text" && rule.field !== "title" && sameKey(termKey(rule), key);
    case "near":
      return keyOutsideText(rule.left, key) || keyOutsideText(rule.right, key);
    case "not":
      return keyOutsideText(rule.child, key);
    case "and":
    case "or":
      return rule.children.some((c) => keyOutsideText(c, key));
    case "meta":
      return false;
  }
}

/** Whether a posting confirms its rule without evaluation (VETO postings then see `NOT U`). */
function confirmsAlone(how: number): boolean {
  const plain = how % IF_CONDITION;
  return plain === DIRECT || plain === TITLE;
}

/** The word of a three-word phrase rule that its pair key leaves out (see NEXT_WORD). */
export function thirdWord(rule: Rule, how: number): string | undefined {
  if (rule.kind !== "term") return undefined;
  if (how === NEXT_WORD) return rule.tokens[2];
  if (how === PREVIOUS_WORD) return rule.tokens[0];
  return undefined;
}

/** One posting of a rule: a key it is filed under, and how a candidate found through it is confirmed. */
export interface Posting {
  key: IndexKey;
  how: number;
}

/** Where the rule index files a rule; null when it has no key (it is evaluated for every item). */
export function postingsOf(rule: Rule): Posting[] | null {
  const two = keyPairs(rule);
  if (two !== null) {
    return [
      ...two[0].map((key) => ({ key, how: FIRST_OF_TWO })),
      ...two[1].map((key) => ({ key, how: SECOND_OF_TWO })),
    ];
  }
  const keys = requiredKeys(rule);
  if (keys === null) return null;
  const postings = keys.map((key) => ({ key, how: confirmation(rule, key) }));
  const excluded = exclusionShape(rule)?.excluded ?? [];
  if (excluded.length === 0) return postings;
  // The index sees `NOT U` only through U's VETO postings, which settle a rule that one of
  // its keys confirmed without evaluating it: so either every key does, or none does.
  if (postings.every((p) => confirmsAlone(p.how))) {
    return [...postings, ...excluded.map((term) => ({ key: termKey(term), how: VETO }))];
  }
  return postings.map((p) => ({ key: p.key, how: EVALUATE }));
}
