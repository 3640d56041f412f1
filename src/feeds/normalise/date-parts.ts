/**
 * The pieces every date form shares: calendar parts → ISO-8601 UTC (out-of-range parts are
 * null, never rolled into another day), named zones and numeric offsets, two-digit years.
 */
/** Offsets in minutes east of UTC. */
export const ZONES: Record<string, number> = {
  z: 0,
  ut: 0,
  utc: 0,
  gmt: 0,
  "etc/gmt": 0,
  wet: 0,
  west: 60,
  bst: 60,
  met: 60,
  cet: 60,
  mest: 120,
  cest: 120,
  eet: 120,
  eest: 180,
  msk: 180,
  ist: 330,
  jst: 540,
  kst: 540,
  aest: 600,
  aedt: 660,
  nzst: 720,
  nzdt: 780,
  at: -240,
  ast: -240,
  adt: -180,
  et: -300,
  est: -300,
  edt: -240,
  ct: -360,
  cst: -360,
  cdt: -300,
  mt: -420,
  mst: -420,
  mdt: -360,
  pt: -480,
  pst: -480,
  pdt: -420,
  akst: -540,
  akdt: -480,
  hst: -600,
};

const OFFSET = /^(?:gmt|utc|ut)?([+-])(\d{2}):?(\d{2})?$/i;

export interface Parts {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  offset: number; // minutes east of UTC
}

const DAY_MS = 86_400_000;
const TWO_DIGITS = Array.from({ length: 60 }, (_, n) => String(n).padStart(2, "0"));
/** 400 Gregorian years are exactly 146,097 days: how years 0–99 get past Date.UTC's 1900 rule. */
const FOUR_CENTURIES_MS = 146_097 * DAY_MS;

function daysInMonth(year: number, month: number): number {
  if (month !== 2) return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
}

/** Calendar parts → ISO-8601 UTC; parts out of range (31 April, 25:00) → null. */
export function toIso(p: Parts): string | null {
  if (p.month < 1 || p.month > 12 || p.day < 1 || p.day > 31) return null;
  if (p.hour > 24 || p.minute > 59 || p.second > 60 || p.year > 9999) return null;
  if (p.day > daysInMonth(p.year, p.month)) return null;
  const second = Math.min(p.second, 59);
  // Already UTC and on its day (the common case): written out, as toISOString would.
  if (p.offset === 0 && p.hour < 24 && p.year >= 1000)
    return `${p.year}-${TWO_DIGITS[p.month]}-${TWO_DIGITS[p.day]}T${TWO_DIGITS[p.hour]}:${TWO_DIGITS[p.minute]}:${TWO_DIGITS[second]}.000Z`;
  // Date.UTC reads years 0–99 as 1900–1999: those are computed 400 years on, then moved back.
  const shift = p.year < 100 ? 400 : 0;
  const time = Date.UTC(p.year + shift, p.month - 1, p.day, p.hour, p.minute - p.offset, second);
  const date = new Date(time - (shift === 0 ? 0 : FOUR_CENTURIES_MS));
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

export function offsetOf(token: string): number | null {
  const named = ZONES[token.toLowerCase()];
  if (named !== undefined) return named;
  const match = OFFSET.exec(token);
  if (match === null) return null;
  const hours = Number(match[2]);
  const minutes = Number(match[3] ?? "0");
  if (hours > 23 || minutes > 59) return null;
  return (match[1] === "-" ? -1 : 1) * (hours * 60 + minutes);
}

/** Two-digit years: 00–49 are the 2000s, 50–99 the 1900s; longer ones as written (`0100` is 100). */
export function fullYear(token: string): number {
  const year = Number(token);
  if (token.length > 2) return year;
  return year < 50 ? 2000 + year : 1900 + year;
}
