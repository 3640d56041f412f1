import type { Rule, TermNode } from "../ast.ts";

/**
 * What an item must contain for a rule to have a chance: the rule index files each rule
 * under these keys (Lucene Monitor's "required terms"). A rule matches an item only if
 * the item yields at least one of its keys; null means no such key exists (a rule that
 * only excludes, like `NOT sport`), so the rule is evaluated for every item.
 *
 * - `word`: an item token equal to `text`;
 * - `stem`: an item token equal to `text` or with the same stem in the item's language;
 * - `prefix`: an item token starting with `text`;
 * - `pair`, `stempair`: two words `a b` of a phrase, consecutive in one field of the item
 *   (equal, or for `stempair` with the same stems). A phrase of frequent words is then a
 *   candidate only for items that have two of them in a row, not for every item with one.
 * - `lang`, `domain`: the item's language, or its host or a parent domain.
 */
export type IndexKey = {
  kind: "word" | "stem" | "prefix" | "pair" | "stempair" | "lang" | "domain";
  text: string;
};

function longest(tokens: readonly string[]): string {
  let best = "";
  for (const t of tokens) if (t.length > best.length) best = t;
  return best;
}

/** The longest two consecutive tokens, joined by a space. */
function bestPair(tokens: readonly string[]): string {
  let best = "";
  for (let i = 0; i + 1 < tokens.length; i++) {
    const pair = `${tokens[i]} ${tokens[i + 1]}`;
    if (pair.length > best.length) best = pair;
  }
  return best;
}

export function termKey(term: TermNode): IndexKey {
  const tokens = term.tokens;
  if (tokens.length >= 2 && (term.mode === "exact" || term.mode === "acronym"))
    return { kind: "pair", text: bestPair(tokens) };
  if (tokens.length >= 2 && term.mode === "stem") return { kind: "stempair", text: bestPair(tokens) };
  if (tokens.length >= 3 && term.mode === "prefix")
    return { kind: "pair", text: bestPair(tokens.slice(0, -1)) };
  switch (term.mode) {
    case "exact":
    case "acronym":
      return { kind: "word", text: longest(tokens) };
    case "stem":
      return { kind: "stem", text: longest(tokens) };
    case "prefix": {
      const exact = longest(tokens.slice(0, -1));
      const last = tokens[tokens.length - 1] ?? "";
      // An exact word selects fewer rules than a prefix; prefer it when it is not tiny.
      return exact.length >= 3 ? { kind: "word", text: exact } : { kind: "prefix", text: last };
    }
  }
}

/** Rough selectivity: fewer, longer keys are better; a language selects a large share of items. */
function cost(keys: readonly IndexKey[]): number {
  let total = 0;
  for (const k of keys) {
    if (k.kind === "lang") total += 100;
    else if (k.kind === "domain") total += 5;
    else if (k.kind === "prefix") total += 3 + 4 / k.text.length;
    else if (k.kind === "pair" || k.kind === "stempair") total += 0.5;
    else total += 1 + 4 / Math.max(k.text.length, 1);
  }
  return total;
}

/**
 * A feed has one source name and few authors and categories, repeated on every item, so
 * a word of `source:Corriere` selects every item of that feed, like a language does:
 * a poor key when the rule has another one. (Only the choice of key changes, not results.)
 */
export const FEW_VALUES: ReadonlySet<string> = new Set(["source", "author", "category"]);
const FEW_VALUES_COST = 50;

export function requiredKeys(rule: Rule): IndexKey[] | null {
  switch (rule.kind) {
    case "term":
      return [termKey(rule)];
    case "meta":
      return [{ kind: rule.field, text: rule.value }];
    case "near": {
      const left = termKey(rule.left);
      const right = termKey(rule.right);
      return [cost([left]) <= cost([right]) ? left : right];
    }
    case "not":
      return null;
    case "and": {
      let best: IndexKey[] | null = null;
      let bestCost = 0;
      for (const c of rule.children) {
        const keys = requiredKeys(c);
        if (keys === null) continue;
        const k = cost(keys) + (c.kind === "term" && FEW_VALUES.has(c.field) ? FEW_VALUES_COST : 0);
        if (best === null || k < bestCost) {
          best = keys;
          bestCost = k;
        }
      }
      return best;
    }
    case "or": {
      const all: IndexKey[] = [];
      for (const c of rule.children) {
        const keys = requiredKeys(c);
        if (keys === null) return null;
        all.push(...keys);
      }
      return all;
    }
  }
}

/** Whether an item yields few of these keys: words, stems and pairs of the text, not a language, domain, prefix or a word of source, author or category. */
function selective(child: Rule, keys: readonly IndexKey[]): boolean {
  if (child.kind === "term" && FEW_VALUES.has(child.field)) return false;
  return keys.every(
    (k) => k.kind === "word" || k.kind === "stem" || k.kind === "pair" || k.kind === "stempair",
  );
}

/**
 * Two sets of keys an item must both yield for the rule to match (`russie AND cooperer`,
 * `russie NEAR/5 "etats unis"`): the rule index files the rule under both and evaluates it
 * only once the item has shown a key of each, instead of for every item with the rarer one.
 * Only selective keys qualify (a language or a source would make the rule a candidate for
 * every item of a feed). Null when the rule has no two such.
 */
export function keyPairs(rule: Rule): [IndexKey[], IndexKey[]] | null {
  if (rule.kind === "near") {
    const left = [termKey(rule.left)];
    const right = [termKey(rule.right)];
    return selective(rule.left, left) && selective(rule.right, right) ? [left, right] : null;
  }
  if (rule.kind !== "and") return null;
  const sets: [number, IndexKey[]][] = [];
  for (const c of rule.children) {
    const keys = requiredKeys(c);
    if (keys !== null && selective(c, keys)) sets.push([cost(keys), keys]);
  }
  sets.sort((a, b) => a[0] - b[0]);
  const [first, second] = sets;
  return first === undefined || second === undefined ? null : [first[1], second[1]];
}
