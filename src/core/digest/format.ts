/** Small text helpers shared by the alert and digest builders. Pure: `Intl` only. */
import { formatTime, type Locale } from "../i18n/index.ts";

/**
 * An instant as the destination reads it, labelled with its zone: "28 Nov 14:05 UTC",
 * "28 nov. 14:05 Europe/Paris" (see core/i18n/time.ts).
 */
export function formatLocalTime(iso: string, timezone: string, locale: Locale = "en"): string | null {
  return formatTime(iso, timezone, locale);
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
