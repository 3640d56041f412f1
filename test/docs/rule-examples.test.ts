/**
 * The rule examples of README.md ("Topics and rules", the config example, the `match`
 * example) and docs/rule-language.md work exactly as printed: every rule shown parses
 * without warnings, every error shown is the error given, every canonical form and every
 * stated match is what the engine does.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { main } from "../../src/cli/index.ts";
import { parseConfig } from "../../src/config/load.ts";
import {
  explainRule,
  formatWarning,
  type MatchInput,
  parseRuleWithWarnings,
  prepareItem,
  printRule,
} from "../../src/core/rules/index.ts";

const README = readFileSync("README.md", "utf8");
const DOC = readFileSync("docs/rule-language.md", "utf8");

function section(text: string, heading: string): string {
  const start = text.indexOf(`\n## ${heading}\n`);
  assert.ok(start >= 0, `section ${heading}`);
  const end = text.indexOf("\n## ", start + 1);
  return text.slice(start, end < 0 ? undefined : end);
}

function codeBlocks(text: string, lang = ""): string[] {
  return [...text.matchAll(new RegExp(`\`\`\`${lang}\\n([\\s\\S]*?)\`\`\``, "g"))].map((m) => m[1] ?? "");
}

/** Table rows (header and separator excluded) as cells. */
function tableRows(text: string): string[][] {
  return text
    .split("\n")
    .filter((l) => l.startsWith("| ") && !l.startsWith("|---"))
    .slice(1)
    .map((l) => l.slice(2, -2).split(" | "));
}

function spans(cell: string): string[] {
  return [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1] ?? "");
}

const config = parseConfig(codeBlocks(README, "yaml")[0] ?? "", "README.md");
const aliases = config.aliases;

function parse(rule: string) {
  const parsed = parseRuleWithWarnings(rule, { aliases });
  assert.ok(parsed.ok, `${rule}: ${parsed.ok ? "" : parsed.error.message}`);
  assert.deepEqual(parsed.value.warnings.map(formatWarning), [], rule);
  return parsed.value.rule;
}

function matches(rule: string, title: string, lang: string | null = "fr"): boolean {
  const input: MatchInput = {
    title,
    summary: "",
    content: "",
    source: "RFI",
    author: "Jean Dupont",
    categories: ["Europe"],
    lang,
    link: "https://www.rfi.fr/fr/1",
  };
  return explainRule(parse(rule), prepareItem(input)).matched;
}

describe("README: Topics and rules", () => {
  const table = tableRows(section(README, "Topics and rules"));

  it("the configuration example loads without problems or warnings", () => {
    assert.deepEqual(config.warnings, []);
    assert.deepEqual(
      config.topics.map((t) => t.rule),
      ['russie AND "etats-unis"'],
    );
  });

  it("every rule of the table parses without warnings", () => {
    const rules = table.flatMap((row) => spans(row[0] ?? ""));
    assert.ok(rules.length >= 20, rules.join(" "));
    for (const rule of rules) parse(rule);
  });

  // Each claim of the table's second column, with the row it comes from.
  const claims: [rule: string, title: string, lang: string | null, expected: boolean][] = [
    ['russie AND "etats-unis"', "La Russie et les États-Unis", "fr", true],
    ["etats-unis AND cooperer", "les États-Unis conviennent de «coopérer»", "fr", true],
    ["sanction", "New sanctions", "en", true],
    ["sanction", "Il est sanctionné", "fr", true],
    ['"coopération"', "la cooperation", "fr", true],
    ['"coopération"', "coopérer", "fr", false],
    ["=coopération", "coopérer", "fr", false],
    ["coop*", "la coopérative", "fr", true],
    ["ukraine NOT sport", "Ukraine: le sport reprend", "fr", false],
    ["ukraine -sport", "Ukraine: la paix", "fr", true],
    ["title:sanctions", "Sanctions", "fr", true],
    ["source:RFI", "x", "fr", true],
    ['author:"Jean Dupont"', "x", "fr", true],
    ["category:Europe", "x", "fr", true],
    ["lang:fr", "x", "fr", true],
    ["domain:rfi.fr", "x", "fr", true],
    ["text:sanctions", "les sanctions", "fr", true],
    ['russie NEAR/5 "etats-unis"', "Russie : un accord avec les États-Unis", "fr", true],
    ["OTAN", "OTAN", "fr", true],
    ["OTAN", "Otan", "fr", true],
    ["OTAN", "l'Otan", "fr", true],
    ["OTAN", "otan", "fr", false],
    ["US", "join us", "en", false],
    ["@usa AND russie", "Washington et la Russie", "fr", true],
    ["wahlrecht", "Wahlrechtsreform", "de", false],
    ["wahlrecht*", "Wahlrechtsreform", "de", true],
  ];
  for (const [rule, title, lang, expected] of claims) {
    it(`${rule} ${expected ? "matches" : "does not match"} "${title}"`, () => {
      assert.ok(README.includes(rule.replace(/^(\w+):.*$/, "$1:")), `${rule} is in the README`);
      assert.equal(matches(rule, title, lang), expected);
    });
  }

  it("prints the canonical forms and the errors the table shows", () => {
    const canonical = (rule: string) => printRule(parse(rule));
    assert.equal(canonical("a OR b AND c"), "a OR (b AND c)");
    assert.equal(canonical("ukraine NOT sport"), canonical("ukraine -sport"));
    assert.ok(README.includes("`(etats-unis OR USA OR united-states OR washington) AND russie`"));
    assert.equal(
      canonical("@usa AND russie"),
      "(etats-unis OR USA OR united-states OR washington) AND russie",
    );
    const typo = parseRuleWithWarnings("titel:russie");
    assert.ok(!typo.ok);
    assert.ok(README.includes(typo.error.message.replace(/^at column \d+: /, "")), typo.error.message);
    const lower = parseRuleWithWarnings("war and peace");
    assert.ok(lower.ok);
    assert.equal(lower.value.warnings.length, 1);
  });

  it("the match example prints match", async () => {
    const example = /npx wirewatch match '([^']+)' --lang (\w+) \\\n\s+--title '([^']+)'/.exec(README);
    assert.ok(example, "the README has a match example");
    const out: string[] = [];
    const code = await main(
      ["match", example[1] ?? "", "--lang", example[2] ?? "", "--title", example[3] ?? ""],
      {
        out: (t) => out.push(t),
        err: (t) => out.push(t),
      },
    );
    assert.equal(code, 0, out.join("\n"));
    assert.equal(out[0], "match");
  });
});

describe("docs/rule-language.md", () => {
  it("the opening examples parse", () => {
    for (const line of (codeBlocks(DOC)[0] ?? "").trim().split("\n")) parse(line);
  });

  it("every term of the Terms table parses and matches the examples it lists", () => {
    const rows = tableRows(section(DOC, "Terms"));
    assert.ok(rows.length >= 10);
    for (const [rulesCell = "", examplesCell = ""] of rows) {
      const rules = spans(rulesCell);
      for (const rule of rules) parse(rule);
      // Quoted item text only, not the backticked rules some cells show.
      const [yes = "", no = ""] = examplesCell.replace(/`[^`]*`/g, "").split(" but not ");
      const quoted = (text: string) => [...text.matchAll(/"([^"]+)"/g)].map((m) => m[1] ?? "");
      for (const title of quoted(yes))
        assert.ok(
          rules.some((r) => matches(r, title)),
          `${rules.join(", ")} should match "${title}"`,
        );
      for (const title of quoted(no))
        assert.ok(!rules.some((r) => matches(r, title)), `${rules.join(", ")} should not match "${title}"`);
    }
  });

  it("every error and warning is the one shown", () => {
    const blocks = codeBlocks(section(DOC, "Errors and limits")).concat(codeBlocks(section(DOC, "Terms")));
    const lines = blocks.flatMap((b) => b.trim().split("\n"));
    assert.ok(lines.length >= 8);
    for (const line of lines) {
      const [rule = "", shown = ""] = line.split(/\s{2,}/);
      const parsed = parseRuleWithWarnings(rule, { aliases });
      const given = parsed.ok ? parsed.value.warnings.map(formatWarning).join("; ") : parsed.error.message;
      assert.equal(given, shown, rule);
    }
  });

  it("every canonical form is the one printed", () => {
    const lines = (codeBlocks(section(DOC, "Canonical form"))[0] ?? "").trim().split("\n");
    assert.ok(lines.length >= 4);
    for (const line of lines) {
      const [rule = "", canonical = ""] = line.split(/\s+→\s+/);
      assert.equal(printRule(parse(rule)), canonical, rule);
    }
  });
});
