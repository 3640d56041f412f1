/**
 * Time-zone arithmetic with `Intl` only (pure: no clock, no tz database of our own).
 * A "wall" time is the local calendar reading in a zone, encoded as the milliseconds
 * `Date.UTC` would give for those fields, so calendar steps are plain arithmetic.
 */

export interface WallFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timezone: string): Intl.DateTimeFormat {
  let f = formatters.get(timezone);
  if (f === undefined) {
    // Throws RangeError for an unknown zone; callers validate first.
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: timezone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timezone, f);
  }
  return f;
}

export function isValidTimeZone(timezone: string): boolean {
  try {
    formatter(timezone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock reading of an instant in a zone, as wall milliseconds (whole seconds). */
export function toWall(instantMs: number, timezone: string): number {
  const parts = formatter(timezone).formatToParts(new Date(instantMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
}

/** Offset of the zone from UTC at an instant, in milliseconds (whole seconds). */
export function offsetAt(instantMs: number, timezone: string): number {
  const floored = Math.floor(instantMs / 1000) * 1000;
  return toWall(floored, timezone) - floored;
}

export function wallFields(wallMs: number): WallFields {
  const d = new Date(wallMs);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    weekday: d.getUTCDay(),
  };
}

/** Zones change offset by at most a day; 14 h either side covers every real transition. */
const PROBE_MS = 14 * 3_600_000;

/**
 * The earliest instant whose wall time in `timezone` is `wallMs`. A wall time repeated
 * by a backward shift (DST end) maps to its first occurrence; one skipped by a forward
 * shift (DST start) maps to the instant the clocks jump, the next valid instant.
 */
export function fromWall(wallMs: number, timezone: string): number {
  const candidates = new Set([
    offsetAt(wallMs - PROBE_MS, timezone),
    offsetAt(wallMs, timezone),
    offsetAt(wallMs + PROBE_MS, timezone),
  ]);
  let best: number | null = null;
  for (const offset of candidates) {
    const instant = wallMs - offset;
    if (offsetAt(instant, timezone) === offset && (best === null || instant < best)) best = instant;
  }
  if (best !== null) return best;
  return gapEnd(wallMs, timezone);
}

/** The transition instant ending the gap that swallows `wallMs`, to the second. */
function gapEnd(wallMs: number, timezone: string): number {
  const before = offsetAt(wallMs - PROBE_MS, timezone);
  const after = offsetAt(wallMs + PROBE_MS, timezone);
  // Inside a gap, wall - after < transition <= wall - before; search in whole seconds.
  let lo = Math.floor((wallMs - after) / 1000);
  let hi = Math.ceil((wallMs - before) / 1000);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetAt(mid * 1000, timezone) === after) hi = mid;
    else lo = mid;
  }
  return hi * 1000;
}
