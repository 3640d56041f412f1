/**
 * The values of template placeholders as plain feed text, shared by every platform's
 * template renderer; each escapes them for its own markup.
 */
import { type Locale, t } from "../../core/i18n/index.ts";
import type { MessageEntry } from "../../core/message.ts";
import type { Placeholder } from "../../core/templates/template.ts";
import { entryTime } from "./entry-meta.ts";
import { safeLink } from "./links.ts";
import { cleanText } from "./sanitize.ts";

/** The plain values shared by every platform (feed text, still to be escaped). */
export function textValue(name: Placeholder, entry: MessageEntry, locale: Locale = "en"): string {
  switch (name) {
    case "source":
      return entry.source.trim();
    case "topics":
      return entry.topics.filter((t) => t.trim() !== "").join(", ");
    case "time":
      return entryTime(entry) ?? "";
    case "author":
      return (entry.author ?? "").trim();
    case "lang":
      return (entry.lang ?? "").trim();
    case "title":
      return titleText(entry, locale);
    case "summary":
      return entry.snippet;
    case "link":
      return safeLink(entry.link)?.href ?? "";
    case "image":
      return httpsOnly(entry.image) ?? "";
    case "also":
      return allOutlets(entry, locale);
  }
}

export function titleText(entry: MessageEntry, locale: Locale = "en"): string {
  const title = cleanText(entry.title).trim();
  return title === "" ? (safeLink(entry.link)?.host ?? t(locale, "entry.untitled")) : title;
}

/** "also reported by RFI, France 24", every outlet, or "" when there is none. */
export function allOutlets(entry: MessageEntry, locale: Locale = "en"): string {
  const names = entry.alsoReportedBy.map((r) => r.source.trim()).filter((s) => s !== "");
  return names.length === 0 ? "" : t(locale, "entry.alsoReportedBy", { sources: names.join(", ") });
}

export function httpsOnly(url: string | null | undefined): string | null {
  const link = safeLink(url);
  return link?.href.startsWith("https:") ? link.href : null;
}
