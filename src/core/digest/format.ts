/** Small text helpers shared by the alert and digest builders. Pure: `Intl` only. */

const localFormatters = new Map<string, Intl.DateTimeFormat>();

/**
 * An instant as the destination reads it: "28 Nov 14:05". Built from parts so the
 * output does not depend on the host's locale data for separators.
 */
export function formatLocalTime(iso: string, timezone: string): string | null {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return null;
  let f = localFormatters.get(timezone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat("en-GB", {
      timeZone: timezone,
      day: "numeric",
      month: "short",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    localFormatters.set(timezone, f);
  }
  const parts = f.formatToParts(new Date(ms));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("day")} ${get("month")} ${get("hour")}:${get("minute")}`;
}

export const SNIPPET_LENGTH = 280;

/**
 * Shortens text to at most `max` characters at a word boundary, adding "…" when cut.
 * Never splits a surrogate pair; falls back to a hard cut for one very long word.
 */
export function shorten(text: string, max = SNIPPET_LENGTH): string {
  const clean = text.replace(/\s+/g, " ").trim();
  if (clean.length <= max) return clean;
  const room = max - 1;
  let cut = clean.lastIndexOf(" ", room);
  if (cut < room * 0.6) cut = room;
  let head = clean.slice(0, cut);
  const last = head.charCodeAt(head.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) head = head.slice(0, -1);
  return `${head.replace(/[\s,;:.!?«"'(-]+$/u, "")}…`;
}
