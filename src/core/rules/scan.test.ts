import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { tokenize } from "../text/tokenize.ts";
import { scanTokens } from "./scan.ts";
import { nextItemStamp, POOLED_LENGTH, wordEntry, words } from "./word-table.ts";

function scanned(text: string): string[] {
  nextItemStamp();
  const entries: number[] = [];
  scanTokens(text, entries);
  return entries.map((e) => words[e] ?? "<none>");
}

/** Characters where folding and tokenising have cases: accents, marks, capitals, elisions, scripts, surrogates. */
const piece = fc.constantFrom(
  "a",
  "É",
  "é",
  "e\u0301",
  "\u0301",
  "ß",
  "Œ",
  "İ",
  "ı",
  "Σ",
  "ς",
  "ǅ",
  "ﬁ",
  "Ⅻ",
  "²",
  "US",
  "l",
  "qu",
  "s",
  "'",
  "’",
  " ",
  "\u00a0",
  "-",
  ",",
  "美",
  "タ",
  "ـ",
  "روسيا",
  "Россия",
  "𝐀",
  "😀",
  "\ud800",
  "\udc00",
  "1",
  "X".repeat(POOLED_LENGTH),
);

describe("scanTokens", () => {
  it("gives tokenizeDetailed's words, in order", () => {
    const cases = [
      "La Russie et les États-Unis conviennent de «coopérer» sur le conflit en Ukraine",
      "l’Ukraine d'Ukraine qu’il jusqu'à s’est Trump’s don't les Russes' ",
      "Die Bundesregierung beschließt Sanktionen; ¿Qué pasó en España? Η Ελλάδα 東京タワー",
      `a${"é".repeat(POOLED_LENGTH + 3)} ${"b".repeat(POOLED_LENGTH)} ${"b".repeat(POOLED_LENGTH)}`,
    ];
    for (const text of cases) {
      // Twice: the first time most words are new, the second time they are found in the table.
      assert.deepEqual(scanned(text), tokenize(text), text);
      assert.deepEqual(scanned(text), tokenize(text), text);
    }
  });

  it("agrees with tokenizeDetailed on hostile text (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(piece, fc.string({ maxLength: 4 })), { maxLength: 30 }), (parts) => {
        const text = parts.join("");
        assert.deepEqual(scanned(text), tokenize(text));
        assert.deepEqual(scanned(text), tokenize(text));
      }),
      { numRuns: 3000 },
    );
  });

  it("finds a word by its folded characters, however it is written", () => {
    const entry = wordEntry("etats");
    for (const text of ["etats", "États", "ETATS", "E\u0301tats"]) {
      nextItemStamp();
      const entries: number[] = [];
      scanTokens(text, entries);
      assert.deepEqual(entries, [entry], text);
    }
  });
});
