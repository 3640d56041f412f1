import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { conceptOf, lexiconEntries } from "./story-lexicon.ts";
import { termOf } from "./story-terms.ts";

describe("concept table", () => {
  it("gives every form its own concept: no two concepts share a 6-letter term", () => {
    // A form is matched by its term (folded, cut to 6 letters): two concepts on one term
    // would silently make the later one win, and join words that mean different things.
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const { key, forms } of lexiconEntries()) {
      for (const form of forms) {
        const term = termOf(form);
        const other = owner.get(term);
        if (other !== undefined && other !== key) clashes.push(`${form} (${term}): ${other} / ${key}`);
        owner.set(term, key);
        const expected = /^\d+$/.test(key) ? key : `=${key}`;
        assert.equal(conceptOf(term, termOf), expected, form);
      }
    }
    assert.deepEqual(clashes, []);
  });

  it("leaves out forms whose term is another common word", () => {
    // "investment", "unterstützen", "negocio", "hypothesis", "public", "process", "demand".
    for (const word of [
      "investment",
      "unterstutzen",
      "negocio",
      "hypothesis",
      "publico",
      "process",
      "demand",
    ])
      assert.equal(conceptOf(termOf(word), termOf), null, word);
  });
});
