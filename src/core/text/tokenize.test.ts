import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { tokenize, tokenizeDetailed } from "./tokenize.ts";

describe("tokenize", () => {
  const cases: [string, string, string[]][] = [
    [
      "the seed headline (fr)",
      "La Russie et les États-Unis conviennent de «coopérer» sur le conflit en Ukraine",
      "la russie et les etats unis conviennent de cooperer sur le conflit en ukraine".split(" "),
    ],
    ["French elision", "l’Ukraine d'Ukraine qu’il jusqu'à s’est", ["ukraine", "ukraine", "il", "a", "est"]],
    ["Italian elision", "dell’Europa all'ONU un’altra", ["europa", "onu", "altra"]],
    ["English possessive dropped, contractions split", "Trump’s don't", ["trump", "don", "t"]],
    ["hyphenated = spaced", "États-Unis", ["etats", "unis"]],
    ["digits kept with letters", "G7 COVID-19 1,5", ["g7", "covid", "19", "1", "5"]],
    [
      "German",
      "Die Bundesregierung beschließt Sanktionen",
      ["die", "bundesregierung", "beschliesst", "sanktionen"],
    ],
    ["Spanish", "¿Qué pasó en España?", ["que", "paso", "en", "espana"]],
    ["Russian", "Россия и США договорились", ["россия", "и", "сша", "договорились"]],
    ["Arabic", "روسيا والولايات المتحدة", ["روسيا", "والولايات", "المتحدة"]],
    ["Greek", "Η Ελλάδα", ["η", "ελλαδα"]],
    ["Chinese: one token per character", "美国和俄罗斯", ["美", "国", "和", "俄", "罗", "斯"]],
    ["Japanese kana too", "東京タワー", ["東", "京", "タ", "ワ", "ー"]],
    ["NBSP separates", "a\u00a0b", ["a", "b"]],
    ["apostrophe at the end is punctuation", "les Russes' ", ["les", "russes"]],
  ];
  for (const [name, input, expected] of cases) {
    it(name, () => assert.deepEqual(tokenize(input), expected));
  }

  it("keeps offsets into the original text", () => {
    const title = "La Russie et les États-Unis";
    const tokens = tokenizeDetailed(title);
    const etats = tokens.find((t) => t.text === "etats");
    assert.ok(etats);
    assert.equal(title.slice(etats.start, etats.end), "États");
    const decomposed = "Cafe\u0301 x";
    const cafe = tokenizeDetailed(decomposed)[0];
    assert.deepEqual(cafe && [cafe.text, decomposed.slice(cafe.start, cafe.end)], ["cafe", "Cafe\u0301"]);
  });

  it("marks words that start with a capital (for acronyms)", () => {
    const caps = tokenizeDetailed("US troops join us, OTAN Otan l’Otan oTAN G7 Épée").map(
      (t) => `${t.text}:${t.caps}`,
    );
    assert.deepEqual(caps, [
      "us:true",
      "troops:false",
      "join:false",
      "us:false",
      "otan:true",
      "otan:true",
      "otan:true",
      "otan:false",
      "g7:true",
      "epee:true",
    ]);
  });

  it("handles astral characters and lone surrogates without throwing", () => {
    assert.deepEqual(tokenize("a 😀 b \ud800 c"), ["a", "b", "c"]);
  });

  it("tokenises a 50,000-word text quickly", () => {
    const words = "La Russie et les Américains conviennent de coopérer sur le conflit".split(" ");
    const text = Array.from({ length: 50_000 }, (_, i) => words[i % words.length]).join(" ");
    const t0 = performance.now();
    assert.equal(tokenize(text).length, 50_000);
    // About 0.1 s; the bound only catches a super-linear regression, with room for a slow machine.
    assert.ok(performance.now() - t0 < 10_000);
  });
});
