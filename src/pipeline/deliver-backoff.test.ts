import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { DEFAULT_BACKOFF, retryDelayMs } from "./deliver-backoff.ts";

test("never before Retry-After, never beyond the cap plus the Retry-After spread", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 40 }),
      fc.integer({ min: 0, max: 3_600_000 }),
      fc.double({ min: 0, max: 0.999999, noNaN: true }),
      (attempt, afterMs, r) => {
        const delay = retryDelayMs(attempt, afterMs, DEFAULT_BACKOFF, () => r);
        assert.ok(delay >= afterMs, `${delay} < ${afterMs}`);
        const ceiling = Math.max(DEFAULT_BACKOFF.maxMs, afterMs + Math.min(afterMs / 10, 1000)) + 1;
        assert.ok(delay <= ceiling, `${delay} > ${ceiling}`);
      },
    ),
  );
});

test("grows exponentially with equal jitter", () => {
  const policy = { baseMs: 100, maxMs: 10_000 };
  assert.deepEqual(
    [1, 2, 3, 4, 10].map((a) => retryDelayMs(a, 0, policy, () => 0)),
    [50, 100, 200, 400, 5000],
  );
  assert.equal(
    retryDelayMs(3, 0, policy, () => 0.999),
    400,
  );
  assert.equal(
    retryDelayMs(1, 2000, policy, () => 0),
    2000,
  );
});
