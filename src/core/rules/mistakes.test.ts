import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { aliasEntryProblem, editDistance, formatWarning } from "./mistakes.ts";
import { parseRule, parseRuleWithWarnings } from "./parse.ts";
import { printRule } from "./print.ts";

function errorOf(text: string): string {
  const parsed = parseRule(text, { aliases: { usa: ["USA"] } });
  assert.equal(parsed.ok, false, `${text} should not parse`);
  return parsed.ok ? "" : parsed.error.message;
}

function warningsOf(text: string): string[] {
  const parsed = parseRuleWithWarnings(text);
  assert.ok(parsed.ok, text);
  return parsed.value.warnings.map(formatWarning);
}

describe("misspelt fields are errors with a suggestion", () => {
  const cases: [string, string][] = [
    ["titel:russie", 'at column 1: unknown field "titel" — did you mean title:?'],
    ["russie Title:chine", 'at column 8: unknown field "Title" — did you mean title:?'],
    ["-sorce:RFI", 'at column 2: unknown field "sorce" — did you mean source:?'],
    ["categroy:(a OR b)", 'at column 1: unknown field "categroy" — did you mean category:?'],
    ["tex:x", 'at column 1: unknown field "tex" — did you mean text:?'],
    [
      "since:30d russie",
      'at column 1: unknown field "since" — fields are title:, text:, source:, author:, category:, lang:, domain:; quote the text to search for it as words',
    ],
  ];
  for (const [text, message] of cases) it(text, () => assert.equal(errorOf(text), message));

  it("leaves words with colons that are not field names alone", () => {
    for (const text of ["EU:n", "USA:s", "10:30", "Paris:", '"titel:russie"'])
      assert.equal(parseRule(text).ok, true, text);
    const quoted = parseRule('"titel:russie"');
    assert.ok(quoted.ok);
    assert.equal(printRule(quoted.value), '"titel russie"');
  });
});

describe("misspelt operators are errors, not acronyms", () => {
  const cases: [string, string][] = [
    ["russie ANDD chine", 'at column 8: unknown operator "ANDD" — did you mean AND?'],
    ["russie ORR chine", 'at column 8: unknown operator "ORR" — did you mean OR?'],
    ["russie NOTT chine", 'at column 8: unknown operator "NOTT" — did you mean NOT?'],
    ["russie ANDDD chine", 'at column 8: unknown operator "ANDDD" — did you mean AND?'],
    [
      "russie NEAR/x chine",
      'at column 8: "NEAR/x" is not an operator — write NEAR/5: NEAR in capitals, / and the most words allowed between the terms',
    ],
    [
      "russie near/3 chine",
      'at column 8: "near/3" is not an operator — write NEAR/3: NEAR in capitals, / and the most words allowed between the terms',
    ],
    [
      "russie NEAR chine",
      'at column 8: "NEAR" is not an operator — write NEAR/5: NEAR in capitals, / and the most words allowed between the terms',
    ],
    ["russie NEAR/1000 chine", "at column 8: expected a NEAR distance of at most 100"],
  ];
  for (const [text, message] of cases) it(text, () => assert.equal(errorOf(text), message));

  it("keeps real acronyms and the word near", () => {
    for (const text of ["ANC", "AMD", "ADN", "NATO", "NOR", "war near border"]) {
      assert.equal(parseRule(text).ok, true, text);
    }
  });
});

describe("lower-case operators are warnings", () => {
  it("warns for and/or between terms and not before one", () => {
    assert.deepEqual(warningsOf("russie and chine"), [
      'at column 8: "and" is searched as a word; write AND to combine terms',
    ]);
    assert.deepEqual(warningsOf("(russie) or chine"), [
      'at column 10: "or" is searched as a word; write OR to match either term',
    ]);
    assert.deepEqual(warningsOf("not sport"), [
      'at column 1: "not" is searched as a word; write NOT to exclude a term',
    ]);
    assert.deepEqual(warningsOf('ukraine Not "sport"'), [
      'at column 9: "Not" is searched as a word; write NOT to exclude a term',
    ]);
  });

  it("says nothing where the word cannot be an operator", () => {
    for (const text of [
      "russie AND chine",
      '"war and peace"',
      "title:and",
      "and",
      "russie and",
      "or chine",
      "russie not",
    ]) {
      assert.deepEqual(warningsOf(text), [], text);
    }
  });

  it("still parses the rule as words", () => {
    const parsed = parseRuleWithWarnings("war and peace");
    assert.ok(parsed.ok);
    assert.equal(printRule(parsed.value.rule), "war AND and AND peace");
  });
});

describe("editDistance", () => {
  it("counts an adjacent swap as one edit", () => {
    assert.deepEqual(
      [
        editDistance("titel", "title"),
        editDistance("", "abc"),
        editDistance("source", "sorce"),
        editDistance("a", "a"),
      ],
      [1, 3, 1, 0],
    );
  });
});

describe("aliasEntryProblem", () => {
  it("refuses entries that would print as operators, keeps acronyms and words", () => {
    assert.deepEqual(
      ["AND", " NEAR ", "ORR", "NEAR/x", "USA", "and", "Near", "NATO"].map(
        (e) => aliasEntryProblem(e) !== null,
      ),
      [true, true, true, true, false, false, false, false],
    );
    assert.equal(
      aliasEntryProblem("NEAR"),
      '"NEAR" reads as an operator in a rule; write it in lower case to match it as a word',
    );
  });
});
