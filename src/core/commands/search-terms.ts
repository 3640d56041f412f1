/**
 * The index pre-filter for `search`: terms every match must contain, taken from the
 * rule's required branches (AND children, both sides of NEAR; never under OR or NOT).
 * The rule engine re-checks every candidate, so a term here may be broader than the
 * rule, never narrower.
 *
 * A bare word matches its inflections through stemming in the item's language, which
 * the query does not know; its term is the longest prefix shared by the word and its
 * stem in every stemming language (`cooperation` → `coop*`), since an inflected form
 * nearly always starts with its stem. Prefixes shorter than 3 letters are dropped.
 */
import type { Rule, TermNode } from "../rules/ast.ts";
import { stemmerFor, stemmingLanguages } from "../text/index.ts";

const MIN_PREFIX = 3;
const INDEXED_FIELDS = new Set(["text", "title"]);

export function searchTerms(rule: Rule): string[] {
  return [...new Set(required(rule))];
}

function required(rule: Rule): string[] {
  switch (rule.kind) {
    case "and":
      return rule.children.flatMap(required);
    case "near":
      return [...termText(rule.left), ...termText(rule.right)];
    case "term":
      return termText(rule);
    default:
      return [];
  }
}

function termText(term: TermNode): string[] {
  if (!INDEXED_FIELDS.has(term.field) || term.tokens.length === 0) return [];
  if (term.mode === "exact" || term.mode === "acronym") return [term.tokens.join(" ")];
  if (term.mode === "prefix") return [`${term.tokens.join(" ")}*`];
  // Stemmed phrase: only its first word can be narrowed safely, as a prefix.
  const first = term.tokens[0] ?? "";
  const prefix = stemPrefix(first);
  return prefix.length >= MIN_PREFIX ? [`${prefix}*`] : [];
}

function stemPrefix(word: string): string {
  let prefix = word;
  for (const lang of stemmingLanguages()) {
    const stem = stemmerFor(lang)?.(word) ?? word;
    let i = 0;
    while (i < prefix.length && i < stem.length && prefix[i] === stem[i]) i++;
    prefix = prefix.slice(0, i);
  }
  return prefix;
}
