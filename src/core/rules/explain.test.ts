import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { explainRule, formatExplanation } from "./explain.ts";
import { item } from "./item.test-support.ts";
import { parseRule } from "./parse.ts";
import { prepareItem } from "./prepare.ts";

const SEED = item("La Russie et les États-Unis conviennent de «coopérer» sur le conflit en Ukraine", {
  lang: "fr",
  source: "RFI",
  link: "https://www.rfi.fr/fr/europe/1",
});

function explain(rule: string, input = SEED) {
  const parsed = parseRule(rule, { aliases: { usa: ["États-Unis", "USA"] } });
  assert.ok(parsed.ok);
  return explainRule(parsed.value, prepareItem(input));
}

describe("explainRule", () => {
  it("gives the matched terms with offsets in the original title", () => {
    const e = explain("etats-unis AND cooperer");
    assert.equal(e.matched, true);
    assert.equal(e.failed, null);
    assert.deepEqual(
      e.terms.map((t) => [t.term, t.field, SEED.title.slice(t.start, t.end)]),
      [
        ["etats-unis", "title", "États-Unis"],
        ["cooperer", "title", "coopérer"],
      ],
    );
  });

  it("names the failing clause of a miss", () => {
    assert.equal(explain('russie AND "chine"').failed, '"chine"');
    assert.equal(explain("russie AND (chine OR inde)").failed, "chine OR inde");
    assert.equal(explain("russie AND NOT ukraine").failed, "NOT ukraine");
    assert.equal(explain('"coopération"').failed, '"cooperation"');
  });

  it("explains meta fields, NEAR, and rules that only exclude", () => {
    const e = explain("russie NEAR/5 etats-unis domain:rfi.fr");
    assert.equal(e.matched, true);
    assert.deepEqual(
      e.terms.map((t) => `${t.field}:${t.start}-${t.end}`),
      ["title:3-9", "title:17-27", "domain:8-18"],
    );
    const only = explain("NOT sport");
    assert.deepEqual([only.matched, only.terms.length], [true, 0]);
  });

  it("formats for people", () => {
    assert.equal(
      formatExplanation(explain("etats-unis AND cooperer"), SEED),
      'matched: "États-Unis" in title at 17–27, "coopérer" in title at 44–52',
    );
    assert.equal(
      formatExplanation(explain('russie AND "chine"'), SEED),
      'no match: failed at "chine"; found "Russie" in title at 3–9',
    );
    assert.equal(
      formatExplanation(explain("NOT sport"), SEED),
      "matched: no required terms (the rule only excludes)",
    );
  });

  it("reports category offsets in the joined categories", () => {
    const input = item("x", { categories: ["Monde", "Europe de l'Est"] });
    const e = explain('category:"europe de l\'est"', input);
    const t = e.terms[0];
    assert.ok(t);
    assert.equal(input.categories.join(", ").slice(t.start, t.end), "Europe de l'Est");
  });

  it("explains a failed acronym: a capital first, never all lower case", () => {
    const input = item("Le sommet de l'otan s'ouvre", { lang: "fr" });
    const e = explain("OTAN", input);
    assert.deepEqual(e.hints, [
      'OTAN is an acronym: matches words starting with a capital (OTAN, Otan), not "otan"',
    ]);
    assert.equal(
      formatExplanation(e, input),
      'no match: failed at OTAN; hint: OTAN is an acronym: matches words starting with a capital (OTAN, Otan), not "otan"',
    );
    assert.deepEqual(explain("russie AND OTAN", item("russie et otan", { lang: "fr" })).hints, [
      'OTAN is an acronym: matches words starting with a capital (OTAN, Otan), not "otan"',
    ]);
  });

  it("hints a prefix for a word found only at the start of longer words (German compounds)", () => {
    const input = item("Bundestag beschließt Wahlrechtsreform", { lang: "de" });
    const e = explain("wahlrecht", input);
    assert.equal(e.matched, false);
    assert.deepEqual(e.hints, [
      'wahlrecht occurs only at the start of longer words ("Wahlrechtsreform"): matches with wahlrecht*',
    ]);
    assert.equal(explain("wahlrecht*", input).matched, true, "the hint works as printed");
    assert.deepEqual(explain("title:=wahlrecht OR bundesrat", input).hints, [
      'title:"wahlrecht" occurs only at the start of longer words ("Wahlrechtsreform"): matches with title:wahlrecht*',
    ]);
    assert.deepEqual(explain("reform", input).hints, [
      'reform occurs only inside longer words ("Wahlrechtsreform"); rules match whole words',
    ]);
  });

  it("gives no hint for terms that are absent, excluded, or matched", () => {
    const input = item("Bundestag beschließt Wahlrechtsreform", { lang: "de" });
    assert.deepEqual(explain("russland", input).hints, []);
    assert.deepEqual(explain("bundestag AND NOT wahlrecht*", input).hints, []);
    assert.deepEqual(explain("bundestag", input).hints, []);
    assert.deepEqual(explain("ref", input).hints, [], "short infixes say nothing");
  });
});
