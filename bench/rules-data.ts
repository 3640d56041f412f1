/**
 * Seeded generator of multilingual news-like items and topic rules for bench/rules.ts.
 * Words are built from each language's syllables (with its accents and script) plus a
 * few real words; items draw words with a Zipf-like skew, as news text does. Phrase
 * rules are half taken from generated text (so they match sometimes), half random.
 */
import type { MatchInput } from "../src/core/rules/index.ts";
import { seededRandom as rng } from "../test/support/random.ts";

const LANGS = {
  fr: {
    syl: [
      "ré",
      "pa",
      "tion",
      "coo",
      "pé",
      "rer",
      "mi",
      "nis",
      "tè",
      "re",
      "gou",
      "ver",
      "ne",
      "ment",
      "é",
      "tat",
      "sé",
      "cu",
      "ri",
      "té",
      "fran",
      "ç",
      "ais",
      "eau",
      "œu",
      "vre",
      "con",
      "flit",
      "ê",
      "tre",
    ],
    real: [
      "Russie",
      "États-Unis",
      "coopérer",
      "l’Ukraine",
      "négociations",
      "gouvernement",
      "sécurité",
      "élection",
      "président",
      "d’accord",
      "qu’il",
      "août",
    ],
  },
  en: {
    syl: [
      "go",
      "vern",
      "ment",
      "ne",
      "go",
      "ti",
      "ate",
      "sanc",
      "tion",
      "se",
      "cu",
      "ri",
      "ty",
      "pre",
      "si",
      "dent",
      "ing",
      "ed",
      "war",
      "peace",
      "tal",
      "ks",
      "mar",
      "ket",
      "oil",
    ],
    real: [
      "Russia",
      "United",
      "States",
      "sanctions",
      "talks",
      "ceasefire",
      "Trump’s",
      "minister",
      "US",
      "EU",
      "economy",
    ],
  },
  de: {
    syl: [
      "ver",
      "hand",
      "lung",
      "en",
      "re",
      "gie",
      "rung",
      "bun",
      "des",
      "stra",
      "ße",
      "grü",
      "ne",
      "wäh",
      "ler",
      "schaft",
      "ö",
      "ko",
      "no",
      "mie",
      "kanz",
      "ler",
    ],
    real: ["Bundesregierung", "Sanktionen", "Verhandlungen", "Außenminister", "Grüne", "Wähler", "Straße"],
  },
  es: {
    syl: [
      "ne",
      "go",
      "cia",
      "ción",
      "go",
      "bier",
      "no",
      "pre",
      "si",
      "den",
      "te",
      "e",
      "lec",
      "cio",
      "nes",
      "pa",
      "ís",
      "se",
      "gu",
      "ri",
      "dad",
      "ñ",
      "a",
    ],
    real: ["España", "negociación", "gobierno", "elecciones", "país", "México", "acuerdo"],
  },
  it: {
    syl: [
      "go",
      "ver",
      "no",
      "e",
      "le",
      "zio",
      "ni",
      "mi",
      "ni",
      "stro",
      "cit",
      "tà",
      "pa",
      "ce",
      "ac",
      "cor",
      "do",
      "eco",
      "no",
      "mi",
      "a",
    ],
    real: ["governo", "elezioni", "ministro", "città", "dell’Europa", "accordo"],
  },
  ru: {
    syl: [
      "пра",
      "ви",
      "тель",
      "ство",
      "сан",
      "кци",
      "и",
      "пе",
      "ре",
      "го",
      "во",
      "ры",
      "ми",
      "нистр",
      "ёл",
      "ка",
      "й",
      "со",
      "труд",
      "ни",
      "че",
      "ство",
    ],
    real: ["Россия", "США", "санкции", "переговоры", "министр", "сотрудничестве", "ёлка"],
  },
  ar: {
    syl: [
      "ال",
      "حك",
      "و",
      "مة",
      "ت",
      "عا",
      "ون",
      "رو",
      "سي",
      "ا",
      "مف",
      "او",
      "ضا",
      "ت",
      "سَّ",
      "لَا",
      "مُ",
      "ـ",
    ],
    real: ["روسيا", "الولايات", "المتحدة", "التعاون", "السَّلَامُ", "الحكومة"],
  },
} as const;

export type Lang = keyof typeof LANGS;
export const LANG_CODES = Object.keys(LANGS) as Lang[];
const SOURCES = ["RFI", "AFP", "BBC", "Der Spiegel", "El País", "Corriere", "ТАСС", "الجزيرة"];
const VOCABULARY_SIZE = 10_000;

export interface Corpus {
  vocab: Record<Lang, string[]>;
  items: (MatchInput & { lang: Lang })[];
}

function buildVocab(random: () => number): Record<Lang, string[]> {
  const vocab = {} as Record<Lang, string[]>;
  for (const lang of LANG_CODES) {
    const { syl, real } = LANGS[lang];
    const words = new Set<string>(real);
    while (words.size < VOCABULARY_SIZE) {
      const n = 2 + Math.floor(random() * 3);
      let w = "";
      for (let i = 0; i < n; i++) w += syl[Math.floor(random() * syl.length)] ?? "";
      if (w.replace(/[\u0300-\u036f\u064b-\u0652ـ]/g, "").length >= 3) words.add(w);
    }
    vocab[lang] = [...words];
  }
  return vocab;
}

/** Zipf-like index: a few words are very frequent, most are rare. */
function skewed(random: () => number, n: number): number {
  return Math.min(n - 1, Math.floor(n * random() ** 3));
}

function sentence(random: () => number, words: string[], min: number, max: number): string {
  const n = min + Math.floor(random() * (max - min + 1));
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    let w = words[skewed(random, words.length)] ?? "";
    if (i === 0 || random() < 0.08) w = (w[0] ?? "").toUpperCase() + w.slice(1);
    out.push(w);
  }
  const text = out.join(random() < 0.3 ? "\u00a0" : " ");
  return random() < 0.2 ? `${text} «${out[0] ?? ""}»` : text;
}

export function generateCorpus(seed: number, count: number, vocab?: Record<Lang, string[]>): Corpus {
  const random = rng(seed);
  const v = vocab ?? buildVocab(rng(1234));
  const items: Corpus["items"] = [];
  for (let i = 0; i < count; i++) {
    const lang = LANG_CODES[i % LANG_CODES.length] ?? "fr";
    items.push({
      title: sentence(random, v[lang], 7, 14),
      summary: sentence(random, v[lang], 18, 40),
      content: "",
      source: SOURCES[Math.floor(random() * SOURCES.length)] ?? "RFI",
      author: null,
      categories: [],
      lang,
      link: `https://www.example-${lang}.org/news/${i}`,
    });
  }
  return { vocab: v, items };
}

export interface GeneratedRule {
  text: string;
  /** A plain quoted phrase (the subset compared with Aho-Corasick). */
  phrase: boolean;
}

function words(text: string): string[] {
  return text.split(/[\s\u00a0«»]+/).filter((w) => w !== "");
}

/** 60 % one word, 30 % two-word and 10 % three-word phrases; 8 % of all are boolean rules. */
export function generateRules(seed: number, count: number, corpus: Corpus): GeneratedRule[] {
  const random = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const word = (): string => {
    const lang = pick(LANG_CODES);
    const v = corpus.vocab[lang];
    // Topics name words from anywhere in the vocabulary, not only the frequent ones.
    return v[Math.floor(v.length * random())] ?? "x";
  };
  const phraseOf = (n: number): string => {
    if (random() < 0.5) {
      const ws = words(pick(corpus.items).summary);
      const at = Math.floor(random() * Math.max(1, ws.length - n));
      return ws.slice(at, at + n).join(" ");
    }
    return Array.from({ length: n }, word).join(" ");
  };
  const rules: GeneratedRule[] = [];
  for (let i = 0; i < count; i++) {
    const r = random();
    if (random() < 0.08) {
      const kind = Math.floor(random() * 5);
      const [a, b] = [word(), word()];
      const text =
        kind === 0
          ? `${a} AND NOT ${b}`
          : kind === 1
            ? `title:${a} OR "${phraseOf(2)}"`
            : kind === 2
              ? `source:${pick(SOURCES).split(" ")[0]} AND ${a}`
              : kind === 3
                ? `${a} NEAR/3 ${b}`
                : `lang:${pick(LANG_CODES)} AND (${a} OR ${b}) -${word()}`;
      rules.push({ text, phrase: false });
    } else if (r < 0.6) rules.push({ text: word(), phrase: false });
    else rules.push({ text: `"${phraseOf(r < 0.9 ? 2 : 3)}"`, phrase: true });
  }
  return rules;
}
