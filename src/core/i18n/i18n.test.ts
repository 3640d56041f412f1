import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { COMMAND_SPECS } from "../commands/registry.ts";
import { en } from "./en.ts";
import { CATALOGS, formatTime, LOCALES, type Locale, lookup, t, tn, toLocale } from "./index.ts";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/gu)].map((m) => m[1]).sort();
const codeSpans = (text: string) => [...text.matchAll(/`([^`]+)`/gu)].map((m) => m[1] ?? "");
const strings = (value: unknown): string[] =>
  typeof value === "string" ? [value] : Object.values(value as Record<string, string>);

/**
 * Words that are the same in a language as in English on purpose (a product name, a
 * format with no words, a loanword the language uses). Anything else equal to English is
 * an untranslated string.
 */
const SAME_AS_ENGLISH: Readonly<Record<Exclude<Locale, "en">, readonly string[]>> = {
  fr: ["digest.title", "preview.minutes"],
  de: ["digest.title", "feeds.heading"],
  es: ["digest.title"],
};

describe("catalogs", () => {
  const keys = Object.keys(en).sort();

  for (const locale of LOCALES) {
    it(`${locale}: the same keys as English, each of the same shape`, () => {
      const catalog = CATALOGS[locale] as Readonly<Record<string, unknown>>;
      assert.deepEqual(Object.keys(catalog).sort(), keys);
      for (const key of keys) {
        const value = catalog[key];
        const english = (en as Readonly<Record<string, unknown>>)[key];
        assert.equal(typeof value, typeof english, key);
        for (const text of strings(value)) assert.notEqual(text.trim(), "", `${locale} ${key} is empty`);
      }
    });

    it(`${locale}: every sentence has English's placeholders and copyable examples`, () => {
      const catalog = CATALOGS[locale] as Readonly<Record<string, unknown>>;
      for (const key of keys) {
        const english = strings((en as Readonly<Record<string, unknown>>)[key]);
        const own = strings(catalog[key]);
        // A plural form may spell out its count ("1 day") or not ("the last day").
        const named = (text: string) => placeholders(text).filter((p) => p !== "n");
        const want = named(english[0] ?? "");
        for (const text of own) assert.deepEqual(named(text), want, `${locale} ${key}: ${text}`);
        // What is meant to be copied (a command, a cron time) is the same in every language.
        const wantCode = english.flatMap(codeSpans).filter((c) => !c.includes("{"));
        for (const code of wantCode)
          assert.ok(
            own.some((o) => o.includes(`\`${code}\``)),
            `${locale} ${key}: ${code}`,
          );
      }
    });
  }

  for (const locale of ["fr", "de", "es"] as const) {
    it(`${locale}: nothing left in English`, () => {
      const catalog = CATALOGS[locale] as Readonly<Record<string, unknown>>;
      const same = keys.filter(
        (key) =>
          JSON.stringify(catalog[key]) === JSON.stringify((en as Readonly<Record<string, unknown>>)[key]),
      );
      assert.deepEqual(same, [...SAME_AS_ENGLISH[locale]].sort());
    });
  }

  it("examples to copy are ASCII: no look-alike asterisk, quote or dash", () => {
    for (const locale of LOCALES) {
      for (const value of Object.values(CATALOGS[locale])) {
        for (const code of strings(value).flatMap(codeSpans)) assert.match(code, /^[\x20-\x7e]+$/u, code);
      }
    }
    for (const spec of COMMAND_SPECS) assert.match(spec.example, /^[\x20-\x7e]+$/u, spec.example);
  });

  it("English command texts are the specs' own (they cannot drift apart)", () => {
    for (const spec of COMMAND_SPECS) {
      assert.equal(lookup("en", `cmd.${spec.path}`), spec.description, spec.path);
      for (const o of spec.options) assert.equal(lookup("en", `opt.${spec.path}.${o.name}`), o.description);
      for (const locale of LOCALES) {
        assert.notEqual(lookup(locale, `cmd.${spec.path}`), null, `${locale} cmd.${spec.path}`);
        for (const segment of spec.path.split(" "))
          assert.notEqual(lookup(locale, `name.${segment}`), null, `${locale} name.${segment}`);
      }
    }
  });
});

describe("lookups", () => {
  it("platform tags map to our four languages, others to null", () => {
    const cases: [string | undefined, Locale | null][] = [
      ["fr", "fr"],
      ["fr-FR", "fr"],
      ["es-419", "es"],
      ["es-ES", "es"],
      ["de-AT", "de"],
      ["en_US", "en"],
      ["EN-GB", "en"],
      ["pt-BR", null],
      ["", null],
      [undefined, null],
    ];
    for (const [tag, want] of cases) assert.equal(toLocale(tag), want, String(tag));
  });

  it("plurals follow each language: 1 result, 0 résultat, 2 Ergebnisse", () => {
    const results = (locale: Locale, n: number) => tn(locale, "search.results", n, { rule: "q" });
    assert.equal(results("en", 1), "q: 1 result.");
    assert.equal(results("en", 0), "q: 0 results.");
    assert.equal(results("en", 2), "q: 2 results.");
    assert.equal(results("fr", 0), "q : 0 résultat.");
    assert.equal(results("fr", 1), "q : 1 résultat.");
    assert.equal(results("fr", 2), "q : 2 résultats.");
    assert.equal(results("de", 1), "q: 1 Ergebnis.");
    assert.equal(results("de", 2), "q: 2 Ergebnisse.");
    assert.equal(results("es", 1), "q: 1 resultado.");
    assert.equal(results("es", 3), "q: 3 resultados.");
    assert.equal(tn("en", "digest.items", 1234), "1234 items");
    assert.equal(tn("de", "digest.items", 1234), "1234 Beiträge");
  });

  it("placeholders are filled; a missing value stays visible", () => {
    assert.equal(t("fr", "watch.heading", { name: "ukraine" }), "Suivi de ukraine");
    assert.equal(t("de", "watch.heading"), "{name} wird beobachtet");
  });

  it("times are in the destination's zone and language, labelled with the zone", () => {
    const at = "2026-11-28T13:05:00.000Z";
    assert.equal(formatTime(at, "Europe/Paris", "en"), "28 Nov 14:05 Europe/Paris");
    assert.equal(formatTime(at, "Europe/Paris", "fr"), "28 nov. 14:05 Europe/Paris");
    assert.equal(formatTime(at, "Europe/Berlin", "de"), "28. Nov. 14:05 Europe/Berlin");
    assert.equal(formatTime(at, "Europe/Madrid", "es"), "28 nov 14:05 Europe/Madrid");
    assert.equal(formatTime(at, "UTC", "fr"), "28 nov. 13:05 UTC");
    assert.equal(formatTime("nope", "UTC", "en"), null);
  });
});
