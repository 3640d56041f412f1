/**
 * Search text as both backends index it. Items are tokenised here with the rule engine's
 * own tokenizer (core/text: folding, elision, one token per CJK character) and stored as
 * space-separated tokens, so the SQLite FTS5 index, the PostgreSQL `tsvector` (`simple`
 * config) and the rules all see the same words, and neither database needs `unaccent`.
 * Query terms go through the same tokenizer, so an already-folded term still matches.
 */
import { foldedWords } from "../core/text/index.ts";

/** Folded tokens separated by single spaces (`tokenize(text).join(" ")`, built without the array). */
export function foldSearchText(text: string): string {
  return foldedWords(text);
}

/** One search term as tokens; `prefix` when the last token is a prefix (`russ*`). */
export interface SearchTerm {
  tokens: string[];
  prefix: boolean;
}

/** Terms with no word characters left after folding are dropped (they cannot narrow anything). */
export function parseSearchTerms(terms: string[]): SearchTerm[] {
  const out: SearchTerm[] = [];
  for (const raw of terms) {
    const prefix = raw.trimEnd().endsWith("*");
    const folded = foldSearchText(raw);
    if (folded === "") continue;
    out.push({ tokens: folded.split(" "), prefix });
  }
  return out;
}

/** FTS5 MATCH expression: every term required, multi-word terms as phrases. */
export function fts5Query(terms: SearchTerm[]): string {
  return terms.map((t) => `"${t.tokens.join(" ")}"${t.prefix ? "*" : ""}`).join(" AND ");
}

/** `to_tsquery('simple', …)` expression: `'etats' <-> 'unis' & 'russ':*`. */
export function tsQuery(terms: SearchTerm[]): string {
  return terms
    .map((t) => {
      const last = t.tokens.length - 1;
      const parts = t.tokens.map((tok, i) => `'${tok}'${t.prefix && i === last ? ":*" : ""}`);
      return parts.length > 1 ? `(${parts.join(" <-> ")})` : (parts[0] ?? "");
    })
    .join(" & ");
}
