import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseRule } from "./parse.ts";
import { printRule } from "./print.ts";

const aliases = { usa: ["États-Unis", "USA", "United States", "Washington"], empty: ["…"] };

function canonical(text: string): string {
  const parsed = parseRule(text, { aliases });
  if (!parsed.ok) throw new Error(parsed.error.message);
  return printRule(parsed.value);
}

describe("parseRule → printRule", () => {
  const cases: [string, string, string][] = [
    ["implicit AND", "russie chine", "russie AND chine"],
    ["precedence: AND binds tighter than OR", "a OR b AND c", "a OR (b AND c)"],
    ["precedence: NOT binds tighter than AND", "NOT a AND b", "NOT a AND b"],
    ["parentheses override", "(a OR b) AND c", "(a OR b) AND c"],
    ["lower-case operators are words", "war and peace or not", "war AND and AND peace AND or AND not"],
    ["minus is NOT", "ukraine -sport", "ukraine AND NOT sport"],
    ["NOT of a group", "NOT (a OR b)", "NOT (a OR b)"],
    ["top-level NOT", "NOT sport", "NOT sport"],
    [
      "phrases in three quote styles",
      '"etats unis" «coopérer» “united nations”',
      '"etats unis" AND "cooperer" AND "united nations"',
    ],
    ["German low quotes", "„Bundestag“", '"bundestag"'],
    ["=word is exact", "=sanction", '"sanction"'],
    ["hyphenated word is a stemmed phrase", "États-Unis", "etats-unis"],
    ["prefix", "coop*", "coop*"],
    ["acronyms stay in capitals", "US OTAN", "US AND OTAN"],
    ["a single capital or six are not acronyms", "A ABCDEF", "a AND abcdef"],
    ["field scopes", "title:russie source:RFI", "title:russie AND source:RFI"],
    ["field scope on a group", "title:(russie OR chine)", "title:russie OR title:chine"],
    ["field scope on a phrase", 'author:"Jean Dupont"', 'author:"jean dupont"'],
    ["lang and domain", "lang:FR-fr domain:www.RFI.fr", "lang:fr AND domain:www.rfi.fr"],
    ["NEAR/n", 'russie NEAR/5 "etats-unis"', 'russie NEAR/5 "etats unis"'],
    [
      "alias expands to its entries",
      "@usa AND russie",
      "(etats-unis OR USA OR united-states OR washington) AND russie",
    ],
    [
      "alias keeps the field scope",
      "title:@usa",
      "title:etats-unis OR title:USA OR title:united-states OR title:washington",
    ],
    ["nested groups flatten", "a (b (c d))", "a AND b AND c AND d"],
    ["elision in rules", "l’Ukraine", "ukraine"],
    ["Cyrillic", "Россия AND санкции", "россия AND санкции"],
    ["Arabic", "روسيا", "روسيا"],
    ["Chinese word is a phrase of characters", "美国", "美-国"],
    ["a colon after capitals is part of a word (Finnish EU:n)", "EU:n", "eu-n"],
    ["a colon after digits is part of a word", "10:30", "10-30"],
  ];
  for (const [name, input, expected] of cases) {
    it(name, () => {
      assert.equal(canonical(input), expected);
      assert.equal(canonical(expected), expected, "canonical text is stable");
    });
  }
});

describe("rule errors", () => {
  const cases: [string, number, string][] = [
    ['russie AND "etats', 12, "a closing quote"],
    ["«coopérer", 1, "a closing quote"],
    ["(russie OR chine", 17, "a closing parenthesis"],
    ["russie)", 7, "an opening parenthesis before )"],
    ["russie AND", 11, "a word, a phrase or ("],
    ["OR russie", 1, "a word, a phrase or ("],
    ["", 1, "a word, a phrase or ("],
    ["   ", 1, "a word, a phrase or ("],
    ['""', 1, "a word inside the quotes"],
    ["russie AND ***", 12, 'a word with letters or digits instead of "***"'],
    ["c*", 1, "at least 2 letters before *"],
    ["@nope AND russie", 1, "a defined alias (@nope is not in aliases)"],
    ["@empty", 1, "an alias with at least one word (@empty is empty)"],
    ["(a OR b) NEAR/3 c", 1, "a word or phrase before NEAR/3"],
    ["a NEAR/3 (b OR c)", 10, "a word or phrase after NEAR/3"],
    ["a NEAR/500 b", 3, "a NEAR distance of at most 100"],
    ["lang:french", 6, "a language code such as fr or en after lang:"],
    ["domain:", 8, "a host after domain:"],
    ["domain:a/b", 8, "a host such as rfi.fr after domain:"],
  ];
  for (const [input, column, expected] of cases) {
    it(JSON.stringify(input), () => {
      const parsed = parseRule(input, { aliases });
      assert.equal(parsed.ok, false);
      if (parsed.ok) return;
      assert.deepEqual(parsed.error, {
        column,
        expected,
        message: `at column ${column}: expected ${expected}`,
      });
    });
  }
});
