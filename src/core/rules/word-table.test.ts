import assert from "node:assert/strict";
import { test } from "node:test";
import { stemmerFor } from "../text/stem.ts";
import { fingerprintWord, hashWord } from "./index/index.ts";
import { item } from "./item.test-support.ts";
import { prepareItem } from "./prepare.ts";
import {
  fingerprintOf,
  hashOf,
  nextItemStamp,
  stemEntry,
  wordEntry,
  words,
  wordTableSize,
} from "./word-table.ts";

/** What the matcher reads of a prepared item (the rest is its input and tokens). */
function facts(input: ReturnType<typeof item>): unknown {
  return factsOf(prepareItem(input));
}

function factsOf(p: ReturnType<typeof prepareItem>): unknown {
  return {
    words: p.words,
    stems: p.stems,
    hashes: [p.wordHashes, p.stemHashes, p.wordFingerprints, p.stemFingerprints],
    ids: [p.wordIds, p.stemIds, p.wordHead, p.wordNext, p.stemHead, p.stemNext],
    inScript: p.stemsInScript,
    counts: [p.wordCounts, p.stemCounts],
    maps: [p.words.map((w) => p.wordIdOf.get(w)), [...p.stemIdOf], p.wordIdOf.get("<no such word>")],
  };
}

const sample = item("Les négociations reprennent à Moscou", {
  summary: "Moscou et Washington négocient; les négociations portent sur l’Ukraine",
  lang: "fr",
});

test("an entry holds the word's hashes and its stem per stemmer", () => {
  const e = wordEntry("negociations");
  assert.equal(hashOf(e), hashWord("negociations"));
  assert.equal(fingerprintOf(e), fingerprintWord("negociations"));
  const fr = stemmerFor("fr", false);
  const en = stemmerFor("en", false);
  assert.ok(fr && en);
  assert.equal(words[stemEntry(e, fr)], fr("negociations"));
  assert.equal(words[stemEntry(e, en)], en("negociations"));
  assert.equal(wordEntry("negociations"), e);
});

test("items prepared one after another do not share ids", () => {
  const first = facts(sample);
  prepareItem(item("Moscou Moscou Ukraine", { lang: "fr" }));
  assert.deepEqual(facts(sample), first);
});

test("a full table is dropped between items: items prepared before and after agree", () => {
  const before = facts(sample);
  const kept = prepareItem(sample);
  // Hostile feed text: a stream of new words. The table must not grow past its limit.
  for (let i = 0; i < 250_000; i++) {
    if (i % 1000 === 0) nextItemStamp();
    wordEntry(`w${i}x`);
  }
  assert.ok(wordTableSize() <= 200_000, `${wordTableSize()} entries`);
  assert.deepEqual(facts(sample), before);
  assert.deepEqual(kept.words, (before as { words: string[] }).words);
  // Its stems are computed on first use, after the table it was prepared with was dropped.
  assert.deepEqual(factsOf(kept), before);
});
