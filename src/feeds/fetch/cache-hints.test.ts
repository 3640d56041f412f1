import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseCacheHints, parseRetryAfter } from "./cache-hints.ts";
import { createRetryMemory } from "./retry-memory.ts";

const NOW = Date.parse("2026-11-28T03:00:00.000Z");

describe("parseCacheHints", () => {
  const table: [string, Record<string, string>, { maxAgeSeconds: number | null; expires: string | null }][] =
    [
      ["nothing", {}, { maxAgeSeconds: null, expires: null }],
      ["max-age", { "cache-control": "public, max-age=900" }, { maxAgeSeconds: 900, expires: null }],
      ["quoted max-age", { "cache-control": 'max-age="60"' }, { maxAgeSeconds: 60, expires: null }],
      [
        "s-maxage is not max-age",
        { "cache-control": "s-maxage=900" },
        { maxAgeSeconds: null, expires: null },
      ],
      [
        "no-cache forbids reuse",
        { "cache-control": "no-cache, max-age=900" },
        { maxAgeSeconds: null, expires: null },
      ],
      [
        "Expires as ISO",
        { expires: "Sat, 28 Nov 2026 05:00:00 GMT" },
        { maxAgeSeconds: null, expires: "2026-11-28T05:00:00.000Z" },
      ],
      ["Expires: 0 means expired", { expires: "0" }, { maxAgeSeconds: null, expires: null }],
      ["invalid Expires", { expires: "soon" }, { maxAgeSeconds: null, expires: null }],
      [
        "max-age wins over Expires",
        { "cache-control": "max-age=60", expires: "Sat, 28 Nov 2026 05:00:00 GMT" },
        { maxAgeSeconds: 60, expires: null },
      ],
    ];
  for (const [name, headers, expected] of table) {
    it(name, () => {
      const hints = parseCacheHints(headers, NOW);
      assert.deepEqual(hints, { ...expected, retryAfterSeconds: null });
    });
  }
});

describe("parseRetryAfter", () => {
  const table: [string | null, number | null][] = [
    [null, null],
    ["120", 120],
    [" 0 ", 0],
    ["Sat, 28 Nov 2026 03:02:00 GMT", 120],
    ["Sat, 28 Nov 2026 02:00:00 GMT", 0], // in the past: no wait
    ["-5", null],
    ["1.5", null],
    ["tomorrow-ish", null],
  ];
  for (const [value, expected] of table) {
    it(String(value), () => assert.equal(parseRetryAfter(value, NOW), expected));
  }
});

describe("createRetryMemory", () => {
  it("holds a host back until its time has passed, per host, case-insensitively", () => {
    let now = NOW;
    const memory = createRetryMemory(() => now);
    memory.remember("Feeds.Example", 120);
    assert.equal(memory.remaining("feeds.example"), 120);
    assert.equal(memory.remaining("other.example"), null);
    now += 60_500;
    assert.equal(memory.remaining("feeds.example"), 60);
    memory.remember("feeds.example", 10); // a shorter ask does not shorten the wait
    assert.equal(memory.remaining("feeds.example"), 60);
    now += 60_000;
    assert.equal(memory.remaining("feeds.example"), null);
  });
});
