/**
 * The two baselines of bench/rules.ts.
 * - naive: what most bots do — every rule evaluated for every item, one RegExp per term,
 *   over the folded field text (no stemming: it is only a speed baseline);
 * - Aho-Corasick (`@monyone/aho-corasick/fast`, double array) over the exact phrases, on
 *   the same folded tokens: " a b " patterns in " title | summary " text, which is
 *   exactly the semantics of an exact phrase in the rule engine.
 */
import { AhoCorasick } from "@monyone/aho-corasick/fast";
import { foldText, type MatchInput, type Rule } from "../src/core/rules/index.ts";
import { foldedWords } from "../src/core/text/index.ts";

type Compiled = (texts: Record<string, string>, lang: string | null) => boolean;

const FIELDS: Record<string, string[]> = {
  text: ["title", "summary", "content"],
  title: ["title"],
  source: ["source"],
  author: ["author"],
  category: ["category"],
};

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export function compileNaive(rule: Rule): Compiled {
  switch (rule.kind) {
    case "term": {
      const body = rule.tokens.map(escapeRegExp).join("[^\\p{L}\\p{N}]+");
      const tail = rule.mode === "prefix" ? "" : "(?![\\p{L}\\p{N}])";
      const re = new RegExp(`(?<![\\p{L}\\p{N}])${body}${tail}`, "u");
      const fields = FIELDS[rule.field] ?? [];
      return (texts) => fields.some((f) => re.test(texts[f] ?? ""));
    }
    case "meta":
      return (texts, lang) =>
        rule.field === "lang" ? lang === rule.value : (texts.link ?? "").includes(rule.value);
    case "near": {
      const l = compileNaive(rule.left);
      const r = compileNaive(rule.right);
      return (t, lang) => l(t, lang) && r(t, lang);
    }
    case "not": {
      const c = compileNaive(rule.child);
      return (t, lang) => !c(t, lang);
    }
    case "and": {
      const cs = rule.children.map(compileNaive);
      return (t, lang) => cs.every((c) => c(t, lang));
    }
    case "or": {
      const cs = rule.children.map(compileNaive);
      return (t, lang) => cs.some((c) => c(t, lang));
    }
  }
}

export function naiveTexts(item: MatchInput): Record<string, string> {
  return {
    title: foldText(item.title),
    summary: foldText(item.summary),
    content: foldText(item.content),
    source: foldText(item.source),
    author: foldText(item.author ?? ""),
    category: foldText(item.categories.join(", ")),
    link: item.link ?? "",
  };
}

export interface PhraseMatcher {
  match(text: string): Set<number>;
}

/** Rules are exact phrases given as folded tokens; returns the rule numbers found. */
export function buildAhoCorasick(phrases: string[][]): PhraseMatcher {
  const byPattern = new Map<string, number[]>();
  phrases.forEach((tokens, i) => {
    const key = ` ${tokens.join(" ")} `;
    const list = byPattern.get(key);
    if (list) list.push(i);
    else byPattern.set(key, [i]);
  });
  const ac = new AhoCorasick([...byPattern.keys()]);
  return {
    match(text) {
      const found = new Set<number>();
      for (const m of ac.matchInText(text)) for (const i of byPattern.get(m.keyword) ?? []) found.add(i);
      return found;
    },
  };
}

/**
 * The text Aho-Corasick scans: folded tokens, fields kept apart so phrases cannot span them.
 * Made by foldedWords, the project's fastest way to those tokens (the search index's), since
 * 2026-12-07 late; before, `tokenize(field).join(" ")`, the same text ~40 % slower, against
 * which `e2e_vs_ac_10k` read 1.87–2.13 where it then read 1.40–1.50, and 1.98–2.22 since
 * prepareItem numbers an item's words within the item (2026-12-08, bench/README.md).
 */
export function acText(item: MatchInput): string {
  return ` ${foldedWords(item.title)} | ${foldedWords(item.summary)} | ${foldedWords(item.content)} `;
}
