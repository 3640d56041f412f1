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

/**
 * A templated alert's `{also}` text within `budget` characters: a line a report with a headline
 * (`line` renders it in the platform's markup), as many as fit, then one "also reported by"
 * line (`rest`, given the room left) naming the outlets not listed.
 */
export function budgetedReportLines(
  entry: MessageEntry,
  budget: number,
  line: (report: AlsoReported) => string,
  rest: (names: string[], room: number) => string,
): string {
  const listed = reportLines(entry);
  const lines: string[] = [];
  let used = 0;
  for (const report of listed) {
    const text = line(report);
    if (used + text.length + 1 > budget) break;
    lines.push(text);
    used += text.length + 1;
  }
  const shown = new Set(listed.slice(0, lines.length));
  const names = entry.alsoReportedBy
    .filter((r) => !shown.has(r))
    .map((r) => r.source.trim())
    .filter((s) => s !== "");
  const room = budget - used;
  if (names.length > 0 && room > 20) lines.push(rest(names, room));
  return lines.join("\n");
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
