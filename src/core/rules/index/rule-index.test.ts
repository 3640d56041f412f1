import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Rule } from "../ast.ts";
import { item } from "../item.test-support.ts";
import { matchRule } from "../match.ts";
import { parseRule } from "../parse.ts";
import { prepareItem } from "../prepare.ts";
import { createRuleIndex } from "./rule-index.ts";

function rule(text: string): Rule {
  const parsed = parseRule(text);
  assert.ok(parsed.ok);
  return parsed.value;
}

const FR = prepareItem(
  item("La Russie et les États-Unis conviennent de «coopérer»", { lang: "fr", link: "https://www.rfi.fr/a" }),
);
const EN = prepareItem(item("Join us: sports results", { lang: "en" }));

describe("createRuleIndex", () => {
  it("returns the matching ids, including rules that only exclude", () => {
    const index = createRuleIndex<string>();
    index.add("a", rule("coopération"));
    index.add("b", rule("US"));
    index.add("c", rule("NOT sport"));
    index.add("d", rule("domain:rfi.fr"));
    index.add("e", rule("lang:en"));
    index.add("f", rule("coop* AND russie"));
    assert.equal(index.size, 6);
    assert.deepEqual(index.match(FR).sort(), ["a", "c", "d", "f"]);
    assert.deepEqual(index.match(EN).sort(), ["e"]);
  });

  it("removes and replaces rules without rebuilding", () => {
    const index = createRuleIndex();
    index.add("a", rule("russie"));
    index.add("b", rule("russie"));
    index.remove("a");
    index.remove("missing");
    assert.deepEqual(index.match(FR), ["b"]);
    index.add("b", rule("chine"));
    assert.deepEqual(index.match(FR), []);
    assert.equal(index.size, 1);
    index.add("c", rule("russie"));
    assert.deepEqual(index.match(FR), ["c"]);
  });

  it("gives the same rule under several ids one slot, and keeps the others when one leaves", () => {
    const index = createRuleIndex();
    for (const id of ["a", "b", "c"]) index.add(id, rule('russie AND NOT "sports results"'));
    index.add("d", rule("russie"));
    assert.deepEqual(index.match(FR).sort(), ["a", "b", "c", "d"]);
    // The slot's first id leaves, then one is given another rule, then the rest leave.
    index.remove("a");
    index.add("b", rule("sports"));
    assert.equal(index.size, 3);
    assert.deepEqual(index.match(FR).sort(), ["c", "d"]);
    assert.deepEqual(index.match(EN).sort(), ["b"]);
    index.remove("c");
    index.add("e", rule('russie AND NOT "sports results"'));
    assert.deepEqual(index.match(FR).sort(), ["d", "e"]);
  });

  it("writes the ids of match into a kept list from its start (matchInto)", () => {
    const index = createRuleIndex();
    index.add("a", rule("russie"));
    index.add("b", rule("russie"));
    index.add("c", rule("coopération"));
    index.add("d", rule("baseball"));
    const kept = ["x", "y", "z", "w"];
    const n = index.matchInto(FR, kept);
    assert.equal(n, 3);
    assert.deepEqual(kept.slice(0, n).sort(), index.match(FR).sort());
    assert.deepEqual(kept.slice(0, n).sort(), ["a", "b", "c"]);
    assert.equal(kept[3], "w");
    assert.equal(index.matchInto(EN, kept), 0);
  });

  it("keeps stem postings of a language current after it was built", () => {
    const index = createRuleIndex();
    index.add("a", rule("russie"));
    assert.deepEqual(index.match(FR), ["a"]);
    index.add("b", rule("coopération"));
    index.remove("a");
    assert.deepEqual(index.match(FR), ["b"]);
  });

  it("finds stem keys in another script than the item's, and stems that leave the script", () => {
    const index = createRuleIndex();
    index.add("latin", rule("Navalny"));
    index.add("cyrillic", rule("санкции"));
    // The Arabic stemmer turns Arabic-Indic digits into ASCII ones: "٣٠" has the stem "30".
    index.add("digits", rule("٣٠"));
    index.add("pair", rule("alexei-navalny"));
    const ru = prepareItem(item("Alexei Navalny: новые санкций", { lang: "ru" }));
    const ar = prepareItem(item("في 30 ابريل", { lang: "ar" }));
    assert.deepEqual(index.match(ru).sort(), ["cyrillic", "latin", "pair"]);
    assert.deepEqual(index.match(ar), ["digits"]);
    index.remove("digits");
    index.remove("latin");
    assert.deepEqual(index.match(ar), []);
    assert.deepEqual(index.match(ru).sort(), ["cyrillic", "pair"]);
  });

  it("matches Czech short words that the stemmer would strip to nothing", () => {
    const index = createRuleIndex();
    index.add("us", rule("us"));
    assert.deepEqual(index.match(prepareItem(item("Sankce proti us", { lang: "cs" }))), ["us"]);
    assert.deepEqual(index.match(prepareItem(item("a proti", { lang: "cs" }))), []);
  });

  it("evaluates only candidates: 20,000 rules whose words the item lacks are never read", () => {
    const index = createRuleIndex();
    let reads = 0;
    let armed = false;
    // Each rule counts the reads of its fields once armed: matchRule would read them.
    const counted = (r: Rule): Rule =>
      new Proxy(r, {
        get(target, key, receiver) {
          if (armed) reads++;
          return Reflect.get(target, key, receiver);
        },
      });
    for (let i = 0; i < 20_000; i++) index.add(`r${i}`, counted(rule(`mot${i} AND autre${i}`)));
    index.add("hit", rule('"etats unis"'));
    armed = true;
    assert.deepEqual(index.match(FR), ["hit"]);
    assert.deepEqual(index.match(EN), []);
    assert.equal(reads, 0);
    // A candidate is read (the count works): the item has both of its words.
    assert.deepEqual(index.match(prepareItem(item("mot5 autre5", { lang: "fr" }))), ["r5"]);
    assert.ok(reads > 0);
  });

  it("finds what brute force finds once its tables are past a cache's size (their lookups prefetched)", () => {
    // Letters only, so that every word is in the French stemmer's script and its table.
    const word = (i: number): string =>
      `coop${i.toString(26).replace(/./g, (c) => String.fromCharCode(97 + parseInt(c, 26)))}`;
    const rules = new Map<string, Rule>();
    for (let i = 0; i < 20_000; i++) {
      rules.set(`stem${i}`, rule(word(i)));
      rules.set(`exact${i}`, rule(`=${word(i)}s`));
      rules.set(`phrase${i}`, rule(`"${word(i)} ${word(i + 1)}"`));
      rules.set(`stems${i}`, rule(`${word(i)}s NEAR/1 ${word(i + 1)}`));
    }
    const index = createRuleIndex();
    for (const [id, r] of rules) index.add(id, r);
    const text = (from: number): string => Array.from({ length: 30 }, (_, k) => word(from + k * 7)).join(" ");
    const items = [
      prepareItem(item(text(3), { lang: "fr", summary: `${text(9)}s, ${word(500)} ${word(501)}` })),
      prepareItem(item(`${word(42)}s ${word(43)}`, { lang: "en", summary: text(77) })),
      prepareItem(item(text(1000), { summary: `${word(7)}s ${word(8)}` })),
    ];
    for (const prepared of items) {
      const brute = [...rules].filter(([, r]) => matchRule(r, prepared)).map(([id]) => id);
      assert.ok(brute.length > 10);
      assert.deepEqual(index.match(prepared).sort(), brute.sort());
    }
  });

  it("passes over a text word found only in the source or categories, unless the rule also asks there", () => {
    const index = createRuleIndex();
    index.add("text", rule("paix"));
    index.add("either", rule("paix OR category:paix"));
    index.add("usa", rule('"etats unis" OR category:"États-Unis"'));
    const tagged = prepareItem(
      item("La guerre", { lang: "fr", source: "Paix", categories: ["Paix", "États-Unis"] }),
    );
    assert.deepEqual(index.match(tagged).sort(), ["either", "usa"]);
    const written = prepareItem(item("La paix aux États-Unis", { lang: "fr" }));
    assert.deepEqual(index.match(written).sort(), ["either", "text", "usa"]);
  });

  it("evaluates a rule filed under its condition's key, even when the key is also a text word of it", () => {
    const index = createRuleIndex();
    // `lang:en` inside the OR makes the source condition the cheaper key: the rule is filed
    // under "foo", found only in the source here, where the other alternative matches.
    index.add("r", rule("source:foo AND (foo OR lang:en)"));
    assert.deepEqual(index.match(prepareItem(item("bar", { source: "foo", lang: "en" }))), ["r"]);
    assert.deepEqual(index.match(prepareItem(item("bar", { source: "foo", lang: "fr" }))), []);
  });

  it("settles a candidate that requires another language without evaluating it", () => {
    const index = createRuleIndex();
    let reads = 0;
    const watched = rule("lang:fr AND (russie OR moscou) -sport");
    const counted = new Proxy(watched, {
      get(target, key, receiver) {
        reads++;
        return Reflect.get(target, key, receiver);
      },
    });
    index.add("fr", counted);
    index.add("ru", rule("lang:ru AND russie"));
    reads = 0;
    assert.deepEqual(index.match(prepareItem(item("Russie : la réponse", { lang: "en" }))), []);
    assert.equal(reads, 0);
    // Found through `russie` in a French item, it matches without being read either: its
    // language is its precondition, and the rest is confirmed by the key (confirm.ts).
    assert.deepEqual(index.match(FR), ["fr"]);
    assert.equal(reads, 0);
    // The count works: evaluating the rule reads it.
    assert.equal(matchRule(counted, FR), true);
    assert.ok(reads > 0);
  });

  it("settles candidates whose source condition fails once per item, without evaluating them", () => {
    const index = createRuleIndex();
    let reads = 0;
    const counted = (r: Rule): Rule =>
      new Proxy(r, {
        get(target, key, receiver) {
          reads++;
          return Reflect.get(target, key, receiver);
        },
      });
    for (let i = 0; i < 50; i++)
      index.add(`reuters${i}`, counted(rule(`source:Reuters AND russie AND NOT mot${i}`)));
    index.add("rfi", rule("source:RFI AND russie"));
    reads = 0;
    const fromRfi = prepareItem(item("La Russie et la Chine", { lang: "fr", source: "RFI" }));
    assert.deepEqual(index.match(fromRfi), ["rfi"]);
    assert.equal(reads, 0);
    const fromReuters = prepareItem(item("La Russie et la Chine", { lang: "fr", source: "Reuters" }));
    assert.equal(index.match(fromReuters).length, 50);
  });
});
