import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { eld as imported } from "eld/small";
import { eldSmall, readNgramLiteral } from "./eld-small.ts";

const smallFile = new URL("../ngrams/small.js", import.meta.resolve("eld"));

test("the n-gram literal read as text is eld's own data, value for value", async () => {
  const { ngramsData } = (await import(smallFile.href)) as { ngramsData: unknown };
  assert.deepEqual(readNgramLiteral(readFileSync(smallFile, "utf8")), ngramsData);
});

test("the packed table answers every n-gram as eld's own object does, and nothing else", async () => {
  const { ngramsData } = (await import(smallFile.href)) as {
    ngramsData: { ngrams: Record<string, Record<number, number>> };
  };
  const packed = readNgramLiteral(readFileSync(smallFile, "utf8"), true) as typeof ngramsData;
  const keys = Object.keys(ngramsData.ngrams);
  assert.ok(keys.length > 80_000, `${keys.length} n-grams`);
  for (const key of keys) {
    const own = ngramsData.ngrams[key];
    const read = packed.ngrams[key];
    assert.deepEqual(read, own, key);
    // eld iterates the languages with for-in: same order.
    assert.deepEqual(Object.keys(read ?? {}), Object.keys(own ?? {}), key);
  }
  for (const absent of ["zzzzzz", "constructor", "__proto__", "toString", ""])
    assert.equal(
      packed.ngrams[absent],
      Object.hasOwn(ngramsData.ngrams, absent) ? ngramsData.ngrams[absent] : undefined,
    );
});

test("the detector loaded this way is not the fallback and detects as eld/small does", () => {
  assert.equal((eldSmall as { newInstance?: unknown }).newInstance, undefined, "the fallback was used");
  for (const text of [
    "Le président de la République a annoncé",
    "Трамп заявил о переговорах",
    "The talks resume",
  ]) {
    assert.deepEqual(eldSmall.detect(text).getScores(), imported.detect(text).getScores(), text);
  }
});

test("a malformed literal is an error, not a silent half-load", () => {
  assert.throws(
    () => readNgramLiteral("export const ngramsData = {type:'S60',ngrams:{'ab':{0:x"),
    /unexpected/,
  );
});
