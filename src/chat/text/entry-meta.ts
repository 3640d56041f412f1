import { type Locale, t } from "../../core/i18n/index.ts";
import type { AlsoReported, MessageEntry } from "../../core/message.ts";

/** Other outlets' reports shown with their own headline and link (the rest by name). */
export const MAX_REPORT_LINES = 10;

/** The reports an entry shows on lines of their own: those with a headline, up to the cap. */
export function reportLines(entry: MessageEntry): AlsoReported[] {
  return entry.alsoReportedBy
    .filter((r) => (r.title ?? "").trim() !== "" && r.source.trim() !== "")
    .slice(0, MAX_REPORT_LINES);
}

/** The time shown for an entry: the destination's local time when the builder gave one, else the ISO instant. */
export function entryTime(entry: MessageEntry): string | null {
  const local = entry.localTime?.trim();
  if (local) return local;
  const iso = entry.time?.trim();
  return iso ? iso : null;
}

/**
 * "also reported by RFI, France 24" for the outlets not shown on a line of their own, or
 * null when there are none.
 */
export function alsoReportedText(entry: MessageEntry, locale: Locale = "en"): string | null {
  const lined = new Set(reportLines(entry));
  const names = entry.alsoReportedBy
    .filter((r) => !lined.has(r))
    .map((s) => s.source.trim())
    .filter((s) => s !== "");
  return names.length === 0 ? null : t(locale, "entry.alsoReportedBy", { sources: names.join(", ") });
}

/** Source, time and topics of an entry, in the order every renderer shows them. */
export function metaParts(entry: MessageEntry, locale: Locale = "en"): string[] {
  const parts: string[] = [];
  if (entry.source.trim() !== "") parts.push(entry.source.trim());
  const time = entryTime(entry);
  if (time !== null) parts.push(time);
  const also = alsoReportedText(entry, locale);
  if (also !== null) parts.push(also);
  const topics = entry.topics.filter((t) => t.trim() !== "");
  if (topics.length > 0) parts.push(topics.join(", "));
  return parts;
}

export const META_SEPARATOR = " · ";
