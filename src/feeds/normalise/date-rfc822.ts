/**
 * RFC 822 as most feeds write it, `Tue, 01 Dec 2026 12:00:00 GMT` or `… +0100`: exactly
 * `^(?:[A-Z][a-z]{2}, )?(\d{1,2}) (Jan|…|Dec) (\d{4}) (\d{2}):(\d{2}):(\d{2}) (GMT|UTC?|Z|[+-]\d{4})$`,
 * read by position. date.ts's token parser reads such a text the same way, at many times the
 * cost; neither ISO form can match it.
 */
import { toIso } from "./date-parts.ts";

const MONTHS = new Map(
  ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"].map((name, i) => [
    name,
    i + 1,
  ]),
);

/** The number written by `count` ASCII digits at `from`; -1 when one of them is not a digit. */
function digitsAt(text: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const digit = text.charCodeAt(i) - 0x30;
    if (!(digit >= 0 && digit <= 9)) return -1;
    value = value * 10 + digit;
  }
  return value;
}

const isUpper = (unit: number): boolean => unit >= 0x41 && unit <= 0x5a;
const isLower = (unit: number): boolean => unit >= 0x61 && unit <= 0x7a;

/** Minutes east of UTC of the zone at `from` (to the end), null for an impossible offset, undefined when not one. */
function zoneAt(text: string, from: number): number | null | undefined {
  const zone = text.slice(from);
  if (zone === "GMT" || zone === "UT" || zone === "UTC" || zone === "Z") return 0;
  const sign = text.charCodeAt(from);
  if (zone.length !== 5 || (sign !== 0x2b && sign !== 0x2d)) return undefined;
  const hours = digitsAt(text, from + 1, 2);
  const minutes = digitsAt(text, from + 3, 2);
  if (hours < 0 || minutes < 0) return undefined;
  // As date-parts.ts's offsetOf: an hour past 23 or a minute past 59 is no offset, and no date.
  if (hours > 23 || minutes > 59) return null;
  return (sign === 0x2d ? -1 : 1) * (hours * 60 + minutes);
}

/** ISO-8601 UTC, null when the parts are impossible, undefined when the text is not in this form. */
export function parseCommonRfc822(text: string): string | null | undefined {
  let at = 0;
  const weekday =
    isUpper(text.charCodeAt(0)) &&
    isLower(text.charCodeAt(1)) &&
    isLower(text.charCodeAt(2)) &&
    text.charCodeAt(3) === 0x2c &&
    text.charCodeAt(4) === 0x20;
  if (weekday) at = 5;
  const dayDigits = text.charCodeAt(at + 1) === 0x20 ? 1 : 2;
  const day = digitsAt(text, at, dayDigits);
  at += dayDigits;
  if (day < 0 || text.charCodeAt(at) !== 0x20) return undefined;
  const month = MONTHS.get(text.slice(at + 1, at + 4));
  if (month === undefined || text.charCodeAt(at + 4) !== 0x20) return undefined;
  const year = digitsAt(text, at + 5, 4);
  if (year < 0 || text.charCodeAt(at + 9) !== 0x20) return undefined;
  const hour = digitsAt(text, at + 10, 2);
  const minute = digitsAt(text, at + 13, 2);
  const second = digitsAt(text, at + 16, 2);
  if (hour < 0 || minute < 0 || second < 0) return undefined;
  if (
    text.charCodeAt(at + 12) !== 0x3a ||
    text.charCodeAt(at + 15) !== 0x3a ||
    text.charCodeAt(at + 18) !== 0x20
  )
    return undefined;
  const offset = zoneAt(text, at + 19);
  if (offset === undefined) return undefined;
  if (offset === null) return null;
  return toIso({ year, month, day, hour, minute, second, offset });
}
