import { type Locale, t } from "../../core/i18n/index.ts";
import type { AlsoReported, Message, MessageEntry } from "../../core/message.ts";
import type { Mention } from "../../core/topic.ts";
import { codeInBody, fitWithCode } from "../text/code-spans.ts";
import { META_SEPARATOR, metaParts, reportLines } from "../text/entry-meta.ts";
import { fitSegments, fitText, type Markup } from "../text/fit.ts";
import { segment } from "../text/highlight.ts";
import { safeLink } from "../text/links.ts";
import { cleanLines, cleanText } from "../text/sanitize.ts";
import { DISCORD_LIMITS, embedLength } from "./limits.ts";
import { type DiscordActionRow, withDiscordActions } from "./render-actions.ts";
import { renderDiscordTemplate } from "./template.ts";

/**
 * Embed rendering of the neutral message. Feed text goes through `MARKDOWN` wherever
 * Discord parses markdown (content, titles, descriptions): markdown characters get a
 * backslash so `[bank](https://evil.test)` shows literally (`>`, `#`, `-` and `1.` only at the
 * start of a line, where they would quote, title or list), and a zero-width space follows
 * every `@` and `<` so `@everyone`, `<@123>`, `<@&123>`, `<#123>` and `<t:…>` stay text even
 * if `allowed_mentions` were ever lost. Footers and author names are not parsed, so they
 * only get the zero-width spaces. Every payload carries `allowed_mentions: { parse: [] }`
 * and, on the one that pings, exactly the configured role and user ids.
 */
export interface DiscordEmbed {
  title?: string;
  url?: string;
  description?: string;
  color?: number;
  author?: { name: string };
  footer?: { text: string };
  fields?: { name: string; value: string; inline?: boolean }[];
  /** The item's https image, small beside the text or large below it. */
  thumbnail?: { url: string };
  image?: { url: string };
}

export interface DiscordPayload {
  content: string;
  embeds: DiscordEmbed[];
  allowed_mentions: { parse: []; roles?: string[]; users?: string[] };
  /** An alert's buttons (render-actions.ts). */
  components?: DiscordActionRow[];
}

const ZWSP = "\u200b";
// `>`, `#` and `-` only mean something at the start of a line; `lineStart` escapes them there.
const MD_SPECIAL = new Set(["\\", "*", "_", "~", "`", "|", "[", "]", "(", ")"]);

export const MARKDOWN: Markup = {
  escape: (cp) => (cp === "@" || cp === "<" ? cp + ZWSP : MD_SPECIAL.has(cp) ? `\\${cp}` : cp),
  strong: (inner) => `**${inner}**`,
  special: /[@<\\*_~`|[\]()]/g,
};
// Footers are not parsed today; the zero-width spaces (after `]` too, breaking `](`) keep them
// inert should that change, without the backslashes an unparsed field would show.
export const UNPARSED: Markup = {
  escape: (cp) => (cp === "@" || cp === "<" || cp === "]" ? cp + ZWSP : cp),
  strong: (inner) => inner,
  special: /[@<\]]/g,
};

export const EMBED_COLOR = 0x2f6fde;
/** Rendering choices (not platform limits): how much of each entry a message shows. */
const SNIPPET_CHARS = { alert: 1500, digest: 280 } as const;
export const FOOTER_CHARS = 500;
/** A report field's headline and link; a longer link is left out (the value holds 1,024). */
const REPORT_TITLE_CHARS = 300;
const REPORT_URL_CHARS = 600;
/** An alert embed stays under this many characters (Discord counts 6,000 per message). */
export const EMBED_BUDGET = 5_500;
const HEADING_CHARS = 250;
const MENTIONS_CHARS = 900;
const MESSAGE_FOOTER_CHARS = 400;

export function renderDiscord(message: Message): DiscordPayload[] {
  const templated = renderDiscordTemplate(message);
  if (templated !== null) return [templated];
  const ids = mentionIds(message.mentions);
  const pings = [...ids.roles.map((id) => `<@&${id}>`), ...ids.users.map((id) => `<@${id}>`)].join(" ");
  const heading = fitText(cleanText(message.heading).trim(), MARKDOWN, HEADING_CHARS);
  const footer = fitText(cleanText(message.footer ?? "").trim(), MARKDOWN, MESSAGE_FOOTER_CHARS);
  const head = [pings, heading === "" ? "" : `**${heading}**`].filter((l) => l !== "").join("\n");
  // Short bodies (command replies) read best as message text; long ones go into embeds.
  const bodyRoom = DISCORD_LIMITS.content - head.length - footer.length - 40;
  const code = codeInBody(message);
  const bodyText = bodyAsText(message.body, code);
  const bodyInContent = bodyText.length <= bodyRoom;
  const snippetChars = message.kind === "alert" ? SNIPPET_CHARS.alert : SNIPPET_CHARS.digest;
  const locale = message.locale ?? "en";
  const units = [
    ...(bodyInContent ? [] : bodyEmbeds(message.body, code)),
    ...message.entries.map((e) => entryEmbed(e, snippetChars, message.kind === "alert", locale)),
  ];
  const parts = pack(units);
  const payloads = parts.map((embeds, i) => {
    const lines =
      i === 0
        ? [head, bodyInContent ? bodyText : ""]
        : [
            `-# ${heading || "Wirewatch"} · ${t(locale, "render.part", { part: i + 1, parts: parts.length })}`,
          ];
    if (i === parts.length - 1 && footer !== "") lines.push(`-# ${footer}`);
    let content = lines.filter((l) => l !== "").join("\n");
    if (content === "" && embeds.length === 0) content = "Wirewatch";
    const allowed: DiscordPayload["allowed_mentions"] = { parse: [] };
    if (i === 0 && ids.roles.length > 0) allowed.roles = ids.roles;
    if (i === 0 && ids.users.length > 0) allowed.users = ids.users;
    return { content, embeds, allowed_mentions: allowed };
  });
  return withDiscordActions(message, payloads);
}

/** Snowflakes only, de-duplicated, and no more than fit in the content line. */
export function mentionIds(mentions: readonly Mention[]): { roles: string[]; users: string[] } {
  const roles: string[] = [];
  const users: string[] = [];
  let length = 0;
  for (const m of mentions) {
    if (!/^\d{1,20}$/.test(m.id)) continue;
    const list = m.kind === "role" ? roles : users;
    if (list.includes(m.id)) continue;
    length += m.id.length + 5;
    if (length > MENTIONS_CHARS) break;
    list.push(m.id);
  }
  return { roles, users };
}

function bodyAsText(body: string | null, code: boolean): string {
  if (body === null) return "";
  return cleanLines(body)
    .map((line) => lineStart(bodyLine(line, DISCORD_LIMITS.content - 1, code)))
    .join("\n")
    .trim();
}

/** A long body, cut at line ends into description-only embeds. */
function bodyEmbeds(body: string | null, code: boolean): DiscordEmbed[] {
  const embeds: DiscordEmbed[] = [];
  let chunk = "";
  for (const line of cleanLines(body ?? "")) {
    const text = lineStart(bodyLine(line, DISCORD_LIMITS.embedDescription - 1, code));
    if (chunk !== "" && chunk.length + 1 + text.length > DISCORD_LIMITS.embedDescription) {
      embeds.push({ description: chunk, color: EMBED_COLOR });
      chunk = "";
    }
    chunk = chunk === "" ? text : `${chunk}\n${text}`;
  }
  if (chunk.trim() !== "") embeds.push({ description: chunk, color: EMBED_COLOR });
  return embeds;
}

/**
 * The bot's text with its `code` spans shown as code: Discord parses nothing inside one
 * (no markdown, mention or link), and a backslash there would be shown and copied.
 */
function bodyLine(line: string, budget: number, code: boolean): string {
  return code ? fitWithCode(line, MARKDOWN, (text) => text, budget) : fitText(line, MARKDOWN, budget);
}

function entryEmbed(
  entry: MessageEntry,
  snippetChars: number,
  withImage: boolean,
  locale: Locale,
): DiscordEmbed {
  const link = safeLink(entry.link);
  const rawTitle = cleanText(entry.title).trim();
  const title = rawTitle === "" ? (link?.host ?? t(locale, "entry.untitled")) : rawTitle;
  const embed: DiscordEmbed = {
    title: lineStart(fitText(title, MARKDOWN, DISCORD_LIMITS.embedTitle - 1)),
    color: EMBED_COLOR,
  };
  if (link !== null) embed.url = link.href;
  const snippet = cleanText(entry.snippet);
  if (snippet.trim() !== "") {
    const text = fitSegments(segment(snippet, entry.highlights, "snippet"), MARKDOWN, snippetChars - 1);
    embed.description = lineStart(text);
  }
  const meta = metaParts(entry, locale);
  if (link !== null) meta.push(link.host);
  const footer = fitText(cleanText(meta.join(META_SEPARATOR)), UNPARSED, FOOTER_CHARS);
  if (footer.trim() !== "") embed.footer = { text: footer };
  const fields = reportFields(entry, EMBED_BUDGET - embedLength(embed), locale);
  if (fields.length > 0) embed.fields = fields;
  const image = withImage ? imageUrl(entry.image) : null;
  if (image !== null) embed.thumbnail = { url: image };
  return embed;
}

/**
 * An https image URL Discord accepts, or null. `@` is percent-encoded so no string of a
 * payload reads as `@everyone`, even inside a URL.
 */
export function imageUrl(raw: string | null | undefined): string | null {
  const link = safeLink(raw);
  if (link === null || !link.href.startsWith("https:")) return null;
  const url = link.href.replaceAll("@", "%40");
  return url.length <= DISCORD_LIMITS.url ? url : null;
}

/**
 * Other outlets' reports of the story as fields, each with its own headline and link, as
 * many as fit in `budget` characters; those past it are still named in a last field.
 */
export function reportFields(
  entry: MessageEntry,
  budget: number,
  locale: Locale = "en",
): { name: string; value: string }[] {
  const fields: { name: string; value: string }[] = [];
  const unlisted: string[] = [];
  let used = 0;
  for (const report of reportLines(entry)) {
    const field = reportField(report, locale);
    const size = field.name.length + field.value.length;
    if (used + size > budget - 300) unlisted.push(report.source);
    else {
      fields.push(field);
      used += size;
    }
  }
  if (unlisted.length > 0) {
    const names = fitText(cleanText(unlisted.join(", ")), MARKDOWN, 250);
    fields.push({ name: t(locale, "entry.alsoReportedByField"), value: names });
  }
  return fields;
}

/** Another outlet's report of the story: the outlet, then its own headline and link. */
function reportField(report: AlsoReported, locale: Locale): { name: string; value: string } {
  const link = safeLink(report.link);
  const title = lineStart(fitText(cleanText(report.title ?? ""), MARKDOWN, REPORT_TITLE_CHARS));
  // Shown as text: `@` is percent-encoded so no URL reads as `@everyone` (the link still works).
  const href = link?.href.replaceAll("@", "%40");
  const url = href !== undefined && href.length <= REPORT_URL_CHARS ? `\n${href}` : "";
  return {
    name: fitText(
      cleanText(t(locale, "entry.alsoReportedBySource", { source: report.source })),
      UNPARSED,
      200,
    ),
    value: `${title}${url}`,
  };
}

/**
 * Escapes what only counts at the start of a line: `# title`, `-# subtext`, `- list`,
 * `> quote`, `1. list`. Adds one character at most, which callers keep room for.
 */
export function lineStart(text: string): string {
  return text.replace(
    /^(\s*)(?:([-#>+])|(\d+)\.(?=\s|$))/,
    (_m, space: string, mark?: string, digits?: string) =>
      mark !== undefined ? `${space}\\${mark}` : `${space}${digits}\\.`,
  );
}

/** Embeds into payloads under the embed count and the 6,000 characters, never splitting an embed. */
function pack(units: DiscordEmbed[]): DiscordEmbed[][] {
  const parts: DiscordEmbed[][] = [[]];
  let chars = 0;
  for (const embed of units) {
    const size = embedLength(embed);
    const current = parts[parts.length - 1] ?? [];
    if (
      current.length > 0 &&
      (current.length >= DISCORD_LIMITS.embedsPerMessage ||
        chars + size > DISCORD_LIMITS.embedCharsPerMessage)
    ) {
      parts.push([embed]);
      chars = size;
    } else {
      current.push(embed);
      chars += size;
    }
  }
  return parts;
}
