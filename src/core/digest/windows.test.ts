import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { dueWindows, MAX_CATCH_UP_WINDOWS, nextFireAfter, validateCron } from "./windows.ts";

const next = (cron: string, zone: string, after: string) =>
  nextFireAfter(cron, zone, new Date(after)).toISOString();

function localDate(instant: Date, zone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: zone, dateStyle: "short" }).format(instant);
}

describe("nextFireAfter", () => {
  const cases: { name: string; cron: string; zone: string; after: string; want: string }[] = [
    {
      name: "winter Paris",
      cron: "0 8 * * *",
      zone: "Europe/Paris",
      after: "2026-11-28T06:00:00Z",
      want: "2026-11-28T07:00:00.000Z",
    },
    {
      name: "strictly after",
      cron: "0 8 * * *",
      zone: "Europe/Paris",
      after: "2026-11-28T07:00:00Z",
      want: "2026-11-29T07:00:00.000Z",
    },
    {
      name: "summer Paris",
      cron: "0 8 * * *",
      zone: "Europe/Paris",
      after: "2026-07-01T00:00:00Z",
      want: "2026-07-01T06:00:00.000Z",
    },
    {
      name: "Paris gap fires when clocks jump",
      cron: "30 2 * * *",
      zone: "Europe/Paris",
      after: "2026-03-28T02:00:00Z",
      want: "2026-03-29T01:00:00.000Z",
    },
    {
      name: "Paris day after gap",
      cron: "30 2 * * *",
      zone: "Europe/Paris",
      after: "2026-03-29T01:00:00Z",
      want: "2026-03-30T00:30:00.000Z",
    },
    {
      name: "Paris overlap first occurrence",
      cron: "30 2 * * *",
      zone: "Europe/Paris",
      after: "2026-10-24T12:00:00Z",
      want: "2026-10-25T00:30:00.000Z",
    },
    {
      name: "Paris overlap only once",
      cron: "30 2 * * *",
      zone: "Europe/Paris",
      after: "2026-10-25T00:30:00Z",
      want: "2026-10-26T01:30:00.000Z",
    },
    {
      name: "New York gap",
      cron: "30 2 * * *",
      zone: "America/New_York",
      after: "2026-03-07T12:00:00Z",
      want: "2026-03-08T07:00:00.000Z",
    },
    {
      name: "New York repeated 1:30 once",
      cron: "30 1 * * *",
      zone: "America/New_York",
      after: "2026-11-01T04:00:00Z",
      want: "2026-11-01T05:30:00.000Z",
    },
    {
      name: "New York repeated 1:30 not again",
      cron: "30 1 * * *",
      zone: "America/New_York",
      after: "2026-11-01T05:30:00Z",
      want: "2026-11-02T06:30:00.000Z",
    },
    {
      name: "Melbourne gap (Oct)",
      cron: "30 2 * * *",
      zone: "Australia/Melbourne",
      after: "2026-10-03T12:00:00Z",
      want: "2026-10-03T16:00:00.000Z",
    },
    {
      name: "Melbourne overlap (Apr)",
      cron: "30 2 * * *",
      zone: "Australia/Melbourne",
      after: "2026-04-04T12:00:00Z",
      want: "2026-04-04T15:30:00.000Z",
    },
    {
      name: "gap minutes collapse to one fire",
      cron: "*/15 2 * * *",
      zone: "Europe/Paris",
      after: "2026-03-29T01:00:00Z",
      want: "2026-03-30T00:00:00.000Z",
    },
    {
      name: "weekdays by name",
      cron: "0 9 * * mon-fri",
      zone: "America/New_York",
      after: "2026-11-27T15:00:00Z",
      want: "2026-11-30T14:00:00.000Z",
    },
    {
      name: "dom or dow",
      cron: "0 0 1 * sun",
      zone: "UTC",
      after: "2026-11-02T00:00:00Z",
      want: "2026-11-08T00:00:00.000Z",
    },
    {
      name: "7 is Sunday",
      cron: "0 0 * * 7",
      zone: "UTC",
      after: "2026-11-02T00:00:00Z",
      want: "2026-11-08T00:00:00.000Z",
    },
    {
      name: "leap day",
      cron: "0 12 29 feb *",
      zone: "UTC",
      after: "2026-01-01T00:00:00Z",
      want: "2028-02-29T12:00:00.000Z",
    },
    {
      name: "steps and lists",
      cron: "5-59/20 8,20 * * *",
      zone: "Asia/Kolkata",
      after: "2026-11-28T02:50:00Z",
      want: "2026-11-28T02:55:00.000Z",
    },
    {
      name: "midnight removed by DST (Santiago) fires at 01:00",
      cron: "0 0 * * *",
      zone: "America/Santiago",
      after: "2026-09-05T04:00:00Z",
      want: "2026-09-06T04:00:00.000Z",
    },
    {
      name: "midnight removed by DST (Havana) fires at 01:00",
      cron: "0 0 * * *",
      zone: "America/Havana",
      after: "2026-03-07T05:00:00Z",
      want: "2026-03-08T05:00:00.000Z",
    },
    {
      name: "macro",
      cron: "@hourly",
      zone: "UTC",
      after: "2026-11-28T02:50:00Z",
      want: "2026-11-28T03:00:00.000Z",
    },
    {
      name: "half-hour zone",
      cron: "0 0 * * *",
      zone: "Australia/Adelaide",
      after: "2026-06-01T00:00:00Z",
      want: "2026-06-01T14:30:00.000Z",
    },
  ];
  for (const c of cases) {
    it(c.name, () => assert.equal(next(c.cron, c.zone, c.after), c.want));
  }

  it("rejects bad input with coded errors", () => {
    assert.throws(() => next("0 8 * *", "UTC", "2026-01-01T00:00:00Z"), { code: "bad_cron" });
    assert.throws(() => next("0 8 * * *", "Mars/Olympus", "2026-01-01T00:00:00Z"), { code: "bad_timezone" });
  });

  for (const zone of ["Europe/Paris", "America/New_York", "Australia/Melbourne"]) {
    for (const cron of ["0 8 * * *", "30 2 * * *", "0 2 * * *", "59 23 * * *"]) {
      it(`fires once per local day over a year: ${cron} in ${zone}`, () => {
        const days = new Set<string>();
        let t = new Date("2026-01-01T12:00:00Z");
        const end = Date.parse("2027-01-01T12:00:00Z");
        let previous = t.getTime();
        for (;;) {
          t = nextFireAfter(cron, zone, t);
          if (t.getTime() > end) break;
          assert.ok(t.getTime() > previous);
          previous = t.getTime();
          const day = localDate(t, zone);
          assert.ok(!days.has(day), `two fires on ${day}`);
          days.add(day);
        }
        assert.equal(days.size, 365);
      });
    }
  }
});

describe("validateCron", () => {
  const cases: [string, string | null][] = [
    ["0 8 * * *", null],
    ["*/5 * * * *", null],
    ["0 8 * * mon-fri", null],
    ["@daily", null],
    ["0 8 * *", "expected 5 fields (minute hour day-of-month month day-of-week), got 4"],
    ["60 8 * * *", "minute: 60 is outside 0-59"],
    ["0 8 * * 8", "day of week: 8 is outside 0-7"],
    ["0 8 * * xyz", 'day of week: "xyz" is not a number'],
    ["0 8 5-1 * *", 'day of month: range "5-1" goes backwards'],
    ["*/0 * * * *", 'minute: step "0" must be a positive number'],
    ["0 0 31 2 *", "no calendar day matches this expression"],
    ["5/15 * * * *", 'minute: "5/15" needs a range before the step, like "5-59/15"'],
    ["0 8 1-3/2/4 * *", 'day of month: "1-3/2/4" has more than one "/"'],
    ["0 0 30 feb *", "no calendar day matches this expression"],
  ];
  for (const [cron, want] of cases) {
    it(cron, () => assert.equal(validateCron(cron), want));
  }
});

describe("dueWindows", () => {
  const base = { cron: "0 8 * * *", timezone: "Europe/Paris", createdAt: "2026-11-20T00:00:00.000Z" };

  it("is empty before the first fire", () => {
    assert.deepEqual(dueWindows({ ...base, lastEnd: null, now: "2026-11-20T06:59:59.999Z" }), []);
  });

  it("starts a new destination with an open window, then chains ends", () => {
    assert.deepEqual(dueWindows({ ...base, lastEnd: null, now: "2026-11-21T07:00:00.000Z" }), [
      { start: null, end: "2026-11-20T07:00:00.000Z" },
      { start: "2026-11-20T07:00:00.000Z", end: "2026-11-21T07:00:00.000Z" },
    ]);
  });

  it("continues from the persisted end", () => {
    assert.deepEqual(
      dueWindows({ ...base, lastEnd: "2026-11-21T07:00:00.000Z", now: "2026-11-22T08:00:00.000Z" }),
      [{ start: "2026-11-21T07:00:00.000Z", end: "2026-11-22T07:00:00.000Z" }],
    );
    assert.deepEqual(
      dueWindows({ ...base, lastEnd: "2026-11-22T07:00:00.000Z", now: "2026-11-22T08:00:00.000Z" }),
      [],
    );
  });

  it(`folds more than ${MAX_CATCH_UP_WINDOWS} missed windows into one`, () => {
    assert.deepEqual(
      dueWindows({ ...base, lastEnd: "2026-11-01T07:00:00.000Z", now: "2026-11-22T09:00:00.000Z" }),
      [{ start: "2026-11-01T07:00:00.000Z", end: "2026-11-22T07:00:00.000Z" }],
    );
  });

  it("stays cheap after years of downtime with a per-minute cron", () => {
    const started = performance.now();
    const windows = dueWindows({
      cron: "* * * * *",
      timezone: "Europe/Paris",
      lastEnd: "2016-11-01T07:00:00.000Z",
      createdAt: base.createdAt,
      now: "2026-11-22T09:00:30.000Z",
    });
    assert.deepEqual(windows, [{ start: "2016-11-01T07:00:00.000Z", end: "2026-11-22T09:00:00.000Z" }]);
    // Not a speed check (speed is measured in benchmarks): about 10 ms here, while stepping
    // through the 5.3 million minutes one by one takes minutes. The bound only tells those
    // apart, with room for any slow or loaded machine.
    assert.ok(performance.now() - started < 30_000, `${Math.round(performance.now() - started)} ms`);
  });
});
