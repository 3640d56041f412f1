import type { Rule, TermNode } from "./ast.ts";
import { FIELDS_OF, termMatches } from "./match.ts";
import { CATEGORY_SEPARATOR, type ItemField, type MatchInput, type PreparedItem } from "./prepare.ts";
import { printTerm } from "./print.ts";

/**
 * Why a term that looks present is not found, for the explanation of a miss. Only hints:
 * matching is unchanged.
 * - an acronym (`OTAN`) whose word the item writes in lower case ("otan");
 * - a word found only at the start of longer words (`wahlrecht` in "Wahlrechtsreform", as
 *   German compounds do): `wahlrecht*` would match;
 * - a word found only inside longer words ("Wahlrechtsreform" for `reform`, 4 letters or
 *   more): rules match whole words.
 * Terms under NOT are not looked at (their absence is what the rule wants).
 */
const MAX_HINTS = 3;
const MIN_INFIX = 4;

export function missHints(rule: Rule, item: PreparedItem): string[] {
  const hints: string[] = [];
  collect(rule, item, hints);
  return [...new Set(hints)].slice(0, MAX_HINTS);
}

function collect(rule: Rule, item: PreparedItem, out: string[]): void {
  switch (rule.kind) {
    case "term": {
      if (termMatches(rule, item)) return;
      const hint = termHint(rule, item);
      if (hint !== null) out.push(hint);
      return;
    }
    case "near":
      collect(rule.left, item, out);
      collect(rule.right, item, out);
      return;
    case "and":
    case "or":
      for (const c of rule.children) collect(c, item, out);
      return;
    default:
      return;
  }
}

function fieldText(input: MatchInput, field: ItemField): string {
  if (field === "category") return input.categories.join(CATEGORY_SEPARATOR);
  if (field === "author") return input.author ?? "";
  return input[field];
}

/** The first item word (as written) in the term's fields that passes `test`. */
function findWord(
  term: TermNode,
  item: PreparedItem,
  test: (folded: string, caps: boolean) => boolean,
): string | null {
  for (const name of FIELDS_OF[term.field]) {
    for (const t of item.fields[name].tokens) {
      if (t.text !== "" && test(t.text, t.caps)) return fieldText(item.input, name).slice(t.start, t.end);
    }
  }
  return null;
}

function termHint(term: TermNode, item: PreparedItem): string | null {
  const word = term.tokens[0] ?? "";
  if (term.tokens.length !== 1 || word === "") return null;
  const name = printTerm(term);
  if (term.mode === "acronym") {
    const lower = findWord(term, item, (w, caps) => w === word && !caps);
    if (lower === null) return null;
    const upper = word.toUpperCase();
    const title = upper.charAt(0) + word.slice(1);
    return `${name} is an acronym: matches words starting with a capital (${upper}, ${title}), not "${lower}"`;
  }
  if (term.mode !== "stem" && term.mode !== "exact") return null;
  const longer = findWord(term, item, (w) => w.length > word.length && w.startsWith(word));
  if (longer !== null) {
    const prefix = printTerm({ ...term, mode: "prefix" });
    return `${name} occurs only at the start of longer words ("${longer}"): matches with ${prefix}`;
  }
  if (word.length < MIN_INFIX) return null;
  const inside = findWord(term, item, (w) => w.length > word.length && w.includes(word));
  if (inside === null) return null;
  return `${name} occurs only inside longer words ("${inside}"); rules match whole words`;
}
