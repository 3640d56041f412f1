/**
 * Compares language detectors on the labelled headlines (test/fixtures/language): top-1
 * accuracy, accuracy and coverage when only confident answers count, items/s and the heap
 * each one adds. The candidates are not dependencies; install them in a scratch folder and
 * point NODE_PATH-free resolution at it by running from there:
 *
 *   mkdir /tmp/langcmp && cd /tmp/langcmp && npm init -y && npm i eld@2.1.0 franc-min@6.2.0 tinyld@1.3.4 languagedetect@2.0.0
 *   node --expose-gc --import tsx <repo>/scripts/language-compare.ts [candidate]
 *
 * (tsx must resolve from the repository: use `--import <repo>/node_modules/tsx/dist/esm/index.mjs`.)
 * Confidence is each library's own lead of the best language over the runner-up; the numbers
 * are in docs/language-detection.md.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

type Guess = { lang: string | null; confidence: number };
type Detect = (text: string) => Guess;

// Loaded from the working directory (the scratch folder), by file: the ESM-only packages
// export no path require.resolve may use.
const load = createRequire(join(process.cwd(), "noop.js"));
const FILES: Record<string, string> = {
  "eld/small": "eld/src/entries/static.small.js",
  "franc-min": "franc-min/index.js",
  tinyld: "tinyld/dist/tinyld.normal.node.mjs",
};
const importFrom = async (name: string): Promise<Record<string, unknown>> =>
  (await import(pathToFileURL(join(process.cwd(), "node_modules", FILES[name] ?? name)).href)) as Record<
    string,
    unknown
  >;

/** franc answers in ISO 639-3. */
const ISO3: Record<string, string> = {
  eng: "en",
  fra: "fr",
  deu: "de",
  spa: "es",
  ita: "it",
  por: "pt",
  rus: "ru",
  arb: "ar",
  nld: "nl",
  tur: "tr",
  pol: "pl",
  urd: "ur",
  ces: "cs",
  nob: "no",
  ell: "el",
  hin: "hi",
  ukr: "uk",
  bul: "bg",
};

const lead = (a: number, b: number): number => (a > 0 ? (a - b) / a : 0);

const CANDIDATES: Record<string, () => Promise<Detect>> = {
  "eld/small": async () => {
    const { eld } = (await importFrom("eld/small")) as {
      eld: { detect(t: string): { language: string; getScores(): Record<string, number> } };
    };
    return (text) => {
      const r = eld.detect(text);
      const s = Object.values(r.getScores());
      return { lang: r.language || null, confidence: lead(s[0] ?? 0, s[1] ?? 0) };
    };
  },
  "franc-min": async () => {
    const { francAll } = (await importFrom("franc-min")) as {
      francAll(t: string, o: object): [string, number][];
    };
    return (text) => {
      const r = francAll(text, { minLength: 3 });
      const [code = "und", score = 0] = r[0] ?? [];
      return code === "und"
        ? { lang: null, confidence: 0 }
        : { lang: ISO3[code] ?? code, confidence: score - (r[1]?.[1] ?? 0) };
    };
  },
  tinyld: async () => {
    const { detectAll } = (await importFrom("tinyld")) as {
      detectAll(t: string): { lang: string; accuracy: number }[];
    };
    return (text) => {
      const [a, b] = detectAll(text);
      return { lang: a?.lang || null, confidence: a === undefined ? 0 : a.accuracy - (b?.accuracy ?? 0) };
    };
  },
  languagedetect: async () => {
    const LanguageDetect = load("languagedetect") as new () => {
      setLanguageType(t: string): void;
      detect(t: string, n: number): [string, number][];
    };
    const detector = new LanguageDetect();
    detector.setLanguageType("iso2");
    return (text) => {
      const [a, b] = detector.detect(text, 2);
      return { lang: a?.[0] ?? null, confidence: a === undefined ? 0 : lead(a[1], b?.[1] ?? 0) };
    };
  },
};

const rows = readFileSync(new URL("../test/fixtures/language/headlines.tsv", import.meta.url), "utf8")
  .trim()
  .split("\n")
  .slice(1)
  .map((line) => {
    const [lang = "", , , title = ""] = line.split("\t");
    return { lang, title };
  });

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const only = process.argv[2];
for (const [name, create] of Object.entries(CANDIDATES)) {
  if (only !== undefined && name !== only) continue;
  gc();
  const heap0 = process.memoryUsage().heapUsed;
  const detect = await create();
  gc();
  const heapMb = (process.memoryUsage().heapUsed - heap0) / 1e6;
  const guesses = rows.map((r) => detect(r.title));
  const t0 = performance.now();
  for (const r of rows) detect(r.title);
  const perS = rows.length / ((performance.now() - t0) / 1000);
  const points = [0, 0.05, 0.1, 0.15, 0.2].map((min) => {
    let answered = 0;
    let right = 0;
    guesses.forEach((g, i) => {
      if (g.lang === null || g.confidence < min) return;
      answered++;
      if (g.lang === rows[i]?.lang) right++;
    });
    return `≥${min}: ${((100 * right) / Math.max(answered, 1)).toFixed(1)} % right, ${((100 * answered) / rows.length).toFixed(1)} % answered`;
  });
  console.log(
    `${name}: ${Math.round(perS)} headlines/s, heap +${heapMb.toFixed(0)} MB\n  ${points.join(" | ")}`,
  );
}
