import type { MessageEntry } from "../../core/message.ts";

/** The time shown for an entry: the destination's local time when the builder gave one, else the ISO instant. */
export function entryTime(entry: MessageEntry): string | null {
  const local = entry.localTime?.trim();
  if (local) return local;
  const iso = entry.time?.trim();
  return iso ? iso : null;
}

/** "also reported by RFI, France 24", or null when the story has a single source. */
export function alsoReportedText(entry: MessageEntry): string | null {
  const names = entry.alsoReportedBy.map((s) => s.source.trim()).filter((s) => s !== "");
  return names.length === 0 ? null : `also reported by ${names.join(", ")}`;
}

/** Source, time and topics of an entry, in the order every renderer shows them. */
export function metaParts(entry: MessageEntry): string[] {
  const parts: string[] = [];
  if (entry.source.trim() !== "") parts.push(entry.source.trim());
  const time = entryTime(entry);
  if (time !== null) parts.push(time);
  const also = alsoReportedText(entry);
  if (also !== null) parts.push(also);
  const topics = entry.topics.filter((t) => t.trim() !== "");
  if (topics.length > 0) parts.push(topics.join(", "));
  return parts;
}

export const META_SEPARATOR = " · ";
