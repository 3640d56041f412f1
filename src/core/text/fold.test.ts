import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { foldText } from "./fold.ts";

describe("foldText", () => {
  const cases: [string, string, string][] = [
    ["marks removed (NFKD)", "États-Unis coopérer naïve Ñandú", "etats-unis cooperer naive nandu"],
    ["case folded", "OTAN Berlin", "otan berlin"],
    ["ligatures œ æ", "Œuvre cœur Æsir", "oeuvre coeur aesir"],
    ["ß and ẞ", "Straße GROẞ", "strasse gross"],
    ["compatibility forms (NFKD)", "ﬁnance ﬂux", "finance flux"],
    ["typographic apostrophes unified", "l’Ukraine l‘x lʼy", "l'ukraine l'x l'y"],
    ["typographic quotes unified", "«coopérer» “x” „y“", '"cooperer" "x" "y"'],
    ["NBSP and thin spaces are spaces, collapsed", "a\u00a0b\u2009c\u202fd  e", "a b c d e"],
    ["digits kept", "G7 COVID-19", "g7 covid-19"],
    ["Greek with tonos, final sigma", "Ελλάδα Οδυσσεύς", "ελλαδα οδυσσευσ"],
    ["Cyrillic ё and й", "Ёлка Зелёный", "елка зеленыи"],
    ["Arabic diacritics and tatweel removed", "السَّلَامُ عـلـيـكم", "السلام عليكم"],
    ["Nordic and Polish letters", "Øresund Łódź", "oresund lodz"],
    ["Turkish dotted capital I", "İstanbul", "istanbul"],
    ["ends trimmed", "  x  ", "x"],
  ];
  for (const [name, input, expected] of cases) {
    it(name, () => assert.equal(foldText(input), expected));
  }

  it("is idempotent", () => {
    const s = "La Russie et les États-Unis conviennent de «coopérer» sur le conflit en Ukraine";
    assert.equal(foldText(foldText(s)), foldText(s));
  });
});
