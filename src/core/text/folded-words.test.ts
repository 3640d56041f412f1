import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import fc from "fast-check";
import { corporaDir, corporaSkipReason } from "../../../test/support/corpora.ts";
import { foldedWords } from "./folded-words.ts";
import { tokenize } from "./tokenize.ts";

/** What foldedWords must equal, whatever the text. */
const expected = (text: string) => tokenize(text).join(" ");

/** Characters where tokenize has a rule: elisions, possessives, marks, folds of several units, CJK, surrogates. */
const TRICKY = [
  ..."lLdDsSquQUitTaA ’'ʼ`-«»\"\u00a0\u200b",
  ..."éÉèçœŒæßẞøłıΣσς",
  "e\u0301",
  "\u0640",
  ..."ﬁﬃﷺ㍱½",
  ..."美国東京タワー",
  "𝐀",
  "🙂",
  "\ud800",
  "\udc00",
  ..."Россияالولايات",
];

describe("foldedWords", () => {
  it("is tokenize's words joined by single spaces (examples)", () => {
    for (const text of [
      "La Russie et les États-Unis conviennent de «coopérer» sur le conflit en Ukraine",
      "l’Ukraine d'Ukraine qu’il jusqu'à s’est Trump’s don't dell’Europa all'ONU un’altra",
      "美国和俄罗斯 東京タワー",
      "ﷺ ß ﬃ Ǆemal",
      "",
      "   ",
      "a\u00a0b  ",
      "\u0640\u0640 x",
      "🙂 𝐀𝐁c",
      "les Russes' ",
      "lorsqu’il presqu'île quest’anno",
    ])
      assert.equal(foldedWords(text), expected(text), text);
  });

  it("is tokenize's words joined by single spaces (generated text)", () => {
    const tricky = fc.constantFrom(...TRICKY);
    fc.assert(
      fc.property(
        fc.array(fc.oneof(tricky, fc.string({ unit: "grapheme", maxLength: 4 })), { maxLength: 40 }),
        (parts) => {
          const text = parts.join("");
          assert.equal(foldedWords(text), expected(text));
        },
      ),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 80 }), (text) => {
        assert.equal(foldedWords(text), expected(text));
      }),
      { numRuns: 2000 },
    );
  });

  it("folds texts longer than its reused buffer, and folds that outgrow it", () => {
    const long = "Les États-Unis et l’Ukraine ".repeat(5000);
    assert.equal(foldedWords(long), expected(long));
    // 10,000 characters fit the buffer, but each ﷺ folds to 18 units: the buffer has to grow.
    const growing = "ﷺ".repeat(10_000);
    assert.equal(foldedWords(growing), expected(growing));
    assert.equal(foldedWords("x y"), "x y", "the reused buffer is still sound after a long text");
  });

  it("is tokenize's words joined on the feed corpora", { skip: corporaSkipReason }, () => {
    const dir = join(corporaDir ?? "", "feeds");
    const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((f) => f.isFile());
    assert.ok(files.length > 50, "the corpora hold feeds");
    for (const file of files) {
      const text = readFileSync(join(file.parentPath, file.name), "utf8");
      assert.equal(foldedWords(text), expected(text), file.name);
    }
  });
});
