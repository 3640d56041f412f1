import fc from "fast-check";
import type { MatchInput } from "./prepare.ts";

/**
 * Random rule texts and items over a small multilingual vocabulary, for the property
 * tests (print/parse round trip, index = brute force). Words repeat on purpose so that
 * random rules do match random items.
 */
export const VOCABULARY = [
  "russie",
  "Russie",
  "États-Unis",
  "etats",
  "unis",
  "coopérer",
  "coopération",
  "sanctions",
  "sanction",
  "Ukraine",
  "l’Ukraine",
  "US",
  "us",
  "OTAN",
  "Otan",
  "l’Otan",
  "otan",
  "paix",
  "guerre",
  "negotiating",
  "negotiate",
  "Москва",
  "санкции",
  "روسيا",
  "美国",
  "G7",
];

export const ALIASES = { usa: ["États-Unis", "USA", "United States"], peace: ["paix", "peace talks"] };

const word = fc.constantFrom(...VOCABULARY);
const plain = fc.constantFrom(
  "russie",
  "etats",
  "cooperer",
  "sanction",
  "ukraine",
  "paix",
  "guerre",
  "negotiate",
);

const term: fc.Arbitrary<string> = fc.oneof(
  word,
  word.map((w) => `=${w}`),
  fc.array(word, { minLength: 1, maxLength: 3 }).map((ws) => `"${ws.join(" ")}"`),
  fc.array(word, { minLength: 1, maxLength: 2 }).map((ws) => `«${ws.join(" ")}»`),
  plain.map((w) => `${w.slice(0, 3)}*`),
  fc.constantFrom(
    "US",
    "OTAN",
    "EU",
    "@usa",
    "@peace",
    "lang:fr",
    "lang:en",
    "domain:rfi.fr",
    "domain:bbc.co.uk",
  ),
  fc
    .tuple(fc.constantFrom("title", "text", "source", "author", "category"), word)
    .map(([f, w]) => `${f}:${w}`),
);

const near = fc
  .tuple(term, fc.integer({ min: 0, max: 6 }), term)
  .filter(([a, , b]) => !/^(@|lang:|domain:)/.test(a) && !/^(@|lang:|domain:)/.test(b))
  .map(([a, n, b]) => `${a} NEAR/${n} ${b}`);

export const ruleText: fc.Arbitrary<string> = fc.letrec<{ rule: string }>((tie) => ({
  rule: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    term,
    near,
    fc.tuple(tie("rule"), tie("rule")).map(([a, b]) => `${a} AND ${b}`),
    fc.tuple(tie("rule"), tie("rule")).map(([a, b]) => `${a} OR ${b}`),
    fc.tuple(tie("rule"), tie("rule")).map(([a, b]) => `${a} ${b}`),
    tie("rule").map((a) => `NOT ${a}`),
    tie("rule").map((a) => `(${a})`),
    fc.tuple(tie("rule"), tie("rule")).map(([a, b]) => `(${a}) -(${b})`),
  ),
})).rule;

/** A word, an exact word or a two-word phrase: the terms a key confirms alone (confirm.ts). */
const simple = fc.oneof(
  word,
  word.map((w) => `=${w}`),
  fc.tuple(word, word).map(([a, b]) => `"${a} ${b}"`),
);

/**
 * Rules of the shapes the rule index confirms without evaluating (exclusions, title terms),
 * mixed with near misses of those shapes that must be evaluated.
 */
export const shortcutRuleText: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(simple, simple).map(([t, u]) => `${t} AND NOT ${u}`),
  fc.tuple(simple, simple, simple).map(([t, u, v]) => `${t} -${u} -${v}`),
  fc.tuple(simple, word).map(([t, w]) => `title:${w} AND NOT ${t}`),
  fc.tuple(word, simple).map(([w, t]) => `title:${w} OR ${t}`),
  fc.tuple(word, simple).map(([w, t]) => `title:${w} OR source:${t} OR author:${w}`),
  simple.map((t) => `title:${t}`),
  simple.map((t) => `${t} OR title:${t}`),
  simple.map((t) => `${t} AND NOT ${t}`),
  fc.tuple(simple, simple).map(([t, u]) => `${t} AND NOT title:${u}`),
  fc.tuple(simple, simple).map(([t, u]) => `(${t} OR ${u}) -${u}`),
  // A precondition beside them (confirm.ts: IF_CONDITION), and a word that may be only in
  // the source, author or categories (a key found there is passed over).
  fc
    .tuple(
      fc.constantFrom("lang:fr", "lang:ru", "source:RFI", "author:dupont", "domain:rfi.fr"),
      simple,
      simple,
    )
    .map(([c, t, u]) => `${c} AND (${t} OR ${u}) -${u}`),
  fc
    .tuple(fc.constantFrom("source:BBC", "category:paix", "lang:en"), simple)
    .map(([c, t]) => `${c} AND ${t}`),
  // The condition's key may be the cheaper one: the rule is then filed under it.
  fc
    .tuple(fc.constantFrom("source:monde", "author:dupont", "category:paix"), simple)
    .map(([c, t]) => `${c} AND (${c.split(":")[1]} OR ${t} OR lang:fr)`),
  fc.tuple(fc.constantFrom("source:BBC", "lang:cs"), word).map(([c, w]) => `${c} AND title:${w} -monde`),
  fc.constantFrom("monde", "dupont", "rfi", '"le monde"', "title:monde", "afp OR bbc"),
);

export const itemInput: fc.Arbitrary<MatchInput> = fc.record({
  title: fc.array(word, { maxLength: 8 }).map((ws) => ws.join(" ")),
  summary: fc.array(word, { maxLength: 6 }).map((ws) => ws.join(", ")),
  content: fc.constantFrom("", "Les négociations de paix", "Sanctions against Москва"),
  source: fc.constantFrom("RFI", "BBC", "Le Monde"),
  author: fc.constantFrom(null, "Jean Dupont", "AFP"),
  categories: fc.array(word, { maxLength: 2 }),
  lang: fc.constantFrom(null, "fr", "en", "ru", "ar", "cs", "zh", "fr-CA"),
  link: fc.constantFrom(null, "https://www.rfi.fr/x", "https://bbc.co.uk/news/1", "not a url"),
});
