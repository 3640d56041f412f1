import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { foldText } from "./fold.ts";
import { primaryLanguage, stemmerFor } from "./stem.ts";

describe("stemmerFor", () => {
  const cases: [string, string, string][] = [
    ["fr", "coopération", "coopérer"],
    ["fr", "sanction", "sanctions"],
    ["en", "sanction", "sanctions"],
    ["en", "negotiate", "negotiating"],
    ["de", "Verhandlung", "Verhandlungen"],
    ["es", "negociación", "negociaciones"],
    ["it", "elezione", "elezioni"],
    ["pt", "negociação", "negociações"],
    ["pt", "presidente", "presidentes"],
    ["ru", "санкции", "санкций"],
  ];
  for (const [lang, a, b] of cases) {
    it(`${lang}: ${a} ~ ${b} (folded)`, () => {
      const stem = stemmerFor(lang);
      assert.ok(stem);
      assert.equal(stem(foldText(a)), stem(foldText(b)));
    });
  }

  it("uses the primary language and knows none for unknown ones", () => {
    assert.equal(primaryLanguage("fr-CA"), "fr");
    assert.equal(primaryLanguage(""), null);
    assert.ok(stemmerFor("EN-us"));
    assert.equal(stemmerFor("zh"), null);
    assert.equal(stemmerFor(null), null);
  });

  it("leaves very long words alone", () => {
    const word = "a".repeat(100);
    assert.equal(stemmerFor("fr")?.(word), word);
  });
});
