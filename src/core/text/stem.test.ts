import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as snowballModule from "snowball-stemmers";
import { foldText } from "./fold.ts";
import { primaryLanguage, stemmerFor } from "./stem.ts";

const snowball = snowballModule.default ?? snowballModule;

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

  it("keeps a word that its stemmer strips to nothing", () => {
    const cs = stemmerFor("cs");
    assert.equal(cs?.("us"), "us");
    assert.notEqual(cs?.("us"), cs?.("a"));
  });

  it("stems alike whether it remembers the word or not", () => {
    const reading = stemmerFor("fr", false);
    const remembering = stemmerFor("fr");
    for (const word of ["cooperation", "cooperer", "negociations", "moscou", "москва", "a".repeat(60)]) {
      assert.equal(reading?.(word), remembering?.(word));
      assert.equal(reading?.(word), remembering?.(word));
    }
  });

  it("leaves very long words alone", () => {
    const word = "a".repeat(100);
    assert.equal(stemmerFor("fr")?.(word), word);
  });
});

describe("the generated Snowball stemmers", () => {
  // stem.ts takes these languages from @orama/stemmers for speed, on the claim that they
  // give the stems of the reference port; this keeps the claim checked on a few thousand
  // word shapes per language (every ending below after every stem-like beginning).
  const REFERENCE: Record<string, string> = {
    ar: "arabic",
    da: "danish",
    de: "german",
    en: "english",
    es: "spanish",
    fi: "finnish",
    fr: "french",
    ga: "irish",
    hy: "armenian",
    hu: "hungarian",
    it: "italian",
    nl: "dutch",
    pt: "portuguese",
    no: "norwegian",
    ro: "romanian",
    ru: "russian",
    sv: "swedish",
    ta: "tamil",
    tr: "turkish",
  };
  const LATIN_STARTS = [
    "coop",
    "negoc",
    "gouvern",
    "sanct",
    "elect",
    "verhand",
    "presid",
    "kansl",
    "ministr",
    "acc",
  ];
  const LATIN_ENDS = [
    "",
    "e",
    "er",
    "era",
    "ation",
    "ations",
    "ement",
    "ements",
    "ions",
    "ungen",
    "ung",
    "ità",
    "ione",
    "ioni",
    "ando",
    "iendo",
    "heid",
    "ssä",
    "lar",
    "ları",
    "eşti",
    "ilor",
    "ene",
    "erne",
    "ing",
    "ingen",
    "os",
    "as",
    "es",
    "ir",
    "ies",
    "ied",
    "ly",
    "ness",
    "ational",
    "izer",
    "fulness",
    "ingly",
    "edly",
  ];
  const CYRILLIC = ["санкци", "переговор", "сотрудничеств", "министр", "правительств"].flatMap((s) =>
    ["", "я", "и", "ий", "ами", "ах", "ов", "ом", "ого", "ему", "ыми", "ость", "ости", "ение"].map(
      (e) => s + e,
    ),
  );
  const ARABIC = [
    "الحكومة",
    "التعاون",
    "روسيا",
    "الولايات",
    "المتحدة",
    "والحكومات",
    "بالتعاون",
    "كتابهم",
    "مدرسون",
  ];

  // Porter2's exceptional forms and its special cases for y, "-eed" and short words.
  const ENGLISH = [
    "skis",
    "skies",
    "dying",
    "lying",
    "tying",
    "idly",
    "gently",
    "ugly",
    "early",
    "only",
    "singly",
    "sky",
    "news",
    "howe",
    "atlas",
    "cosmos",
    "bias",
    "andes",
    "inning",
    "outing",
    "canning",
    "herring",
    "earring",
    "proceed",
    "exceed",
    "succeed",
    "generously",
    "generate",
    "communism",
    "arsenal",
    "cry",
    "sayed",
    "enjoying",
    "yelled",
    "ørsted",
    "łódź",
    "ionisation",
    "fluently",
    "hopefully",
  ];

  const OTHER_SCRIPTS: Record<string, string[]> = {
    ru: CYRILLIC,
    ar: ARABIC,
    hy: ["կառավարություն", "կառավարությունները", "համագործակցություն", "համագործակցությամբ", "նախագահներ"],
    ta: ["அரசாங்கம்", "அரசாங்கங்கள்", "ஒத்துழைப்பு", "ஒத்துழைப்பை", "தேர்தல்களில்"],
  };

  for (const [lang, algorithm] of Object.entries(REFERENCE)) {
    it(`${lang} agrees with snowball-stemmers' ${algorithm}`, () => {
      const reference = snowball.newStemmer(algorithm);
      const stem = stemmerFor(lang);
      assert.ok(stem);
      const words = OTHER_SCRIPTS[lang] ?? [
        ...LATIN_STARTS.flatMap((s) => LATIN_ENDS.map((e) => foldText(s + e))),
        ...ENGLISH.map(foldText),
      ];
      // stem.ts keeps a word that its stemmer strips to nothing.
      const differ = words.filter((w) => stem(w) !== (reference.stem(w) || w));
      assert.deepEqual(differ, []);
    });
  }
});
