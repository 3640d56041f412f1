/**
 * eld's "small" n-gram database, read with `JSON.parse` instead of imported as a module.
 *
 * Why: V8 compiles `eld/small`'s 1.6 MB object literal at a cost of ~150 MB of RSS that stays
 * (the import alone: 191 MB peak; this way: 88 MB), most of the process's baseline and more
 * than half of the 256 MB budget of issue 13.3. Same data, same detector: eld's own file is
 * read as text, its literal read by a small reader (it only uses objects, single-quoted
 * strings, `\'` escapes, bare keys, integers and booleans) and handed to eld's `loadData`. eld is pinned in package.json; if
 * its files move, this falls back to the plain import.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { eld as EldInstance } from "eld/small";

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

export function readNgramLiteral(source: string): unknown {
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
  const readObject = (): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    at++;
    while (source.charAt(at) !== "}") {
      const key = source.charAt(at) === "'" ? readString() : readWord();
      if (source.charAt(at++) !== ":") fail();
      out[key] = readValue();
      if (source.charAt(at) === ",") at++;
    }
    at++;
    return out;
  };
  return readObject();
}

async function loadSmall(): Promise<Eld> {
  try {
    const entry = import.meta.resolve("eld");
    const { createEld } = (await import(new URL("../languageDetector.js", entry).href)) as {
      createEld: CreateEld;
    };
    const source = readFileSync(fileURLToPath(new URL("../ngrams/small.js", entry)), "utf8");
    const { instance, loadData } = createEld();
    if (loadData(readNgramLiteral(source)) !== "S60") throw new Error("unexpected eld data");
    return instance;
  } catch {
    return (await import("eld/small")).eld.newInstance();
  }
}

/** A fresh detector with the small database (its settings are its own). */
export const eldSmall: Eld = await loadSmall();
