/**
 * Digest schedules: when a cron fires in a zone, and which windows are due.
 *
 * A digest covers the window `[previous end, this end)`. Ends are the fire instants of
 * the destination's cron in its IANA zone, computed here with `Intl` only so the core
 * stays pure and the store can persist the last end (`lastDigestWindow`). Local times
 * skipped by a DST jump fire at the instant the clocks jump; local times repeated by a
 * DST fall-back fire once, at their first occurrence. So a daily cron yields exactly one
 * window per local day, whatever the zone does.
 */
import { AppError } from "../errors.ts";
import { type CronSpec, canEverMatch, matchesDay, parseCron } from "./cron.ts";
import { fromWall, isValidTimeZone, toWall, wallFields } from "./zone.ts";

const MINUTE = 60_000;
const DAY = 86_400_000;
/** Far enough for any satisfiable expression (29 Feb on a given weekday recurs within 28 years). */
const SEARCH_LIMIT_DAYS = 366 * 30;
/** More due windows than this after downtime are folded into one. */
export const MAX_CATCH_UP_WINDOWS = 3;

/** Error text for a bad expression, or null when it parses and can fire. */
export function validateCron(cron: string): string | null {
  const parsed = parseCron(cron);
  if (!parsed.ok) return parsed.error;
  if (!canEverMatch(parsed.value)) return "no calendar day matches this expression";
  return null;
}

function specOf(cron: string, timezone: string): CronSpec {
  const parsed = parseCron(cron);
  if (!parsed.ok) throw new AppError("bad_cron", `cron "${cron}": ${parsed.error}`);
  if (!canEverMatch(parsed.value)) throw new AppError("bad_cron", `cron "${cron}" never fires`);
  if (!isValidTimeZone(timezone)) throw new AppError("bad_timezone", `unknown time zone "${timezone}"`);
  return parsed.value;
}

/** The first fire instant strictly after `after`. */
export function nextFireAfter(cron: string, timezone: string, after: Date): Date {
  const spec = specOf(cron, timezone);
  return new Date(nextAfter(spec, timezone, after.getTime()));
}

/**
 * Recent answers, keyed by expression, zone and instant. The function is pure, and a
 * scheduler asks the same question (the fire after the last window end) on every tick.
 */
const memo = new Map<string, number>();
const MEMO_SIZE = 512;

function nextAfter(spec: CronSpec, timezone: string, afterMs: number): number {
  const key = `${spec.source}|${timezone}|${afterMs}`;
  const known = memo.get(key);
  if (known !== undefined) return known;
  const found = computeNextAfter(spec, timezone, afterMs);
  if (memo.size >= MEMO_SIZE) memo.delete(memo.keys().next().value ?? "");
  memo.set(key, found);
  return found;
}

function computeNextAfter(spec: CronSpec, timezone: string, afterMs: number): number {
  // Mapping wall → earliest instant is monotone, and the wall reading of `after` maps to
  // at most `after`, so no wall time before it can qualify: start there, step forward.
  let wall = Math.floor(toWall(afterMs, timezone) / MINUTE) * MINUTE;
  const limit = wall + SEARCH_LIMIT_DAYS * DAY;
  while (wall < limit) {
    const match = nextWallMatch(spec, wall, limit);
    if (match === null) break;
    const instant = fromWall(match, timezone);
    if (instant > afterMs) return instant;
    wall = match + MINUTE;
  }
  throw new AppError("bad_cron", "cron expression does not fire within the search limit");
}

/** The first wall minute at or after `wall` that the expression selects. */
function nextWallMatch(spec: CronSpec, start: number, limit: number): number | null {
  let wall = start;
  while (wall < limit) {
    const f = wallFields(wall);
    const dayStart = Date.UTC(f.year, f.month - 1, f.day);
    if (!matchesDay(spec, f.month, f.day, f.weekday)) {
      wall = dayStart + DAY;
      continue;
    }
    for (let hour = f.hour; hour < 24; hour++) {
      if (!spec.hours[hour]) continue;
      for (let minute = hour === f.hour ? f.minute : 0; minute < 60; minute++) {
        if (spec.minutes[minute]) return dayStart + hour * 3_600_000 + minute * MINUTE;
      }
    }
    wall = dayStart + DAY;
  }
  return null;
}

/** The last fire instant at or before `atMs`, or null when none since `notBeforeMs`. */
function lastAtOrBefore(spec: CronSpec, timezone: string, atMs: number, notBeforeMs: number): number | null {
  // Look back over growing spans so frequent expressions stay cheap.
  for (let span = 3_600_000; ; span *= 4) {
    const from = Math.max(notBeforeMs, atMs - span);
    let last: number | null = null;
    let t = nextAfter(spec, timezone, from - 1);
    while (t <= atMs) {
      last = t;
      t = nextAfter(spec, timezone, t);
    }
    if (last !== null || from === notBeforeMs) return last;
  }
}

export interface DigestWindow {
  /** Previous end; null for a destination's first digest (everything pending). */
  start: string | null;
  end: string;
}

/**
 * Windows whose end is at or before `now`, oldest first. Ends follow `lastEnd` (or, for
 * a new destination, `createdAt`). After a downtime longer than
 * `MAX_CATCH_UP_WINDOWS` windows, one window from `lastEnd` to the latest due end is
 * returned instead of a burst of stale digests.
 */
export function dueWindows(input: {
  cron: string;
  timezone: string;
  lastEnd: string | null;
  createdAt: string;
  now: string;
}): DigestWindow[] {
  const spec = specOf(input.cron, input.timezone);
  const nowMs = Date.parse(input.now);
  const anchor = Date.parse(input.lastEnd ?? input.createdAt);
  const windows: DigestWindow[] = [];
  let start = input.lastEnd;
  let end = nextAfter(spec, input.timezone, anchor);
  while (end <= nowMs) {
    if (windows.length === MAX_CATCH_UP_WINDOWS) {
      const latest = lastAtOrBefore(spec, input.timezone, nowMs, end) ?? end;
      return [{ start: input.lastEnd, end: new Date(latest).toISOString() }];
    }
    const endIso = new Date(end).toISOString();
    windows.push({ start, end: endIso });
    start = endIso;
    end = nextAfter(spec, input.timezone, end);
  }
  return windows;
}
