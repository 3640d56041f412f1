/**
 * eld's "small" n-gram database, read with `JSON.parse` instead of imported as a module.
 *
 * Why: V8 compiles `eld/small`'s 1.6 MB object literal at a cost of ~150 MB of RSS that stays
 * (the import alone: 191 MB peak; this way: 88 MB), most of the process's baseline and more
 * than half of the 256 MB budget of issue 13.3. Same data, same detector: eld's own file is
 * read as text, its literal read by a small reader (it only uses objects, single-quoted
 * strings, `\'` escapes, bare keys, integers and booleans) and handed to eld's `loadData`. eld is pinned in package.json; if
 * its files move, this falls back to the plain import. The n-gram table itself is packed
 * (eld-packed.ts: ~52 MB of objects -> ~6 MB) and read on the first detection: the detector
 * costs the process ~20 MB, and nothing until a title needs a language.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { eld as EldInstance } from "eld/small";
import { type NgramTable, ngramRowsBuilder, ngramTable, rowsOf } from "./eld-packed.ts";
import type { PackedEld } from "./eld-scores.ts";

type Eld = typeof EldInstance;
type CreateEld = () => { instance: Eld; loadData(data: unknown): unknown };

/**
 * Reads an eld n-gram literal: objects of bare or single-quoted keys (`\'` escapes) whose
 * values are objects, integers, booleans or strings. Builds the objects directly: going through a JSON
 * string first left ~60 MB of garbage at start-up.
 */
const isWordChar = (c: number): boolean =>
  (c >= 0x30 && c <= 0x39) ||
  (c >= 0x41 && c <= 0x5a) ||
  (c >= 0x61 && c <= 0x7a) ||
  c === 0x5f ||
  c === 0x24 ||
  c === 0x2e ||
  c === 0x2d;

/**
 * With `packed`, the `ngrams` table is read straight into typed arrays (eld-packed.ts), never
 * as objects: building them first would put the ~52 MB back into the peak.
 */
export function readNgramLiteral(source: string, packed = false): unknown {
  let at = source.indexOf("{", source.indexOf("ngramsData"));
  const fail = (): never => {
    throw new Error(`unexpected eld n-gram text at ${at}`);
  };
  const readString = (): string => {
    let text = "";
    let from = ++at;
    for (;;) {
      const c = source.charCodeAt(at);
      if (Number.isNaN(c)) fail();
      if (c === 0x27) break;
      if (c === 0x5c) {
        text += source.slice(from, at);
        from = ++at;
      }
      at++;
    }
    text += source.slice(from, at++);
    return text;
  };
  const readWord = (): string => {
    const from = at;
    // Letters, digits, `_`, `$`, `.` and `-`: bare keys and numbers.
    for (let c = source.charCodeAt(at); isWordChar(c); c = source.charCodeAt(at)) at++;
    if (at === from) fail();
    return source.slice(from, at);
  };
  const readValue = (): unknown => {
    const c = source.charAt(at);
    if (c === "{") return readObject();
    if (c === "'") return readString();
    const word = readWord();
    if (word === "true" || word === "false") return word === "true";
    const n = Number(word);
    return Number.isNaN(n) ? fail() : n;
  };
  const readKey = (): string => {
    const key = source.charAt(at) === "'" ? readString() : readWord();
    if (source.charAt(at++) !== ":") fail();
    return key;
  };
  const readObject = (): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    at++;
    while (source.charAt(at) !== "}") {
      const key = readKey();
      out[key] = packed && key === "ngrams" ? readPackedTable() : readValue();
      if (source.charAt(at) === ",") at++;
    }
    at++;
    return out;
  };
  // `{ngram:{lang:score,…},…}`, the same grammar as readObject, into rows.
  const readPackedTable = (): NgramTable => {
    const builder = ngramRowsBuilder();
    if (source.charAt(at++) !== "{") fail();
    while (source.charAt(at) !== "}") {
      const ngram = readKey();
      if (source.charAt(at++) !== "{") fail();
      while (source.charAt(at) !== "}") {
        const lang = Number(readKey());
        const score = Number(readWord());
        if (Number.isNaN(lang) || Number.isNaN(score)) fail();
        builder.pair(lang, score);
        if (source.charAt(at) === ",") at++;
      }
      at++;
      builder.endRow(ngram);
      if (source.charAt(at) === ",") at++;
    }
    at++;
    return ngramTable(builder.done());
  };
  return readObject();
}

const entry = import.meta.resolve("eld");
const createEld = await import(new URL("../languageDetector.js", entry).href).then(
  (module: { createEld: CreateEld }) => module.createEld,
  () => null,
);

/** The plain import, should eld's files move: its data costs ~150 MB, but detection still works. */
const fallback = async (): Promise<Eld> => (await import("eld/small")).eld.newInstance();

/**
 * A fresh detector with the small database (its settings are its own), its data read on the
 * first detection (`--version`, `feeds list` or a poll of unchanged feeds never need it).
 */
let packedData: PackedEld | null = null;
let loadSmall: (() => Eld) | null = null;
export const eldSmall: Eld = createEld === null ? await fallback() : lazyDetector(createEld);

/** The packed data behind eldSmall, read on first use; null when eld's files moved (the fallback). */
export function eldSmallPacked(): PackedEld | null {
  loadSmall?.();
  return packedData;
}

function lazyDetector(create: CreateEld): Eld {
  const { instance, loadData } = create();
  let loaded = false;
  const load = (): Eld => {
    if (loaded) return instance;
    const source = readFileSync(fileURLToPath(new URL("../ngrams/small.js", entry)), "utf8");
    const data = readNgramLiteral(source, true) as { languages: Record<number, string>; ngrams: NgramTable };
    if (loadData(data) !== "S60") throw new Error("unexpected eld data");
    const rows = rowsOf(data.ngrams);
    if (rows === undefined) throw new Error("unexpected eld data: the n-grams are not packed");
    const languages: string[] = [];
    for (const [index, code] of Object.entries(data.languages)) languages[Number(index)] = code;
    packedData = { rows, languages };
    loaded = true;
    return instance;
  };
  loadSmall = load;
  // Settings need no data (enableTextCleanup); everything else reads it.
  return {
    ...instance,
    detect: (text) => load().detect(text),
    setLanguageSubset: (languages) => load().setLanguageSubset(languages),
    info: () => load().info(),
  };
}
