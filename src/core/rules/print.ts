import type { Rule, TermNode } from "./ast.ts";

/**
 * The canonical text of a rule: explicit upper-case operators, a field prefix on every
 * scoped term, `"…"` for exact words, hyphens joining the words of a stemmed phrase,
 * parentheses only where precedence needs them (and around AND inside OR, for people).
 * `parseRule(printRule(r))` gives `r` back (property-tested).
 */
export function printRule(rule: Rule): string {
  switch (rule.kind) {
    case "term":
      return printTerm(rule);
    case "meta":
      return `${rule.field}:${rule.value}`;
    case "near":
      return `${printTerm(rule.left)} NEAR/${rule.distance} ${printTerm(rule.right)}`;
    case "not":
      return `NOT ${wrap(rule.child, rule.child.kind === "and" || rule.child.kind === "or")}`;
    case "and":
      return rule.children.map((c) => wrap(c, c.kind === "or")).join(" AND ");
    case "or":
      return rule.children.map((c) => wrap(c, c.kind === "and")).join(" OR ");
  }
}

function wrap(rule: Rule, parens: boolean): string {
  const text = printRule(rule);
  return parens ? `(${text})` : text;
}

export function printTerm(term: TermNode): string {
  const scope = term.field === "text" ? "" : `${term.field}:`;
  switch (term.mode) {
    case "exact":
      return `${scope}"${term.tokens.join(" ")}"`;
    case "prefix":
      return `${scope}${term.tokens.join("-")}*`;
    case "acronym":
      return `${scope}${term.tokens.join("-").toUpperCase()}`;
    case "stem":
      return `${scope}${term.tokens.join("-")}`;
  }
}
