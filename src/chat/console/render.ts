import { type Locale, t } from "../../core/i18n/index.ts";
import type { Message, MessageEntry } from "../../core/message.ts";
import { META_SEPARATOR, metaParts, reportLines } from "../text/entry-meta.ts";
import { fitSegments, type Markup, PLAIN } from "../text/fit.ts";
import { segment } from "../text/highlight.ts";
import { safeLink } from "../text/links.ts";
import { cleanLines, cleanText } from "../text/sanitize.ts";

/**
 * Readable text for a terminal or a log. Control characters from feeds are replaced
 * (`cleanText`) so a title cannot move the cursor or recolour the terminal; colour, when
 * asked for, is added only around text we chose (heading, highlights, meta line).
 */
export interface ConsoleRenderOptions {
  /** ANSI bold/dim; only for TTYs. */
  color?: boolean;
}

const BOLD: Markup = { ...PLAIN, strong: (inner) => `\u001b[1m${inner}\u001b[22m` };
const dim = (text: string) => `\u001b[2m${text}\u001b[22m`;
/** Rendering choice: a digest line shows the start of each snippet, an alert all of it. */
const SNIPPET_CHARS = { alert: 4000, digest: 280 } as const;

export function renderConsole(message: Message, options?: ConsoleRenderOptions): string {
  const color = options?.color ?? false;
  const strong = color ? BOLD : PLAIN;
  const lines: string[] = [];
  const heading = cleanText(message.heading).trim();
  lines.push(`[${message.kind}] ${color ? BOLD.strong(heading) : heading}`.trimEnd());
  const notify = message.mentions.map((m) => `${m.kind} ${cleanText(m.id)}`).join(", ");
  if (notify !== "") lines.push(`notify: ${notify}`);
  for (const line of cleanLines(message.body ?? "")) if (line.trim() !== "") lines.push(line.trimEnd());
  const snippetChars = message.kind === "alert" ? SNIPPET_CHARS.alert : SNIPPET_CHARS.digest;
  const locale = message.locale ?? "en";
  for (const entry of message.entries) {
    lines.push(...entryLines(entry, strong, color, snippetChars, locale));
    // Templates are per chat platform; the console shows an alert's https image as a line.
    const image = message.kind === "alert" ? safeLink(entry.image) : null;
    if (image?.href.startsWith("https:")) lines.push(`  image: ${image.href}`);
  }
  const footer = cleanText(message.footer ?? "").trim();
  if (footer !== "") lines.push(`-- ${footer}`);
  return lines.join("\n");
}

function entryLines(
  entry: MessageEntry,
  strong: Markup,
  color: boolean,
  snippetChars: number,
  locale: Locale,
): string[] {
  const title = cleanText(entry.title).trim() === "" ? t(locale, "entry.untitled") : cleanText(entry.title);
  const lines = [`• ${fitSegments(segment(title, entry.highlights, "title"), strong, 1000)}`];
  const meta = cleanText(metaParts(entry, locale).join(META_SEPARATOR));
  if (meta !== "") lines.push(`  ${color ? dim(meta) : meta}`);
  const link = safeLink(entry.link);
  if (link !== null) lines.push(`  ${link.href}`);
  for (const report of reportLines(entry)) {
    const href = safeLink(report.link)?.href;
    lines.push(
      `  \u21b3 ${cleanText(report.source)}: ${cleanText(report.title ?? "")}${href ? ` ${href}` : ""}`,
    );
  }
  const snippet = cleanText(entry.snippet);
  if (snippet.trim() !== "") {
    lines.push(`  ${fitSegments(segment(snippet, entry.highlights, "snippet"), strong, snippetChars)}`);
  }
  return lines;
}
