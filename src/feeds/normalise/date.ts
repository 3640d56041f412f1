/**
 * Feed dates → ISO-8601 UTC, tolerant of what real feeds write: RFC 822 with or without
 * weekday, seconds, comma, four- or two-digit years, named zones (GMT, EST, MEST, ET…)
 * and `GMT+hh:mm`; W3C-DTF / ISO-8601 with partial dates, fractions, a space for `T`;
 * asctime, JavaScript's `Date#toString`, `22.11.2022 12:16:00` and 12-hour clocks; a weekday in any
 * language (`mer, 16 nov 2022`, `Mi,`, `mié,`, `lun.`) when an English month follows; short ISO
 * 8601 forms (`031231`, `03-12-31`, `-0312`, `20221116T003815Z`, `2003-335`) and years written
 * `0100` (kept as year 100, never moved to 2000). A date without a zone is taken as UTC:
 * never the host's zone, so results do not depend on where the bot runs. Anything not
 * understood is null, never a guess.
 */
const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/** Offsets in minutes east of UTC. */
const ZONES: Record<string, number> = {
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

const ISO =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(z|[+-]\d{2}(?::?\d{2})?)?)?)?)?$/i;
const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?$/;
const OFFSET = /^(?:gmt|utc|ut)?([+-])(\d{2}):?(\d{2})?$/i;
const SLASH_DATE = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/;
/** European `22.11.2022`: day first, never ambiguous with a year first. */
const DOT_DATE = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;

interface Parts {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  offset: number; // minutes east of UTC
}

function toIso(p: Parts): string | null {
  if (p.month < 1 || p.month > 12 || p.day < 1 || p.day > 31) return null;
  if (p.hour > 24 || p.minute > 59 || p.second > 60 || p.year > 9999) return null;
  const date = new Date(0);
  date.setUTCFullYear(p.year, p.month - 1, p.day);
  if (date.getUTCDate() !== p.day) return null; // 31 April and the like
  date.setUTCHours(p.hour, p.minute - p.offset, Math.min(p.second, 59), 0);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

function offsetOf(token: string): number | null {
  const named = ZONES[token.toLowerCase()];
  if (named !== undefined) return named;
  const match = OFFSET.exec(token);
  if (match === null) return null;
  const hours = Number(match[2]);
  const minutes = Number(match[3] ?? "0");
  if (hours > 23 || minutes > 59) return null;
  return (match[1] === "-" ? -1 : 1) * (hours * 60 + minutes);
}

function parseIso(text: string): string | null {
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

function fullYear(token: string): number {
  const year = Number(token);
  if (token.length > 2) return year;
  return year < 50 ? 2000 + year : 1900 + year;
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

function parseShortIso(text: string): string | null {
  for (const [pattern, build] of SHORT_ISO) {
    const m = pattern.exec(text);
    if (m === null) continue;
    const p = build(m);
    return p === null ? null : toIso(p);
  }
  return null;
}

const isEnglishMonth = (token: string): boolean =>
  /^[a-z]{3,9}\.?$/i.test(token) && MONTHS.includes(token.slice(0, 3).toLowerCase());

/**
 * A leading word is a weekday, in whatever language, when an English month name follows it
 * (`mer, 16 nov 2022`, `Mar, 12 Nov 2024`: "Mar" is Tuesday there, not March).
 */
function dropLeadingWeekday(tokens: string[]): string[] {
  const [first, ...rest] = tokens;
  if (first === undefined || !/^\p{L}{1,12}\.?$/u.test(first)) return tokens;
  return rest.some(isEnglishMonth) ? rest : tokens;
}

/** RFC 822 and its relatives: tokens in any of the orders real feeds use. */
function parseTokens(text: string): string | null {
  const tokens = dropLeadingWeekday(
    text
      .replace(/\([^)]*\)/g, " ")
      .split(/[\s,]+/)
      .filter((t) => t !== ""),
  );
  const numbers: string[] = [];
  let month: number | null = null;
  let time: RegExpExecArray | null = null;
  let offset: number | null = null;
  let meridiem: "am" | "pm" | null = null;
  for (const [index, token] of tokens.entries()) {
    const lower = token.toLowerCase();
    if (index === 0 && WEEKDAYS.includes(lower.slice(0, 3)) && /^[a-z]+\.?$/.test(lower)) continue;
    const slash = SLASH_DATE.exec(token);
    if (slash !== null && month === null && numbers.length === 0) {
      numbers.push(slash[3] ?? "", slash[1] ?? "");
      month = Number(slash[2]);
      continue;
    }
    const dotted = DOT_DATE.exec(token);
    if (dotted !== null && month === null && numbers.length === 0) {
      numbers.push(dotted[1] ?? "", dotted[3] ?? "");
      month = Number(dotted[2]);
      continue;
    }
    if ((lower === "am" || lower === "pm") && time !== null && meridiem === null) {
      meridiem = lower;
      continue;
    }
    const monthIndex = /^[a-z]{3,9}\.?$/.test(lower) ? MONTHS.indexOf(lower.slice(0, 3)) : -1;
    if (monthIndex >= 0 && month === null && ZONES[lower] === undefined) month = monthIndex + 1;
    else if (time === null && TIME.test(token)) time = TIME.exec(token);
    else if (/^\d{1,4}$/.test(token) && numbers.length < 2) numbers.push(token);
    else if (offset === null && offsetOf(token) !== null) offset = offsetOf(token);
    else return null;
  }
  if (month === null || numbers.length !== 2) return null;
  // The year is the four-digit number; with two short ones, day comes first.
  const [a = "", b = ""] = numbers;
  const yearFirst = a.length >= 3 && b.length <= 2;
  const [dayToken, yearToken] = yearFirst ? [b, a] : [a, b];
  let hour = Number(time?.[1] ?? "0");
  if (meridiem !== null && (hour < 1 || hour > 12)) return null;
  if (meridiem !== null) hour = (hour % 12) + (meridiem === "pm" ? 12 : 0);
  return toIso({
    year: fullYear(yearToken),
    month,
    day: Number(dayToken),
    hour,
    minute: Number(time?.[2] ?? "0"),
    second: Number(time?.[3] ?? "0"),
    offset: offset ?? 0,
  });
}

/** ISO-8601 UTC (`2004-01-01T19:48:21.000Z`) or null. */
export function parseFeedDate(raw: string | null | undefined): string | null {
  const text = raw?.trim() ?? "";
  if (text === "" || text.length > 100) return null;
  // `2003-012-31`: a month written with three digits.
  const iso = parseIso(text.replace(/^(\d{4})-0(\d{2})-/, "$1-$2-"));
  return iso ?? parseShortIso(text) ?? parseTokens(text);
}
