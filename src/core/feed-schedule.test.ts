import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { nextPollAt, shouldDisable } from "./feed-schedule.ts";
import type { CacheHints } from "./ports.ts";

const NOW = Date.parse("2026-11-28T03:00:00.000Z");
const NO_HINTS: CacheHints = { maxAgeSeconds: null, expires: null, retryAfterSeconds: null };
const HOUR = 3600;
const DAY = 24 * HOUR;

interface Case {
  name: string;
  everySeconds: number;
  cache?: Partial<CacheHints>;
  ttlMinutes?: number | null;
  errors?: number;
  /** Expected delay in seconds with no jitter (random() = 0.5). */
  expected: number;
}

const cases: Case[] = [
  { name: "plain interval", everySeconds: 600, expected: 600 },
  { name: "max-age raises", everySeconds: 600, cache: { maxAgeSeconds: 1800 }, expected: 1800 },
  { name: "max-age never lowers", everySeconds: 600, cache: { maxAgeSeconds: 60 }, expected: 600 },
  {
    name: "Expires raises",
    everySeconds: 600,
    cache: { expires: new Date(NOW + 2 * HOUR * 1000).toISOString() },
    expected: 2 * HOUR,
  },
  {
    name: "past Expires is ignored",
    everySeconds: 600,
    cache: { expires: new Date(NOW - HOUR * 1000).toISOString() },
    expected: 600,
  },
  { name: "RSS ttl raises", everySeconds: 600, ttlMinutes: 60, expected: HOUR },
  { name: "ttl never lowers", everySeconds: 600, ttlMinutes: 1, expected: 600 },
  { name: "Retry-After raises", everySeconds: 600, cache: { retryAfterSeconds: 7200 }, expected: 7200 },
  { name: "hints capped at a day", everySeconds: 600, cache: { maxAgeSeconds: 365 * DAY }, expected: DAY },
  {
    name: "the largest hint wins",
    everySeconds: 600,
    cache: { maxAgeSeconds: 900, retryAfterSeconds: 1200 },
    ttlMinutes: 30,
    expected: 1800,
  },
  { name: "one failure doubles", everySeconds: 600, errors: 1, expected: 1200 },
  { name: "three failures: x8", everySeconds: 600, errors: 3, expected: 4800 },
  { name: "backoff capped at 6 h", everySeconds: 600, errors: 10, expected: 6 * HOUR },
  { name: "huge error counts stay finite", everySeconds: 600, errors: 10_000, expected: 6 * HOUR },
  { name: "interval longer than the cap is kept", everySeconds: 12 * HOUR, errors: 4, expected: 12 * HOUR },
  {
    name: "Retry-After above the backoff wins",
    everySeconds: 600,
    errors: 1,
    cache: { retryAfterSeconds: 3 * HOUR },
    expected: 3 * HOUR,
  },
];

describe("nextPollAt", () => {
  for (const c of cases) {
    it(c.name, () => {
      const at = nextPollAt({
        now: NOW,
        everySeconds: c.everySeconds,
        cache: { ...NO_HINTS, ...c.cache },
        ttlMinutes: c.ttlMinutes ?? null,
        consecutiveErrors: c.errors ?? 0,
        random: () => 0.5,
      });
      assert.equal((at - NOW) / 1000, c.expected);
    });
  }

  it("jitters by at most ±10 %", () => {
    const at = (random: number) =>
      nextPollAt({
        now: NOW,
        everySeconds: 1000,
        cache: NO_HINTS,
        ttlMinutes: null,
        consecutiveErrors: 0,
        random: () => random,
      });
    assert.equal(at(0) - NOW, 900_000);
    assert.equal(at(0.999999) - NOW, 1_100_000);
    const spread = new Set([0.1, 0.3, 0.7, 0.9].map(at));
    assert.equal(spread.size, 4, "different random draws give different times");
  });

  it("jitter never brings the poll before Retry-After", () => {
    const at = nextPollAt({
      now: NOW,
      everySeconds: 60,
      cache: { ...NO_HINTS, retryAfterSeconds: 600 },
      ttlMinutes: null,
      consecutiveErrors: 0,
      random: () => 0,
    });
    assert.equal(at - NOW, 600_000);
  });
});

describe("shouldDisable", () => {
  const table: [string, number | null, number, boolean][] = [
    ["never failed", null, NOW, false],
    ["failing for 6 days 23 h", NOW - (7 * DAY - HOUR) * 1000, NOW, false],
    ["failing for exactly 7 days", NOW - 7 * DAY * 1000, NOW, true],
    ["failing for 30 days", NOW - 30 * DAY * 1000, NOW, true],
  ];
  for (const [name, since, now, expected] of table) {
    it(name, () => assert.equal(shouldDisable(since, now), expected));
  }
});
