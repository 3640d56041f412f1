import assert from "node:assert/strict";
import { test } from "node:test";
import { foldSearchText, fts5Query, parseSearchTerms, tsQuery } from "./search-text.ts";

test("indexes the rule engine's tokens: folded, elided, CJK one character each", () => {
  const cases: [string, string][] = [
    ["États-Unis", "etats unis"],
    ["  L'Œuvre — «coopérer»  ", "oeuvre cooperer"],
    ["Straße ÆSIR Łódź þorn", "strasse aesir lodz thorn"],
    ["Пример RSS ленты", "пример rss ленты"],
    ["ﬁnance ① 𝐀𝐁 😀", "finance 1 ab"],
    ["İstanbul ＴＯＫＹＯ", "istanbul tokyo"],
    ["中文 新闻、日本", "中 文 新 闻 日 本"],
    ["Russia's talks", "russia talks"],
    ["", ""],
  ];
  for (const [input, folded] of cases) assert.equal(foldSearchText(input), folded, input);
  // Idempotent on its own output, so a term the caller already folded matches the index.
  for (const [, folded] of cases) assert.equal(foldSearchText(folded), folded);
});

test("parses terms into tokens, keeps prefixes, drops empty terms", () => {
  assert.deepEqual(parseSearchTerms(["etats-unis", "russ*", "***", "  ", "新闻"]), [
    { tokens: ["etats", "unis"], prefix: false },
    { tokens: ["russ"], prefix: true },
    { tokens: ["新", "闻"], prefix: false },
  ]);
});

test("builds FTS5 and tsquery expressions with no operator from user text", () => {
  const terms = parseSearchTerms(["etats-unis", "russ*", 'NEAR("x" OR']);
  assert.equal(fts5Query(terms), '"etats unis" AND "russ"* AND "near x or"');
  assert.equal(tsQuery(terms), "('etats' <-> 'unis') & 'russ':* & ('near' <-> 'x' <-> 'or')");
  assert.equal(tsQuery(parseSearchTerms(["états-un*"])), "('etats' <-> 'un':*)");
});
