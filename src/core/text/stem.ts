import { stemmer as arabic } from "@orama/stemmers/arabic";
import { stemmer as armenian } from "@orama/stemmers/armenian";
import { stemmer as danish } from "@orama/stemmers/danish";
import { stemmer as dutch } from "@orama/stemmers/dutch";
import { stemmer as finnish } from "@orama/stemmers/finnish";
import { stemmer as french } from "@orama/stemmers/french";
import { stemmer as german } from "@orama/stemmers/german";
import { stemmer as hungarian } from "@orama/stemmers/hungarian";
import { stemmer as irish } from "@orama/stemmers/irish";
import { stemmer as italian } from "@orama/stemmers/italian";
import { stemmer as norwegian } from "@orama/stemmers/norwegian";
import { stemmer as portuguese } from "@orama/stemmers/portuguese";
import { stemmer as romanian } from "@orama/stemmers/romanian";
import { stemmer as russian } from "@orama/stemmers/russian";
import { stemmer as spanish } from "@orama/stemmers/spanish";
import { stemmer as swedish } from "@orama/stemmers/swedish";
import { stemmer as tamil } from "@orama/stemmers/tamil";
import { stemmer as turkish } from "@orama/stemmers/turkish";
import { stem as porter2 } from "porter2";
import * as snowballModule from "snowball-stemmers";

// ESM sees the CommonJS exports as `default`; tsx in CommonJS mode sees them directly.
const snowball = snowballModule.default ?? snowballModule;

export type StemFn = (word: string) => string;

/**
 * Snowball stemming per language, on FOLDED words (so `cooperer` and `coopérer` always
 * share a stem: accent-blindness holds before stemming), cached per language.
 *
 * Three packages of the same Snowball algorithms: `@orama/stemmers` ships the code the
 * Snowball compiler generates for JavaScript, 5–8× faster than `snowball-stemmers` (a
 * 2014 port) and giving the same stems on the bench vocabulary of every language listed
 * here; that speed is what lets an index of 100,000 rules stem its words for a new item
 * language in well under a second. Orama's `english` is a different algorithm (Porter 1,
 * "election" → "elec"); English is Snowball's Porter2 from `porter2`, about 30× faster than
 * `snowball-stemmers` and equal to it on every word of the shared corpora (25,550) and on
 * the agreement test's shapes. The languages neither has stay on `snowball-stemmers`
 * (named by a string below).
 */
const LANGUAGES: Record<string, StemFn | string> = {
  ar: arabic,
  hy: armenian,
  eu: "basque",
  ca: "catalan",
  cs: "czech",
  da: danish,
  nl: dutch,
  en: porter2,
  fi: finnish,
  fr: french,
  de: german,
  hu: hungarian,
  it: italian,
  ga: irish,
  no: norwegian,
  nb: norwegian,
  nn: norwegian,
  pt: portuguese,
  ro: romanian,
  ru: russian,
  es: spanish,
  sl: "slovene",
  sv: swedish,
  ta: tamil,
  tr: turkish,
};

/**
 * Each stemmer works on one script; a word in another script is left as it is without
 * calling it (a French stemmer has nothing to strip from "москва"). Ranges are of folded text.
 */
const LATIN = (cp: number): boolean => cp < 0x250;
const SCRIPTS: Record<string, (cp: number) => boolean> = {
  ar: (cp) => cp >= 0x600 && cp <= 0x6ff,
  hy: (cp) => cp >= 0x530 && cp <= 0x58f,
  ru: (cp) => cp >= 0x400 && cp <= 0x52f,
  ta: (cp) => cp >= 0xb80 && cp <= 0xbff,
};

/** Words longer than this are left as they are: no natural word is, and it bounds the cost. */
const MAX_STEMMED_LENGTH = 40;
const CACHE_LIMIT = 500_000;

/**
 * Spanish and Portuguese stemmers recognise some suffixes only with their accent
 * (`-ación`, `-ção`), which folding removed. Putting the accent back on the folded word
 * is a function of the folded word alone, so equal folded words still share a stem.
 */
const REACCENT: Record<string, [string, string][]> = {
  es: [
    ["ciones", "ciones"],
    ["cion", "ción"],
    ["sion", "sión"],
  ],
  pt: [
    ["coes", "ções"],
    ["cao", "ção"],
    ["encia", "ência"],
    ["ancia", "ância"],
    ["avel", "ável"],
    ["ivel", "ível"],
  ],
};

function reaccent(word: string, rules: [string, string][] | undefined): string {
  if (rules === undefined) return word;
  for (const [from, to] of rules) {
    if (word.endsWith(from)) return word.slice(0, word.length - from.length) + to;
  }
  return word;
}

/** A `snowball-stemmers` algorithm, by its name there. */
function snowballStemmer(algorithm: string): StemFn {
  const stemmer = snowball.newStemmer(algorithm);
  return (word) => stemmer.stem(word);
}

const stemmers = new Map<string, { remembering: StemFn; reading: StemFn }>();

/** primaryLanguage's answers: every item asks, with one of a few codes. Bounded: codes come from feeds. */
const primaries = new Map<string, string | null>();

/** `fr-CA` → `fr`; null for a missing language. */
export function primaryLanguage(lang: string | null): string | null {
  if (lang === null) return null;
  const known = primaries.get(lang);
  if (known !== undefined) return known;
  const code = lang.trim().toLowerCase().split(/[-_]/)[0] ?? "";
  const primary = code === "" ? null : code;
  if (primaries.size >= 1000) primaries.clear();
  primaries.set(lang, primary);
  return primary;
}

/**
 * The cached stemmer for a language code, or null when there is none (exact matching then).
 * With `remember: false`, a stemmer that reads the same cache but does not add to it: for the
 * rule index, which stems each rule word once per language when it builds a language's
 * tables; remembered, tens of thousands of such words would make the cache of item words
 * large and slow for nothing.
 */
export function stemmerFor(lang: string | null, remember = true): StemFn | null {
  const primary = primaryLanguage(lang);
  if (primary === null) return null;
  const pair = stemmers.get(primary) ?? newStemmer(primary);
  if (pair === null) return null;
  return remember ? pair.remembering : pair.reading;
}

function newStemmer(primary: string): { remembering: StemFn; reading: StemFn } | null {
  const algorithm = LANGUAGES[primary];
  if (algorithm === undefined) return null;
  const stemmer = typeof algorithm === "string" ? snowballStemmer(algorithm) : algorithm;
  const cache = new Map<string, string>();
  const accents = REACCENT[primary];
  const inScript = SCRIPTS[primary] ?? LATIN;
  const compute = (word: string): string => {
    const stemmed = word.length > MAX_STEMMED_LENGTH ? word : stemmer(reaccent(word, accents));
    // Czech strips short words to nothing ("us", "os", "a" all → ""), which would make them
    // one another's inflections: a word with no stem left stands for itself.
    return stemmed === "" ? word : stemmed;
  };
  const remembering: StemFn = (word) => {
    if (!inScript(word.charCodeAt(0))) return word;
    const hit = cache.get(word);
    if (hit !== undefined) return hit;
    const stem = compute(word);
    // A full cache is dropped rather than evicted entry by entry: simpler, and it refills fast.
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(word, stem);
    return stem;
  };
  const reading: StemFn = (word) => {
    if (!inScript(word.charCodeAt(0))) return word;
    return cache.get(word) ?? compute(word);
  };
  const pair = { remembering, reading };
  stemmers.set(primary, pair);
  return pair;
}

/**
 * Whether the stemmer of `lang` may change `word`: false for a word of another script,
 * which it returns as it is (the rule index keeps such words out of a language's stem tables).
 */
export function stemmerTouches(lang: string): (word: string) => boolean {
  const inScript = SCRIPTS[primaryLanguage(lang) ?? ""] ?? LATIN;
  return (word) => inScript(word.charCodeAt(0));
}

export function stemmingLanguages(): string[] {
  return Object.keys(LANGUAGES);
}
