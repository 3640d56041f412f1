import type { MetaNode, NearNode, Rule, TermNode, TextField } from "./ast.ts";
import type { ItemField, PreparedField, PreparedItem } from "./prepare.ts";

/**
 * Evaluation of one rule against one prepared item. Semantics, in order:
 * - a term matches when its tokens occur consecutively in ONE field it scopes
 *   (`text` = title, summary, content; phrases never span two fields);
 * - a `stem` token matches an item token that is equal or has the same Snowball stem in
 *   the item's language (equal only, when the language has no stemmer);
 * - `exact` tokens must be equal; a `prefix` term's last token must start the item token;
 *   an `acronym` must be equal and written in capitals in the item;
 * - `NEAR/n`: an occurrence of each term in the same field, not overlapping, with at most
 *   n words between them, in either order;
 * - AND, OR, NOT are boolean; NOT alone at the top matches every item without the term.
 */
export const FIELDS_OF: Record<TextField, readonly ItemField[]> = {
  text: ["title", "summary", "content"],
  title: ["title"],
  source: ["source"],
  author: ["author"],
  category: ["category"],
};

function tokenAt(
  field: PreparedField,
  q: number,
  word: string,
  term: TermNode,
  last: boolean,
  item: PreparedItem,
): boolean {
  const token = field.tokens[q];
  if (token === undefined) return false;
  switch (term.mode) {
    case "exact":
      return token.text === word;
    case "acronym":
      return token.caps && token.text === word;
    case "prefix":
      return last ? token.text.startsWith(word) : token.text === word;
    case "stem":
      if (token.text === word) return true;
      return field.stems !== null && item.stem !== null && field.stems[q] === item.stem(word);
  }
}

/** Start positions of the term in one field; with `firstOnly`, stops at the first. */
export function termStarts(
  term: TermNode,
  field: PreparedField,
  item: PreparedItem,
  firstOnly: boolean,
): number[] {
  const tokens = term.tokens;
  const first = tokens[0] ?? "";
  let candidates: readonly number[] | undefined;
  if (term.mode === "prefix" && tokens.length === 1) {
    const all: number[] = [];
    field.tokens.forEach((t, p) => {
      if (t.text.startsWith(first) && t.text !== "") all.push(p);
    });
    candidates = all;
  } else if (term.mode === "stem" && item.stem !== null && field.stemPositions !== null) {
    candidates = field.stemPositions.get(item.stem(first));
  } else {
    candidates = field.positions.get(first);
  }
  if (candidates === undefined) return [];
  const starts: number[] = [];
  for (const p of candidates) {
    if (!phraseAt(term, field, p, item)) continue;
    starts.push(p);
    if (firstOnly) break;
  }
  return starts;
}

/** Whether the term occurs at position p of the field (p is where its first token matched). */
function phraseAt(term: TermNode, field: PreparedField, p: number, item: PreparedItem): boolean {
  if (term.mode === "acronym" && !(field.tokens[p]?.caps ?? false)) return false;
  const tokens = term.tokens;
  for (let i = 1; i < tokens.length; i++) {
    if (!tokenAt(field, p + i, tokens[i] ?? "", term, i === tokens.length - 1, item)) return false;
  }
  return true;
}

/** The boolean case of termStarts, without allocating: the matcher's hot path. */
function occursIn(
  term: TermNode,
  field: PreparedField,
  item: PreparedItem,
  firstStem: string | null,
): boolean {
  if (term.mode === "prefix" && term.tokens.length === 1)
    return termStarts(term, field, item, true).length > 0;
  const candidates =
    firstStem !== null && field.stemPositions !== null
      ? field.stemPositions.get(firstStem)
      : field.positions.get(term.tokens[0] ?? "");
  if (candidates === undefined) return false;
  if (term.tokens.length === 1 && term.mode !== "acronym") return true;
  for (const p of candidates) if (phraseAt(term, field, p, item)) return true;
  return false;
}

export function termMatches(term: TermNode, item: PreparedItem): boolean {
  // Stemmed once per evaluation, not once per field.
  const firstStem = term.mode === "stem" && item.stem !== null ? item.stem(term.tokens[0] ?? "") : null;
  for (const name of FIELDS_OF[term.field]) {
    if (occursIn(term, item.fields[name], item, firstStem)) return true;
  }
  return false;
}

export function metaMatches(meta: MetaNode, item: PreparedItem): boolean {
  if (meta.field === "lang") return item.lang === meta.value;
  const host = item.host;
  return host !== null && (host === meta.value || host.endsWith(`.${meta.value}`));
}

/** Index of the first element ≥ x in a sorted array. */
function lowerBound(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] ?? 0) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Pairs of (left start, right start) satisfying NEAR in one field; the first only with `firstOnly`. */
export function nearPairs(
  near: NearNode,
  field: PreparedField,
  item: PreparedItem,
  firstOnly: boolean,
): [number, number][] {
  const a = termStarts(near.left, field, item, false);
  if (a.length === 0) return [];
  const b = termStarts(near.right, field, item, false);
  const la = near.left.tokens.length;
  const lb = near.right.tokens.length;
  const pairs: [number, number][] = [];
  for (const p of a) {
    // Right after left: first b ≥ p + la. Right before left: last b ≤ p − lb.
    const after = b[lowerBound(b, p + la)];
    if (after !== undefined && after - (p + la) <= near.distance) pairs.push([p, after]);
    else {
      const before = b[lowerBound(b, p - lb + 1) - 1];
      if (before !== undefined && p - (before + lb) <= near.distance) pairs.push([p, before]);
    }
    if (firstOnly && pairs.length > 0) break;
  }
  return pairs;
}

export function nearFields(near: NearNode): ItemField[] {
  const right = FIELDS_OF[near.right.field];
  return FIELDS_OF[near.left.field].filter((f) => right.includes(f));
}

export function matchRule(rule: Rule, item: PreparedItem): boolean {
  switch (rule.kind) {
    case "term":
      return termMatches(rule, item);
    case "meta":
      return metaMatches(rule, item);
    case "near":
      return nearFields(rule).some((f) => nearPairs(rule, item.fields[f], item, true).length > 0);
    case "not":
      return !matchRule(rule.child, item);
    case "and":
      return rule.children.every((c) => matchRule(c, item));
    case "or":
      return rule.children.some((c) => matchRule(c, item));
  }
}
