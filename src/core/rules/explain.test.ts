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
});
