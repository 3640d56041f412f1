import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import fc from "fast-check";
import { corporaDir, corporaSkipReason } from "../../../test/support/corpora.ts";
import { eldDetectScores } from "./detect-language.ts";
import { eldScores } from "./eld-scores.ts";
import { eldSmallPacked } from "./eld-small.ts";

const packed = eldSmallPacked();

/** eld's own detect and the packed scorer agree: the same best language, the same margin. */
function assertSame(text: string): void {
  if (packed === null) throw new Error("eld's files moved: the packed scorer is not in use");
  const ours = eldScores(text, packed);
  const eld = eldDetectScores(text);
  assert.equal(ours.best, eld.best, text);
  const margin = (s: { top: number; second: number }) => (s.top > 0 ? (s.top - s.second) / s.top : 0);
  assert.ok(Math.abs(margin(ours) - margin(eld)) < 1e-9, `${margin(ours)} against ${margin(eld)}: ${text}`);
}

/** Where eld's clean-up, words and n-grams have cases: URLs, e-mail, .com, codes, scripts, long words, surrogates. */
const piece = fc.constantFrom(
  "La Russie et les États-Unis conviennent de coopérer",
  "The quick brown fox",
  "Die Bundesregierung beschließt",
  "¿Qué pasó en España?",
  "Россия и Украина",
  "Η Ελλάδα",
  "القاهرة",
  "東京タワー",
  "서울",
  "https://example.com/a?b=c",
  "www.example.org",
  "mail@example.com",
  "example.com/news",
  "v3.8.4 COVID-19 G7",
  "don’t l'État aujourd`hui",
  "x".repeat(75),
  "é".repeat(40),
  "😀",
  "\ud800",
  "\udc00",
  "   ",
  "-",
  "a",
  "abc",
);

describe("eldScores", () => {
  it("is eld's detect on headlines in many languages", () => {
    for (const text of [
      "Nouvelles sanctions contre Moscou",
      "New sanctions against Moscow",
      "Neue Sanktionen gegen Moskau",
      "Nuevas sanciones contra Moscú",
      "Новые санкции против Москвы",
      "عقوبات جديدة على موسكو",
      "モスクワに対する新たな制裁",
      "",
      "2024",
      "Paris 2024",
    ])
      assertSame(text);
  });

  it("is eld's detect on generated text (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(piece, fc.string({ maxLength: 6 }), fc.string({ unit: "binary", maxLength: 6 }))),
        (parts) => {
          assertSame(parts.join(" "));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("is eld's detect on the feed corpora", { skip: corporaSkipReason }, () => {
    const dir = join(corporaDir ?? "", "feeds");
    const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((f) => f.isFile());
    assert.ok(files.length > 50, "the corpora hold feeds");
    let texts = 0;
    for (const file of files) {
      const text = readFileSync(join(file.parentPath, file.name), "utf8").replace(/<[^>]*>/g, " ");
      // Stretches of the size detection reads (DETECT_MAX_CHARS is 200; eld reads up to 1,000).
      for (let at = 0; at < text.length && at < 20_000; at += 700) {
        assertSame(text.slice(at, at + 300));
        texts++;
      }
    }
    assert.ok(texts > 500, `${texts} texts`);
  });
});
