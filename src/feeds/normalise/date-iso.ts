/**
 * ISO 8601 / W3C-DTF: the extended form (partial dates, fractions, a space for `T`) and the
 * short and basic forms feeds also write (`031231`, `03-12-31`, `-0312`, `20221116T003815Z`,
 * `2003-335`).
 */
import { fullYear, offsetOf, type Parts, toIso } from "./date-parts.ts";

const ISO =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(z|[+-]\d{2}(?::?\d{2})?)?)?)?)?$/i;

export function parseIso(text: string): string | null {
  const m = ISO.exec(text);
  if (m === null) return null;
  const offset = m[7] === undefined ? 0 : offsetOf(m[7]);
  if (offset === null) return null;
  return toIso({
    year: Number(m[1]),
    month: Number(m[2] ?? "1"),
    day: Number(m[3] ?? "1"),
    hour: Number(m[4] ?? "0"),
    minute: Number(m[5] ?? "0"),
    second: Number(m[6] ?? "0"),
    offset,
  });
}

/** Short and basic ISO 8601 forms: [pattern, year, month, day, hour, minute, second, zone] groups. */
const SHORT_ISO: [RegExp, (m: RegExpExecArray) => Parts | null][] = [
  // 20221116, 20221116T003815Z, 20221116T0038+0100 (basic format)
  [
    /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})?(?:[.,]\d+)?(z|[+-]\d{2}:?\d{2})?)?$/i,
    (m) => parts(Number(m[1]), m[2], m[3], m[4], m[5], m[6], m[7]),
  ],
  // 031231 and 03-12-31: two-digit years
  [/^(\d{2})-?(\d{2})-?(\d{2})$/, (m) => parts(fullYear(m[1] ?? ""), m[2], m[3])],
  // -0312 and -03-12: year and month only
  [/^-(\d{2})-?(\d{2})$/, (m) => parts(fullYear(m[1] ?? ""), m[2], "1")],
  // 2003-335: an ordinal date
  [/^(\d{4})-(\d{3})$/, (m) => ordinal(Number(m[1]), Number(m[2]))],
];

function parts(year: number, ...rest: (string | undefined)[]): Parts | null {
  const [month, day, hour, minute, second, zone] = rest;
  const offset = zone === undefined ? 0 : offsetOf(zone);
  if (offset === null) return null;
  const n = (v: string | undefined, fallback: number) => (v === undefined ? fallback : Number(v));
  return {
    year,
    month: n(month, 1),
    day: n(day, 1),
    hour: n(hour, 0),
    minute: n(minute, 0),
    second: n(second, 0),
    offset,
  };
}

function ordinal(year: number, dayOfYear: number): Parts | null {
  if (dayOfYear < 1 || dayOfYear > 366) return null;
  const date = new Date(0);
  date.setUTCFullYear(year, 0, dayOfYear);
  if (date.getUTCFullYear() !== year) return null;
  return {
    year,
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: 0,
    minute: 0,
    second: 0,
    offset: 0,
  };
}

export function parseShortIso(text: string): string | null {
  for (const [pattern, build] of SHORT_ISO) {
    const m = pattern.exec(text);
    if (m === null) continue;
    const p = build(m);
    return p === null ? null : toIso(p);
  }
  return null;
}
