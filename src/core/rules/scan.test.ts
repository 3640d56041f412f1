import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { C_WORD, CLASS_MASK, charFlags, foldCodePoint, SELF } from "../text/fold.ts";
import { tokenize } from "../text/tokenize.ts";
import { fingerprintWord, hashWord } from "./index/index.ts";
import { isAsciiSelf } from "./read-words.ts";
import { beginItem, scannedWords, scanTokens, spanCode, wordOfSpan } from "./scan.ts";

/** Long words: the scanner once kept words of up to 64 units in a buffer, and longer ones apart. */
const POOLED_LENGTH = 64;

/** The words of `texts`, read as the fields of one item, field by field; checks the words' hashes. */
function scannedFields(texts: string[]): string[][] {
  beginItem();
  // Written after what is there already, which it keeps.
  const ids: number[] = [7, 7];
  const ends: number[] = [];
  let end = 2;
  texts.forEach((text, code) => {
    end = scanTokens(text, code, ids, end);
    ends.push(end);
  });
  assert.deepEqual(ids.slice(0, 2), [7, 7]);
  const { hashes, fingerprints, spans } = scannedWords();
  const words = hashes.map((_, d) => wordOfSpan(spans, d, texts[spanCode(spans, d)] ?? ""));
  assert.equal(new Set(words).size, words.length, `one number per distinct word: ${words.join(" ")}`);
  assert.deepEqual(hashes, words.map(hashWord));
  assert.deepEqual(fingerprints, words.map(fingerprintWord));
  // Numbered in order of first occurrence.
  const firsts: number[] = [];
  for (const id of ids.slice(2, end)) if (!firsts.includes(id)) firsts.push(id);
  assert.deepEqual(
    firsts,
    words.map((_, d) => d),
  );
  let from = 2;
  return ends.map((to) => {
    const field = ids.slice(from, to).map((id) => words[id] ?? "<none>");
    from = to;
    return field;
  });
}

function scanned(text: string): string[] {
  return scannedFields([text])[0] ?? [];
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
  // Runs for the ASCII fast path, next to the pieces above it stops at.
  "abc",
  "covid19",
  "z".repeat(POOLED_LENGTH - 1),
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

  it("takes the ASCII fast path only for characters that fold to themselves", () => {
    for (let cp = 0; cp < 0x80; cp++) {
      const f = charFlags(cp);
      const self =
        (f & CLASS_MASK) === C_WORD && (f & SELF) !== 0 && foldCodePoint(cp) === String.fromCharCode(cp);
      assert.equal(isAsciiSelf(cp), self, `U+${cp.toString(16)}`);
    }
    for (const cp of [0xe9, 0x130, 0x131, 0x3c3, 0x43e, 0x627, 0x7f4e, 0x2019, 0xff41]) {
      assert.equal(isAsciiSelf(cp), false, `U+${cp.toString(16)}`);
    }
  });

  it("gives tokenizeDetailed's words where ASCII meets other characters", () => {
    const long = "x".repeat(POOLED_LENGTH);
    const cases = [
      "abcé éabc abcÉdef abc\u0301def aBc ABCdef abcDEF",
      "covid19 G7 5G 1er 2ème x²y",
      "ab’cd l'abc d’abc abc's abc’s abc' 'abc",
      // The state kept from one word to the next: an apostrophe then a word, a CJK character, or more apostrophes.
      "l’美 abc’美s x’s’s l’s s’s d’’x qu’s’il x’\u0301s x’ s",
      "abc美def tokyo東京 abcРоссия Россияabc abcروسياdef abc\u0640def",
      "ab-cd ab\u00a0cd ab,cd ab.cd ab_cd ab\u200bcd",
      `${long} ${long}a ${long}é é${long} ${long}\u0301 ${long}A`,
      "abc\ud83d\ude00def abc𝐀def abc\ud800def abc\udc00def",
      "ǅabc ﬁabc abcﬁ Ⅻabc straße STRASSE œuvre",
      "РОССИЯ Россия ÀÉÎÕÜ aÀéÎõÜz ÆØÅ İstanbul ISTANBUL ΣΟΦΙΑ σοφιας ΟΔΥΣΣΕΥΣ l’ÉTAT",
      "مُحَمَّد القاهرة ١٢٣ abc١٢٣ ２０２４ ＡＢＣ",
    ];
    for (const text of cases) {
      assert.deepEqual(scanned(text), tokenize(text), text);
      assert.deepEqual(scanned(text), tokenize(text), text);
    }
  });

  it("gives a word one number in the item, however it is written and in whichever field", () => {
    beginItem();
    const ids: number[] = [];
    let end = scanTokens("etats États", 0, ids, 0);
    end = scanTokens("ETATS E\u0301tats unis etats", 1, ids, end);
    assert.deepEqual(ids.slice(0, end), [0, 0, 0, 0, 1, 0]);
  });

  it("reads the fields of one item as tokenizeDetailed reads each (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.oneof(piece, fc.string({ maxLength: 4 })), { maxLength: 12 }), { maxLength: 4 }),
        (fields) => {
          const texts = fields.map((parts) => parts.join(""));
          assert.deepEqual(scannedFields(texts), texts.map(tokenize));
        },
      ),
      { numRuns: 1000 },
    );
  });
});
