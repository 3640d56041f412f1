/**
 * An alert rendered through its destination's template (Discord part): message content,
 * and one embed whose title, description, footer, author, colour and image the template
 * sets. The template's literal text is trusted configuration and is sent as written; every
 * placeholder value is feed text escaped as in the default rendering (`MARKDOWN` where
 * Discord parses markdown, `UNPARSED` in footers and author names), and
 * `allowed_mentions` still names only the configured ids. The embed title links to the
 * item; `{link}` and `{image}` show their own URL in `<…>`, which Discord links without a
 * preview and which cannot carry another label. Other outlets' reports stay in fields
 * unless the template places `{also}` itself.
 */
import { type Locale, t } from "../../core/i18n/index.ts";
import type { Message, MessageEntry } from "../../core/message.ts";
import { fillTemplate } from "../../core/templates/fill.ts";
import { templatePieces } from "../../core/templates/parse.ts";
import type { DiscordTemplate, Placeholder } from "../../core/templates/template.ts";
import { budgetedReportLines, META_SEPARATOR, metaParts } from "../text/entry-meta.ts";
import { fitSegments, fitText } from "../text/fit.ts";
import { segment } from "../text/highlight.ts";
import { safeLink } from "../text/links.ts";
import { cleanText } from "../text/sanitize.ts";
import { textValue, titleText } from "../text/template-values.ts";
import { DISCORD_LIMITS } from "./limits.ts";
import {
  type DiscordEmbed,
  type DiscordPayload,
  EMBED_BUDGET,
  EMBED_COLOR,
  FOOTER_CHARS,
  imageUrl,
  lineStart,
  MARKDOWN,
  mentionIds,
  reportFields,
  UNPARSED,
} from "./render.ts";

/** Rendering choices within Discord's limits, leaving room for report fields in the 6,000. */
const DESCRIPTION_CHARS = 3000;
const DEFAULT_SNIPPET_CHARS = 1500;
const MESSAGE_FOOTER_CHARS = 400;

type Target = "markdown" | "unparsed";

/** The templated payload of an alert, or null when the message has no Discord template. */
export function renderDiscordTemplate(message: Message): DiscordPayload | null {
  const template = message.template?.discord;
  const entry = message.entries[0];
  if (message.kind !== "alert" || template === undefined || entry === undefined) return null;
  const locale = message.locale ?? "en";
  const ids = mentionIds(message.mentions);
  const pings = [...ids.roles.map((id) => `<@&${id}>`), ...ids.users.map((id) => `<@${id}>`)].join(" ");
  const footer = fitText(cleanText(message.footer ?? "").trim(), MARKDOWN, MESSAGE_FOOTER_CHARS);
  const room = DISCORD_LIMITS.content - pings.length - footer.length - 10;
  const text =
    template.content === undefined
      ? defaultHeading(message)
      : fill(template.content, entry, "markdown", room, locale);
  const lines = [pings, text.trim() === "" ? "" : text, footer === "" ? "" : `-# ${footer}`];
  const content = lines.filter((l) => l !== "").join("\n");
  const allowed: DiscordPayload["allowed_mentions"] = { parse: [] };
  if (ids.roles.length > 0) allowed.roles = ids.roles;
  if (ids.users.length > 0) allowed.users = ids.users;
  return { content, embeds: [itemEmbed(template, entry, locale)], allowed_mentions: allowed };
}

function defaultHeading(message: Message): string {
  const heading = fitText(cleanText(message.heading).trim(), MARKDOWN, 250);
  return heading === "" ? "" : `**${heading}**`;
}

function itemEmbed(template: DiscordTemplate, entry: MessageEntry, locale: Locale): DiscordEmbed {
  const embed: DiscordEmbed = { color: template.colour ?? EMBED_COLOR };
  const title = fill(template.title ?? "{title}", entry, "markdown", DISCORD_LIMITS.embedTitle, locale);
  if (title.trim() !== "") embed.title = title;
  const link = safeLink(entry.link);
  if (link !== null && embed.title !== undefined) embed.url = link.href;
  if (template.author !== undefined) {
    const author = fill(template.author, entry, "unparsed", DISCORD_LIMITS.authorName, locale);
    if (author.trim() !== "") embed.author = { name: author };
  }
  const footer =
    template.footer === undefined
      ? fitText(
          cleanText([...metaParts(entry, locale), ...(link ? [link.host] : [])].join(META_SEPARATOR)),
          UNPARSED,
          FOOTER_CHARS,
        )
      : fill(template.footer, entry, "unparsed", FOOTER_CHARS, locale);
  if (footer.trim() !== "") embed.footer = { text: footer };
  const description =
    template.description === undefined
      ? lineStart(summary(entry, DEFAULT_SNIPPET_CHARS - 1))
      : fill(template.description, entry, "markdown", DESCRIPTION_CHARS, locale);
  if (description.trim() !== "") embed.description = description;
  const placesAlso = [
    template.content,
    template.title,
    template.description,
    template.footer,
    template.author,
  ].some((part) => part?.includes("{also}"));
  if (!placesAlso) {
    const fields = reportFields(entry, EMBED_BUDGET - embedChars(embed), locale);
    if (fields.length > 0) embed.fields = fields;
  }
  const image = template.image === "none" ? null : imageUrl(entry.image);
  if (image !== null) embed[template.image === "image" ? "image" : "thumbnail"] = { url: image };
  // An embed needs some text or an image; an empty one gets the headline.
  if (embed.title === undefined && embed.description === undefined && image === null)
    embed.description = lineStart(fitText(titleText(entry, locale), MARKDOWN, DISCORD_LIMITS.embedTitle - 1));
  return embed;
}

function embedChars(embed: DiscordEmbed): number {
  return (
    (embed.title ?? "").length +
    (embed.description ?? "").length +
    (embed.footer?.text ?? "").length +
    (embed.author?.name ?? "").length
  );
}

function summary(entry: MessageEntry, budget: number): string {
  return fitSegments(segment(cleanText(entry.snippet), entry.highlights, "snippet"), MARKDOWN, budget);
}

/** One template part filled with `entry`'s values, escaped for `target`. */
function fill(text: string, entry: MessageEntry, target: Target, limit: number, locale: Locale): string {
  return fillTemplate(templatePieces(text), {
    limit,
    value: (name, budget, atLineStart) => {
      if (target === "unparsed") return unparsedValue(name, entry, budget, locale);
      // `lineStart` adds at most one character, so the value is cut one shorter.
      return atLineStart
        ? lineStart(markdownValue(name, entry, budget - 1, locale))
        : markdownValue(name, entry, budget, locale);
    },
  });
}

function markdownValue(name: Placeholder, entry: MessageEntry, budget: number, locale: Locale): string {
  if (budget <= 0) return "";
  switch (name) {
    case "summary":
      return summary(entry, budget);
    case "link":
      return bracketed(safeLink(entry.link)?.href.replaceAll("@", "%40") ?? null, budget);
    case "image":
      return bracketed(imageUrl(entry.image), budget);
    case "also":
      return alsoLines(entry, budget, locale);
    default:
      return fitText(cleanText(textValue(name, entry, locale)), MARKDOWN, budget);
  }
}

function unparsedValue(name: Placeholder, entry: MessageEntry, budget: number, locale: Locale): string {
  const text = cleanText(textValue(name, entry, locale));
  // A URL is shown whole or not at all: a cut one would mislead.
  if (name === "link" || name === "image") return text.length <= budget ? text.replaceAll("@", "%40") : "";
  return fitText(text, UNPARSED, budget);
}

function bracketed(url: string | null, budget: number): string {
  if (url === null || url.length + 2 > budget) return "";
  return `<${url}>`;
}

/** "↳ Outlet: headline <url>" a line, then the outlets not listed, within `budget`. */
function alsoLines(entry: MessageEntry, budget: number, locale: Locale): string {
  return budgetedReportLines(
    entry,
    budget,
    (report) => {
      const href = safeLink(report.link)?.href.replaceAll("@", "%40");
      const head = fitText(
        cleanText(`${report.source.trim()}: ${(report.title ?? "").trim()}`),
        MARKDOWN,
        300,
      );
      return `\u21b3 ${head}${href !== undefined && href.length < 600 ? ` <${href}>` : ""}`;
    },
    (names, room) =>
      fitText(cleanText(t(locale, "entry.alsoReportedBy", { sources: names.join(", ") })), MARKDOWN, room),
  );
}
