import type { Rule, TermNode } from "./ast.ts";
import { missHints } from "./hints.ts";
import { FIELDS_OF, matchRule, metaMatches, nearFields, nearPairs, termStarts } from "./match.ts";
import { CATEGORY_SEPARATOR, type ItemField, type MatchInput, type PreparedItem } from "./prepare.ts";
import { printRule, printTerm } from "./print.ts";

export interface MatchedTerm {
  /** Canonical text of the rule term. */
  term: string;
  field: "title" | "summary" | "content" | "source" | "author" | "category" | "lang" | "domain";
  /** UTF-16 offsets in the ORIGINAL field text (category: the categories joined by ", "; domain: the link). */
  start: number;
  end: number;
}

export interface Explanation {
  matched: boolean;
  terms: MatchedTerm[];
  /** Canonical text of the clause that failed, for a miss. */
  failed: string | null;
  /** For a miss: why terms of the failed clause that seem present are not found (hints.ts). */
  hints: string[];
}

const FIELD_ORDER = ["title", "summary", "content", "source", "author", "category", "lang", "domain"];

function addOccurrences(
  term: TermNode,
  name: ItemField,
  starts: number[],
  item: PreparedItem,
  out: MatchedTerm[],
): void {
  const field = item.fields[name];
  const text = printTerm(term);
  for (const p of starts) {
    const first = field.tokens[p];
    const last = field.tokens[p + term.tokens.length - 1];
    if (first && last) out.push({ term: text, field: name, start: first.start, end: last.end });
  }
}

/** Occurrences of the parts of `rule` that match (NOT contributes none). */
function collect(rule: Rule, item: PreparedItem, out: MatchedTerm[]): void {
  switch (rule.kind) {
    case "term":
      for (const name of FIELDS_OF[rule.field]) {
        addOccurrences(rule, name, termStarts(rule, item.fields[name], item, false), item, out);
      }
      return;
    case "meta": {
      if (!metaMatches(rule, item)) return;
      const text = printRule(rule);
      if (rule.field === "lang")
        out.push({ term: text, field: "lang", start: 0, end: item.input.lang?.length ?? 0 });
      else {
        const link = item.input.link ?? "";
        const at = item.host === null ? -1 : link.toLowerCase().indexOf(item.host);
        out.push({
          term: text,
          field: "domain",
          start: Math.max(at, 0),
          end: at < 0 ? 0 : at + (item.host?.length ?? 0),
        });
      }
      return;
    }
    case "near":
      for (const name of nearFields(rule)) {
        for (const [l, r] of nearPairs(rule, item.fields[name], item, false)) {
          addOccurrences(rule.left, name, [l], item, out);
          addOccurrences(rule.right, name, [r], item, out);
        }
      }
      return;
    case "not":
      return;
    case "and":
    case "or":
      for (const c of rule.children) if (matchRule(c, item)) collect(c, item, out);
  }
}

/** The smallest clause that explains a miss: into ANDs, stopping at OR, NOT and terms. */
function failure(rule: Rule, item: PreparedItem): Rule {
  if (rule.kind === "and") {
    const failing = rule.children.find((c) => !matchRule(c, item));
    if (failing !== undefined) return failure(failing, item);
  }
  return rule;
}

export function explainRule(rule: Rule, item: PreparedItem): Explanation {
  const matched = matchRule(rule, item);
  const terms: MatchedTerm[] = [];
  collect(rule, item, terms);
  const seen = new Set<string>();
  const unique = terms.filter((t) => {
    const key = `${t.field}:${t.start}:${t.end}:${t.term}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  unique.sort((a, b) => FIELD_ORDER.indexOf(a.field) - FIELD_ORDER.indexOf(b.field) || a.start - b.start);
  if (matched) return { matched, terms: unique, failed: null, hints: [] };
  const failed = failure(rule, item);
  return { matched, terms: unique, failed: printRule(failed), hints: missHints(failed, item) };
}

function fieldText(input: MatchInput, field: MatchedTerm["field"]): string {
  switch (field) {
    case "category":
      return input.categories.join(CATEGORY_SEPARATOR);
    case "author":
      return input.author ?? "";
    case "lang":
      return input.lang ?? "";
    case "domain":
      return input.link ?? "";
    default:
      return input[field];
  }
}

/** `matched: "États-Unis" in title at 21–31, …` or `no match: failed at "etats-unis"`. */
export function formatExplanation(e: Explanation, item: MatchInput): string {
  const shown = e.terms
    .slice(0, 10)
    .map((t) => `"${fieldText(item, t.field).slice(t.start, t.end)}" in ${t.field} at ${t.start}–${t.end}`);
  if (e.terms.length > 10) shown.push(`and ${e.terms.length - 10} more`);
  if (e.matched)
    return `matched: ${shown.length > 0 ? shown.join(", ") : "no required terms (the rule only excludes)"}`;
  const partial = shown.length > 0 ? `; found ${shown.join(", ")}` : "";
  const hints = e.hints.map((h) => `; hint: ${h}`).join("");
  return `no match: failed at ${e.failed ?? "the rule"}${partial}${hints}`;
}
