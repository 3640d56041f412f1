import assert from "node:assert/strict";
import { test } from "node:test";
import { foldSearchText, fts5Query, parseSearchTerms, tsQuery } from "./search-text.ts";

test("folds case, diacritics, ligatures and punctuation", () => {
  const cases: [string, string][] = [
    ["États-Unis", "etats unis"],
    ["  L'Œuvre — «coopérer»  ", "l oeuvre cooperer"],
    ["Straße ÆSIR Łódź", "strasse aesir lodz"],
    ["Пример RSS ленты", "пример rss ленты"],
    ["ﬁnance ①", "finance 1"],
    ["", ""],
  ];
  for (const [input, folded] of cases) assert.equal(foldSearchText(input), folded, input);
  // Idempotent: a term the rule engine already folded folds to itself.
  for (const [, folded] of cases) assert.equal(foldSearchText(folded), folded);
});

test("parses terms into tokens, keeps prefixes, drops empty terms", () => {
  assert.deepEqual(parseSearchTerms(["etats-unis", "russ*", "***", "  "]), [
    { tokens: ["etats", "unis"], prefix: false },
    { tokens: ["russ"], prefix: true },
  ]);
});

test("builds FTS5 and tsquery expressions with no operator from user text", () => {
  const terms = parseSearchTerms(["etats-unis", "russ*", 'NEAR("x" OR']);
  assert.equal(fts5Query(terms), '"etats unis" AND "russ"* AND "near x or"');
  assert.equal(tsQuery(terms), "('etats' <-> 'unis') & 'russ':* & ('near' <-> 'x' <-> 'or')");
  assert.equal(tsQuery(parseSearchTerms(["états-un*"])), "('etats' <-> 'un':*)");
});
