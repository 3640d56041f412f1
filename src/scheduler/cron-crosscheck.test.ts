/**
 * Cross-checks the pure cron evaluator (core/digest/windows.ts) against node-cron's own
 * next-run computation. They agree on ordinary expressions; around DST they differ on
 * purpose: node-cron 4.6 skips a local time removed by the spring jump (no run that day)
 * and, in some zones, runs a repeated local time at its second occurrence. Wirewatch fires
 * a skipped time when the clocks jump and a repeated one at its first occurrence, so a
 * daily digest has exactly one window per local day. If node-cron changes, this says so.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import cron from "node-cron";
import { nextFireAfter, validateCron } from "../core/digest/windows.ts";

/** Enough daily runs to cover a spring-forward day from any start date. */
const YEAR_RUNS = 370;
const RUNS = 150;

function both(expression: string, timezone: string, runs: number): { theirs: string[]; ours: string[] } {
  const task = cron.createTask(expression, () => {}, { timezone });
  try {
    // node-cron counts from its own `new Date()`; skip a minute boundary race.
    for (;;) {
      const before = new Date();
      const theirs = task.getNextRuns(runs).map((d) => d.toISOString());
      const afterMs = Date.now();
      if (Math.floor(before.getTime() / 60_000) !== Math.floor(afterMs / 60_000)) continue;
      const ours: string[] = [];
      let t = before;
      for (let i = 0; i < runs; i++) {
        t = nextFireAfter(expression, timezone, t);
        ours.push(t.toISOString());
      }
      return { theirs, ours };
    }
  } finally {
    task.destroy();
  }
}

function localDay(iso: string, timezone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: timezone, dateStyle: "short" }).format(new Date(iso));
}

describe("nextFireAfter against node-cron", () => {
  const agree: [string, string][] = [
    ["0 8 * * *", "Europe/Paris"],
    ["0 8 * * *", "Australia/Melbourne"],
    ["30 1 * * *", "America/New_York"],
    ["*/7 9-17 * * mon-fri", "Asia/Kolkata"],
    ["0 0 1,15 * *", "UTC"],
    ["15 12 * jan,jul sun", "America/Sao_Paulo"],
    ["0 */6 * * *", "Pacific/Chatham"],
  ];
  for (const [expression, timezone] of agree) {
    it(`agrees on "${expression}" in ${timezone}`, () => {
      const { theirs, ours } = both(expression, timezone, RUNS);
      assert.deepEqual(ours, theirs);
    });
  }

  for (const timezone of ["Europe/Paris", "America/New_York", "Australia/Melbourne"]) {
    it(`differs only on DST days for "30 2 * * *" in ${timezone}, where we keep one run per day`, () => {
      const { theirs, ours } = both("30 2 * * *", timezone, YEAR_RUNS);
      const ourDays = ours.map((iso) => localDay(iso, timezone));
      assert.equal(new Set(ourDays).size, YEAR_RUNS, "one run per local day");
      const theirDays = new Set(theirs.map((iso) => localDay(iso, timezone)));
      const missing = [...new Set(ourDays)].filter((d) => !theirDays.has(d) && d <= (ourDays.at(-1) ?? ""));
      // node-cron skips the spring-forward day (once or twice in 370 days) and nothing else.
      assert.ok(missing.length >= 1 && missing.length <= 2, `node-cron skipped ${missing.join(", ")}`);
      for (const day of missing) {
        const ours0230 = ours.find((iso) => localDay(iso, timezone) === day) ?? "";
        assert.match(
          new Intl.DateTimeFormat("en-GB", { timeZone: timezone, timeStyle: "short" }).format(
            new Date(ours0230),
          ),
          /^03:00$/,
        );
      }
    });
  }
});

describe("validateCron against node-cron", () => {
  // Config validation must not accept what node-cron then refuses at startup.
  const expressions = [
    "0 8 * * *",
    "*/15 * * * *",
    "0 8 * * mon-fri",
    "0 8 * * MON",
    "0 8 * * 7",
    "0 8 1-5 jan-mar *",
    "0 0 29 feb *",
    "10-40/10 8,20 * * *",
    "@daily",
    "@hourly",
    "@weekly",
    "@monthly",
    "@yearly",
  ];
  for (const expression of expressions) {
    it(`both accept "${expression}"`, () => {
      assert.equal(validateCron(expression), null);
      assert.equal(cron.validate(expression), true);
    });
  }
  for (const expression of ["5/15 * * * *", "60 * * * *", "0 8 * *", "0 0 31 2 *", "0 8 * * xyz"]) {
    it(`both reject "${expression}"`, () => {
      assert.notEqual(validateCron(expression), null);
      assert.equal(cron.validate(expression), false);
    });
  }
});
