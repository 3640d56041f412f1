import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { hashPair, hashWord, StringTable } from "./string-table.ts";

function hashOf(key: string): number {
  const [a = "", b] = key.split(" ");
  return b === undefined ? hashWord(a) : hashPair(hashWord(a), hashWord(b));
}

function lookUp(table: StringTable, key: string): number[] {
  const [a = "", b] = key.split(" ");
  const found = b === undefined ? table.get(a, hashOf(key)) : table.getPair(a, b, hashOf(key));
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
            table.add(k, hashOf(k), slot);
            model.set(k, [...list, slot]);
          } else if (list.includes(slot)) {
            table.remove(k, hashOf(k), slot);
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
    table.add("etats unis", hashOf("etats unis"), 1);
    for (let i = 0; i < 5000; i++) table.add(`w${i}`, hashOf(`w${i}`), i);
    assert.deepEqual(lookUp(table, "etats unis"), [1]);
    assert.deepEqual(lookUp(table, "etats"), []);
    assert.deepEqual(lookUp(table, "w4999"), [4999]);
    assert.equal(table.size, 5001);
  });

  it("holds the empty key (a stemmer can strip a word to nothing)", () => {
    const table = new StringTable();
    table.add("", hashWord(""), 4);
    table.add("a", hashWord("a"), 5);
    assert.deepEqual(lookUp(table, ""), [4]);
    assert.equal(table.size, 2);
    table.remove("", hashWord(""), 4);
    assert.deepEqual(lookUp(table, ""), []);
    assert.deepEqual(lookUp(table, "a"), [5]);
    assert.equal(table.size, 1);
  });

  it("keeps keys whose hashes collide apart", () => {
    const table = new StringTable();
    table.add("ab", 7, 1);
    table.add("cd", 7, 2);
    table.add("ab cd", 7, 3);
    const found = (value: number): number[] =>
      Array.from({ length: table.count(value) }, (_, i) => table.slotAt(value, i));
    assert.deepEqual(found(table.get("ab", 7)), [1]);
    assert.deepEqual(found(table.get("cd", 7)), [2]);
    assert.deepEqual(found(table.getPair("ab", "cd", 7)), [3]);
    table.remove("ab", 7, 1);
    assert.deepEqual(found(table.get("ab", 7)), []);
    assert.deepEqual(found(table.get("cd", 7)), [2]);
  });

  it("is large past 512 KiB of buckets, and warming a lookup reads without changing it", () => {
    const table = new StringTable();
    assert.equal(table.large, false);
    for (let i = 0; i < 20_000; i++) table.add(`w${i}`, hashWord(`w${i}`), i);
    table.add("w7", hashWord("w7"), 99);
    assert.equal(table.large, true);
    assert.ok(table.warm(hashWord("w7")) > 0);
    assert.equal(table.warm(hashWord("absent")), 0);
    assert.deepEqual(lookUp(table, "w7"), [7, 99]);
    assert.deepEqual(lookUp(table, "absent"), []);
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
          table.add(k, hashOf(k), slot * 7 + round);
          model.set(k, [...(model.get(k) ?? []), slot * 7 + round]);
        }
      }
      for (const k of keys) {
        const list = model.get(k) ?? [];
        for (const slot of list.slice(1)) table.remove(k, hashOf(k), slot);
        model.set(k, list.slice(0, 1));
      }
      for (const k of keys) assert.deepEqual(lookUp(table, k), model.get(k));
    }
    assert.equal(table.size, keys.length);
  });
});
