/**
 * The commands' one door to the rule engine: parse with the configured aliases, print
 * the canonical form, match, explain and highlight stored items.
 */
import { err, ok, type Result } from "../errors.ts";
import type { Item } from "../item.ts";
import type { Highlight } from "../message.ts";
import {
  explainRule,
  formatExplanation,
  formatWarning,
  matchRule,
  parseRule,
  parseRuleWithWarnings,
  prepareItem,
  printRule,
} from "../rules/index.ts";
import { searchTerms } from "./search-terms.ts";

export interface CompiledRule {
  /** `printRule(parseRule(text))`: what is stored and shown. */
  canonical: string;
  /** What is legal but probably not meant (`russie and chine`), to show beside the rule. */
  warnings: string[];
  /** Pre-filter terms for the store's index; see search-terms.ts. */
  searchTerms: string[];
  matches(item: Item): boolean;
  explain(item: Item): { matched: boolean; text: string };
  /** Matched spans in the title and the summary (the snippet's source), for bold. */
  highlights(item: Item): Highlight[];
}

export function compileRule(
  text: string,
  aliases: Readonly<Record<string, readonly string[]>>,
): Result<CompiledRule, string> {
  const parsed = parseRuleWithWarnings(text, { aliases: aliases as Record<string, string[]> });
  if (!parsed.ok) return err(parsed.error.message);
  const rule = parsed.value.rule;
  const canonical = printRule(rule);
  // The canonical text is what a topic stores and the pipeline parses again: a rule whose
  // canonical text does not parse would be skipped there, so it is refused here.
  const again = parseRule(canonical);
  if (!again.ok) return err(`${again.error.message} (in the rule as stored: ${canonical})`);
  return ok({
    canonical,
    warnings: parsed.value.warnings.map(formatWarning),
    searchTerms: searchTerms(rule),
    matches: (item) => matchRule(rule, prepareItem(item)),
    explain(item) {
      const explanation = explainRule(rule, prepareItem(item));
      return { matched: explanation.matched, text: formatExplanation(explanation, item) };
    },
    highlights(item) {
      const explanation = explainRule(rule, prepareItem(item));
      if (!explanation.matched) return [];
      const spans: Highlight[] = [];
      for (const term of explanation.terms) {
        if (term.field === "title") spans.push({ field: "title", start: term.start, end: term.end });
        if (term.field === "summary") spans.push({ field: "snippet", start: term.start, end: term.end });
      }
      return spans;
    },
  });
}
