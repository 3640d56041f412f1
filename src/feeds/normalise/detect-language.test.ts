import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { ParsedEntry, ParsedFeed } from "../parse/types.ts";
import { DETECT_MAX_CHARS, detectItemLanguage, detectionText, guessLanguage } from "./detect-language.ts";
import { normaliseFeed } from "./index.ts";

const entry = (title: string, fields: Partial<ParsedEntry> = {}): ParsedEntry => ({
  guid: title,
  guidIsPermaLink: false,
  title,
  titleKind: "text",
  link: null,
  summary: null,
  content: null,
  authors: [],
  media: [],
  categories: [],
  published: null,
  updated: null,
  lang: null,
  bases: [],
  ...fields,
});

const feed = (entries: ParsedEntry[], lang: string | null): ParsedFeed => ({
  format: "rss",
  title: "Wire",
  link: null,
  lang,
  ttl: null,
  base: null,
  entries,
});

const context = { baseUrl: "https://ex.test/rss", sourceName: null, identity: "guid" as const };

describe("detectItemLanguage", () => {
  test("headlines in the languages the rules stem", () => {
    const cases: [string, string][] = [
      ["Nouvelles sanctions contre Moscou", "fr"],
      ["Nuevas sanciones contra Moscú por la guerra en Ucrania", "es"],
      ["Neue Sanktionen gegen Moskau: EU nimmt russische Banken ins Visier", "de"],
      ["Nuove sanzioni contro Mosca, l'Unione europea colpisce le banche russe", "it"],
      ["Novas sanções contra Moscou por causa da guerra na Ucrânia", "pt"],
      ["Новые санкции против Москвы: Евросоюз ограничил работу российских банков", "ru"],
      ["عقوبات جديدة على موسكو بسبب الحرب في أوكرانيا", "ar"],
      ["New sanctions against Moscow as the war in Ukraine drags on", "en"],
    ];
    for (const [title, lang] of cases) assert.equal(detectItemLanguage(title, ""), lang, title);
  });

  test("short or ambiguous text stays unknown rather than guessed", () => {
    for (const title of [
      "",
      "   ",
      "Trump",
      "iPhone 16",
      "COVID-19",
      "Paris 2024",
      "Breaking news",
      "v3.9.0",
      "https://example.com/path/to/article-12345",
    ]) {
      assert.equal(detectItemLanguage(title, ""), null, title);
    }
    // The detector has favourites; they are kept for the CLI but not trusted: too few
    // letters, then too close a runner-up (ru against bg and sr).
    const short = guessLanguage("Le Monde");
    assert.deepEqual([short.lang, short.best], [null, "fr"]);
    const close = guessLanguage("Фигуристка завоевала золото на чемпионате мира");
    assert.equal(close.lang, null);
    assert.ok(close.best !== null && close.margin < 0.1);
  });

  test("the summary settles a title too short to tell", () => {
    assert.equal(detectItemLanguage("Ukraine", ""), null);
    assert.equal(
      detectItemLanguage("Ukraine", "Le gouvernement a annoncé de nouvelles mesures contre la Russie"),
      "fr",
    );
  });

  test("compatibility forms read as what they are: full-width Latin is not Japanese", () => {
    assert.equal(
      detectItemLanguage(
        "Ｎｅｗ ｓａｎｃｔｉｏｎｓ ａｇａｉｎｓｔ Ｍｏｓｃｏｗ ａｓ ｔｈｅ ｗａｒ ｄｒａｇｓ ｏｎ",
        "",
      ),
      "en",
    );
  });

  test("hostile text: bounded input, whole code points, any characters", () => {
    const long = `${"é".repeat(DETECT_MAX_CHARS - 1)}😀 and more`;
    const text = detectionText(long, "x".repeat(1_000_000));
    assert.equal(text.length, DETECT_MAX_CHARS - 1);
    assert.equal(detectionText("", "résumé"), "résumé");
    for (const odd of ["\u0000\uFFFF\uD800", "<script>alert(1)</script>", "🙂".repeat(500), "١٢٣٤٥"]) {
      const lang = detectItemLanguage(odd, odd);
      assert.ok(lang === null || /^[a-z]{2,3}$/.test(lang));
    }
  });
});

describe("normaliseFeed: the item's language", () => {
  const items = (parsed: ParsedFeed, language?: string | null) =>
    normaliseFeed(parsed, { ...context, language }).items.map((i) => i.lang);

  test("a feed without a language: detected per item, unknown when unsure", () => {
    const parsed = feed(
      [
        entry("Nouvelles sanctions contre Moscou"),
        entry("Neue Sanktionen gegen Moskau: EU nimmt russische Banken ins Visier"),
        entry("Paris 2024"),
      ],
      null,
    );
    assert.deepEqual(items(parsed), ["fr", "de", null]);
  });

  test("declared languages win over detection: the entry's, then the feed's", () => {
    const parsed = feed(
      [entry("Nouvelles sanctions contre Moscou"), entry("Nouvelles sanctions", { lang: "de-AT" })],
      "en-GB",
    );
    assert.deepEqual(items(parsed), ["en", "de"]);
  });

  test("the configured language overrides declared and detected ones", () => {
    const parsed = feed(
      [entry("New sanctions against Moscow as the war drags on"), entry("Nouvelles", { lang: "de" })],
      null,
    );
    assert.deepEqual(items(parsed, "fr-CA"), ["fr", "fr"]);
    assert.deepEqual(items(parsed, "not a tag"), ["en", "de"]);
  });
});
