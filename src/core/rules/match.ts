import type { MetaNode, NearNode, Rule, TermNode, TextField } from "./ast.ts";
import type { ItemField, PreparedField, PreparedItem } from "./prepare.ts";

/**
 * Evaluation of one rule against one prepared item. Semantics, in order:
 * - a term matches when its tokens occur consecutively in ONE field it scopes
 *   (`text` = title, summary, content; phrases never span two fields);
 * - a `stem` token matches an item token that is equal or has the same Snowball stem in
 *   the item's language (equal only, when the language has no stemmer);
 * - `exact` tokens must be equal; a `prefix` term's last token must start the item token;
 *   an `acronym` must be equal and start with a capital in the item (`OTAN` matches "OTAN",
 *   "Otan", "l'Otan", never "otan");
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
    case "stem": {
      if (token.text === word) return true;
      const sid = item.stemIds?.[field.offset + q] ?? -1;
      return sid >= 0 && item.stem !== null && item.stems[sid] === item.stem(word);
    }
  }
}

/**
 * First item-wide position of the chain that starts at `head` (word or stem chain),
 * skipped forward to the field; see PreparedItem.
 */
function firstIn(field: PreparedField, head: number, next: readonly number[]): number {
  let g = head;
  while (g >= 0 && g < field.offset) g = next[g] ?? -1;
  return g < field.offset + field.count ? g : -1;
}

/** Where the first token of the term may start, as a chain: [first position, next array]. */
function chainOf(term: TermNode, item: PreparedItem, firstStem: string | null): [number, readonly number[]] {
  if (firstStem !== null && item.stemIds !== null) {
    const sid = item.stemIdOf.get(firstStem);
    return [sid === undefined ? -1 : (item.stemHead[sid] ?? -1), item.stemNext];
  }
  const wid = item.wordIdOf.get(term.tokens[0] ?? "");
  return [wid === undefined ? -1 : (item.wordHead[wid] ?? -1), item.wordNext];
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
  const starts: number[] = [];
  if (term.mode === "prefix" && tokens.length === 1) {
    field.tokens.forEach((t, p) => {
      if ((!firstOnly || starts.length === 0) && t.text.startsWith(first) && t.text !== "") starts.push(p);
    });
    return starts;
  }
  const firstStem = term.mode === "stem" && item.stem !== null ? item.stem(first) : null;
  const [head, next] = chainOf(term, item, firstStem);
  const end = field.offset + field.count;
  for (let g = firstIn(field, head, next); g >= 0 && g < end; g = next[g] ?? -1) {
    const p = g - field.offset;
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
  head: number,
  next: readonly number[],
): boolean {
  const end = field.offset + field.count;
  const single = term.tokens.length === 1 && term.mode !== "acronym";
  for (let g = firstIn(field, head, next); g >= 0 && g < end; g = next[g] ?? -1) {
    if (single || phraseAt(term, field, g - field.offset, item)) return true;
  }
  return false;
}

export function termMatches(term: TermNode, item: PreparedItem): boolean {
  if (term.mode === "prefix" && term.tokens.length === 1) {
    for (const name of FIELDS_OF[term.field]) {
      if (termStarts(term, item.fields[name], item, true).length > 0) return true;
    }
    return false;
  }
  if (term.mode === "stem" && term.tokens.length === 1 && item.stem !== null) {
    // The word itself is one of its inflections: when the item has it, no stemming (a
    // cache lookup in a large table) is needed. Otherwise the stem decides, below.
    const wid = item.wordIdOf.get(term.tokens[0] ?? "");
    if (wid !== undefined) {
      const head = item.wordHead[wid] ?? -1;
      for (const name of FIELDS_OF[term.field]) {
        if (occursIn(term, item.fields[name], item, head, item.wordNext)) return true;
      }
    }
  }
  // Stemmed and looked up once per evaluation, not once per field.
  const firstStem = term.mode === "stem" && item.stem !== null ? item.stem(term.tokens[0] ?? "") : null;
  const [head, next] = chainOf(term, item, firstStem);
  if (head < 0) return false;
  for (const name of FIELDS_OF[term.field]) {
    if (occursIn(term, item.fields[name], item, head, next)) return true;
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
