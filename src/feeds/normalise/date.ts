/**
 * Feed dates → ISO-8601 UTC, tolerant of what real feeds write: RFC 822 with or without
 * weekday, seconds, comma, four- or two-digit years, named zones (GMT, EST, MEST, ET…)
 * and `GMT+hh:mm`; W3C-DTF / ISO-8601 in its extended, short and basic forms (date-iso.ts);
 * asctime, JavaScript's `Date#toString`, `22.11.2022 12:16:00` and 12-hour clocks; a weekday
 * in any language (`mer, 16 nov 2022`, `Mi,`, `mié,`, `lun.`) when an English month follows;
 * years written `0100` (kept as year 100, never moved to 2000). A date without a zone is taken as UTC:
 * never the host's zone, so results do not depend on where the bot runs. Anything not
 * understood is null, never a guess.
 */
import { parseIso, parseShortIso } from "./date-iso.ts";
import { fullYear, offsetOf, toIso, ZONES } from "./date-parts.ts";
import { parseCommonRfc822 } from "./date-rfc822.ts";

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?$/;
const SLASH_DATE = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/;
/** European `22.11.2022`: day first, never ambiguous with a year first. */
const DOT_DATE = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;

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
  const common = parseCommonRfc822(text);
  if (common !== undefined) return common;
  // `2003-012-31`: a month written with three digits.
  const iso = parseIso(text.replace(/^(\d{4})-0(\d{2})-/, "$1-$2-"));
  return iso ?? parseShortIso(text) ?? parseTokens(text);
}
