/**
 * Search text as both backends index it. Items are folded here, in TypeScript, before
 * they reach the index (SQLite FTS5, PostgreSQL `tsvector` with the `simple` config), so
 * the two backends tokenise alike and neither needs `unaccent`. The fold is a superset of
 * the rule engine's (case, diacritics, ligatures, punctuation as separators): folding an
 * already-folded term again changes nothing, so a term the caller folded still matches.
 */

const LIGATURES: Record<string, string> = {
  œ: "oe",
  æ: "ae",
  ß: "ss",
  ø: "o",
  đ: "d",
  ł: "l",
  ı: "i",
};
const LIGATURE_RE = /[œæßøđłı]/g;

/** Lower case, no diacritics, words separated by single spaces. */
export function foldSearchText(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(LIGATURE_RE, (c) => LIGATURES[c] ?? c)
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
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
