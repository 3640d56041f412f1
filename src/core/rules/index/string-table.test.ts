import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import {
  fingerprintPair,
  fingerprintWord,
  hashPair,
  hashWord,
  keyFingerprint,
  keyHash,
  NONE,
  StringTable,
} from "./string-table.ts";

/** What the item side finds under `key`: hashed word by word, as prepareItem and checkPairs do. */
function lookUp(table: StringTable, key: string): number[] {
  const [a = "", b] = key.split(" ");
  const found =
    b === undefined
      ? table.get(hashWord(a), fingerprintWord(a))
      : table.get(
          hashPair(hashWord(a), hashWord(b)),
          fingerprintPair(fingerprintWord(a), fingerprintWord(b)),
        );
  return Array.from({ length: table.count(found) }, (_, i) => table.slotAt(found, i)).sort((x, y) => x - y);
}

const word = fc.stringMatching(/^[a-zé]{1,4}$/);
const key = fc.oneof(
  word,
  fc.tuple(word, word).map(([a, b]) => `${a} ${b}`),
);

describe("StringTable", () => {
  it("agrees with a Map through adds, removes, tombstones and rebuilds", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), key, fc.nat(5)), { maxLength: 400 }), (ops) => {
        const table = new StringTable();
        const model = new Map<string, number[]>();
        for (const [add, k, slot] of ops) {
          const list = model.get(k) ?? [];
          if (add) {
            table.add(k, slot);
            model.set(k, [...list, slot]);
          } else if (list.includes(slot)) {
            table.remove(k, slot);
            list.splice(list.indexOf(slot), 1);
            if (list.length === 0) model.delete(k);
          }
        }
        assert.equal(table.size, model.size);
        for (const [k, list] of model)
          assert.deepEqual(
            lookUp(table, k),
            [...list].sort((x, y) => x - y),
          );
        const seen = new Map<string, number>();
        table.forEach((k, slots) => {
          seen.set(k, typeof slots === "number" ? 1 : slots.length);
        });
        assert.deepEqual([...seen].sort(), [...model].map(([k, list]) => [k, list.length]).sort());
        for (const [, k] of ops) if (!model.has(k)) assert.deepEqual(lookUp(table, k), []);
      }),
      { numRuns: 200, seed: 11 },
    );
  });

  it("tells a pair from the word that spells it, and grows past its first size", () => {
    const table = new StringTable(2);
    table.add("etats unis", 1);
    for (let i = 0; i < 5000; i++) table.add(`w${i}`, i);
    assert.deepEqual(lookUp(table, "etats unis"), [1]);
    assert.deepEqual(lookUp(table, "etats"), []);
    assert.deepEqual(lookUp(table, "w4999"), [4999]);
    assert.equal(table.size, 5001);
  });

  it("holds the empty key (a stemmer can strip a word to nothing)", () => {
    const table = new StringTable();
    table.add("", 4);
    table.add("a", 5);
    assert.deepEqual(lookUp(table, ""), [4]);
    assert.equal(table.size, 2);
    table.remove("", 4);
    assert.deepEqual(lookUp(table, ""), []);
    assert.deepEqual(lookUp(table, "a"), [5]);
    assert.equal(table.size, 1);
  });

  it("keeps keys whose hashes collide apart by their fingerprints", () => {
    // Two words with the same hashWord (found by search), so the same bucket chain.
    const [a, b] = ["opcwesc", "kmkjbhy"];
    assert.equal(hashWord(a), hashWord(b));
    assert.notEqual(fingerprintWord(a), fingerprintWord(b));
    const table = new StringTable();
    table.add(a, 1);
    table.add(b, 2);
    table.add(`${a} ${b}`, 3);
    assert.deepEqual(lookUp(table, a), [1]);
    assert.deepEqual(lookUp(table, b), [2]);
    assert.deepEqual(lookUp(table, `${a} ${b}`), [3]);
    table.remove(a, 1);
    assert.deepEqual(lookUp(table, a), []);
    assert.deepEqual(lookUp(table, b), [2]);
  });

  it("hashes a key as the item side does, word by word", () => {
    for (const key of ["russie", "etats unis", "", "москва сша"]) {
      const [a = "", b] = key.split(" ");
      assert.equal(keyHash(key), b === undefined ? hashWord(a) : hashPair(hashWord(a), hashWord(b)));
      assert.equal(
        keyFingerprint(key),
        b === undefined ? fingerprintWord(a) : fingerprintPair(fingerprintWord(a), fingerprintWord(b)),
      );
    }
  });

  it("finds nothing for 100,000 words it does not hold, among 20,000 it does", () => {
    const table = new StringTable();
    for (let i = 0; i < 20_000; i++) table.add(`w${i}`, i);
    let found = 0;
    for (let i = 0; i < 100_000; i++) {
      const word = `x${i}`;
      if (table.get(hashWord(word), fingerprintWord(word)) !== NONE) found++;
    }
    assert.equal(found, 0);
    assert.deepEqual(lookUp(table, "w19999"), [19999]);
  });

  it("keeps long rule lists right as they grow, shrink and the pool is compacted", () => {
    const table = new StringTable();
    const model = new Map<string, number[]>();
    const keys = ["a", "b", "c d", ""];
    // Lists grow past several capacities, then shrink to one slot, many times over: the
    // places they leave make the pool wasteful and the table copies its lists to a new one.
    for (let round = 0; round < 6; round++) {
      for (const k of keys) {
        for (let slot = 0; slot < 300; slot++) {
          table.add(k, slot * 7 + round);
          model.set(k, [...(model.get(k) ?? []), slot * 7 + round]);
        }
      }
      for (const k of keys) {
        const list = model.get(k) ?? [];
        for (const slot of list.slice(1)) table.remove(k, slot);
        model.set(k, list.slice(0, 1));
      }
      for (const k of keys) assert.deepEqual(lookUp(table, k), model.get(k));
    }
    assert.equal(table.size, keys.length);
  });

  it("is large (its lookups prefetched) past 384 KiB of buckets, past 8,192 keys (a table is at most half full)", () => {
    const table = new StringTable();
    for (let i = 0; i < 8_192; i++) table.add(`k${i}`, i);
    assert.equal(table.large, false);
    table.add("last", 0);
    assert.equal(table.large, true);
    assert.equal(new StringTable(8_192).large, true);
  });

  it("adds several slots under a key at once, as one by one", () => {
    const table = new StringTable();
    table.add("a b", [1, 2, 3]);
    table.add("a b", 4);
    table.add("c", [5, 6]);
    table.add("d", 7);
    table.add("e", []);
    assert.deepEqual(lookUp(table, "a b"), [1, 2, 3, 4]);
    assert.deepEqual(lookUp(table, "c"), [5, 6]);
    assert.deepEqual(lookUp(table, "d"), [7]);
    assert.deepEqual(lookUp(table, "e"), []);
    assert.equal(table.size, 3);
  });
});
