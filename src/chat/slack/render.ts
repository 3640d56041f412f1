import { type Locale, t, tn } from "../../core/i18n/index.ts";
import type { AlsoReported, Message, MessageEntry } from "../../core/message.ts";
import type { Mention } from "../../core/topic.ts";
import { codeInBody, fitWithCode } from "../text/code-spans.ts";
import { META_SEPARATOR, metaParts, reportLines } from "../text/entry-meta.ts";
import { escapeAll, fitSegments, fitText, type Markup } from "../text/fit.ts";
import { segment } from "../text/highlight.ts";
import { safeLink } from "../text/links.ts";
import { cleanLines, cleanText } from "../text/sanitize.ts";
import { blockTextLength, SLACK_LIMITS } from "./limits.ts";
import { type SlackActionsBlock, withSlackActions } from "./render-actions.ts";
import { renderSlackTemplate } from "./template.ts";

/**
 * Block Kit rendering of the neutral message. Every string from a feed goes through
 * `MRKDWN` (or `PLAIN_TEXT` in headers): `&`, `<`, `>` become entities so nothing from a
 * feed can open a `<!channel>`, `<@U…>` or `<url|label>` sequence, and mrkdwn's emphasis
 * characters become look-alikes because Slack has no backslash escape. Text objects are
 * `verbatim` so Slack does not auto-link channel or user names either. The only `<…>`
 * sequences in a payload are links we built from checked http(s) URLs and the configured
 * mentions.
 */
export type SlackBlock =
  | { type: "header"; text: { type: "plain_text"; text: string; emoji: boolean } }
  | { type: "section"; text: SlackMrkdwn; accessory?: SlackImage }
  | { type: "context"; elements: SlackMrkdwn[] }
  | { type: "divider" }
  | SlackActionsBlock;

export interface SlackMrkdwn {
  type: "mrkdwn";
  text: string;
  verbatim: true;
}

/** An item's https image beside a section (`unfurl` stays off: this is the only image shown). */
export interface SlackImage {
  type: "image";
  image_url: string;
  alt_text: string;
}

export interface SlackPayload {
  text: string;
  blocks: SlackBlock[];
  unfurl_links: boolean;
  unfurl_media: boolean;
}

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };
// Look-alikes for mrkdwn's formatting characters: ∗ ˍ ∼ ˋ.
const LOOKALIKES: Record<string, string> = { "*": "\u2217", _: "\u02cd", "~": "\u223c", "`": "\u02cb" };

export const MRKDWN: Markup = {
  escape: (cp) => ENTITIES[cp] ?? LOOKALIKES[cp] ?? cp,
  strong: (inner) => `*${inner}*`,
  special: /[&<>*_~`]/g,
};
/** Link labels: a `|` inside a label could be read as another separator, so it becomes ∣. */
export const LABEL: Markup = {
  escape: (cp) => (cp === "|" ? "\u2223" : MRKDWN.escape(cp)),
  strong: MRKDWN.strong,
  special: /[&<>*_~`|]/g,
};
export const PLAIN_TEXT: Markup = {
  escape: (cp) => ENTITIES[cp] ?? cp,
  strong: (inner) => inner,
  special: /[&<>]/g,
};

/** Rendering choices (not platform limits): how much of each entry a message shows. */
const TITLE_CHARS = 500;
/** A report's headline, and the room kept for the snippet below the reports. */
const REPORT_CHARS = 200;
const REPORTS_RESERVE = 300;
const META_CHARS = 400;
const SNIPPET_CHARS = { alert: 1500, digest: 280 } as const;
const FALLBACK_CHARS = 600;
/** Far more pings than anyone configures, and well under a section's 3,000. */
const MENTION_CHARS = 1500;
/** Room kept in continuation payloads for their "heading · part 2/3" line. */
const PART_LINE_RESERVE = SLACK_LIMITS.headerText + 20;

export function renderSlack(message: Message, options?: { unfurl?: boolean }): SlackPayload[] {
  const unfurl = options?.unfurl ?? false;
  const templated = renderSlackTemplate(message, unfurl);
  if (templated !== null) return [templated];
  const heading = cleanText(message.heading).trim();
  const snippetChars = message.kind === "alert" ? SNIPPET_CHARS.alert : SNIPPET_CHARS.digest;
  const locale = message.locale ?? "en";
  const units: SlackBlock[][] = [
    ...bodyBlocks(message.body, codeInBody(message)).map((b) => [b]),
    ...message.entries.map((e) => [entrySection(e, snippetChars, message.kind === "alert", locale)]),
  ];
  const footer = cleanText(message.footer ?? "").trim();
  if (footer !== "") units.push([context(fitText(footer, MRKDWN, SLACK_LIMITS.sectionText))]);
  const parts = pack(headBlocks(heading, message.mentions), units);
  const payloads = parts.map((blocks, i) => {
    const partLine = i === 0 ? [] : [context(partLabel(heading, i, parts.length, locale))];
    return {
      text: fallbackText(message, heading, i, parts.length),
      blocks: [...partLine, ...blocks],
      unfurl_links: unfurl,
      unfurl_media: unfurl,
    };
  });
  return withSlackActions(message, payloads);
}

export function headBlocks(heading: string, mentions: readonly Mention[]): SlackBlock[] {
  const blocks: SlackBlock[] = [];
  if (heading !== "") {
    const text = fitText(heading, PLAIN_TEXT, SLACK_LIMITS.headerText);
    blocks.push({ type: "header", text: { type: "plain_text", text, emoji: true } });
  }
  const pings = mentionText(mentions);
  if (pings !== "") blocks.push(section(pings));
  return blocks;
}

/** Configured mentions only: users as `<@U…>`, roles as user groups `<!subteam^S…>`. */
export function mentionText(mentions: readonly Mention[]): string {
  const pings = new Set<string>();
  let length = 0;
  for (const m of mentions) {
    if (!/^[A-Z0-9]{2,30}$/i.test(m.id)) continue;
    const ping = m.kind === "user" ? `<@${m.id}>` : `<!subteam^${m.id}>`;
    length += ping.length + 1;
    if (length > MENTION_CHARS) break;
    pings.add(ping);
  }
  return [...pings].join(" ");
}

/** Command replies and notices: lines grouped into sections under the section limit. */
function bodyBlocks(body: string | null, code: boolean): SlackBlock[] {
  if (body === null || body.trim() === "") return [];
  const blocks: SlackBlock[] = [];
  let chunk = "";
  for (const line of cleanLines(body)) {
    const text = noQuote(
      code
        ? fitWithCode(line, MRKDWN, (span) => escapeAll(span, PLAIN_TEXT), SLACK_LIMITS.sectionText)
        : fitText(line, MRKDWN, SLACK_LIMITS.sectionText),
    );
    if (chunk !== "" && chunk.length + 1 + text.length > SLACK_LIMITS.sectionText) {
      blocks.push(section(chunk));
      chunk = "";
    }
    chunk = chunk === "" ? text : `${chunk}\n${text}`;
  }
  if (chunk.trim() !== "") blocks.push(section(chunk));
  return blocks;
}

/**
 * One entry, one section: linked title with its real host, then source/time line, then
 * snippet; an alert's https image beside it.
 */
export function entrySection(
  entry: MessageEntry,
  snippetChars: number,
  withImage: boolean,
  locale: Locale = "en",
): SlackBlock {
  const lines = [
    titleLine(entry, TITLE_CHARS, locale),
    fitText(cleanText(metaParts(entry, locale).join(META_SEPARATOR)), MRKDWN, META_CHARS),
  ];
  lines.push(...reportSection(entry, SLACK_LIMITS.sectionText - REPORTS_RESERVE - lineLength(lines), locale));
  const used = lines.reduce((sum, l) => sum + l.length + 1, 0);
  const room = Math.min(snippetChars, SLACK_LIMITS.sectionText - used);
  const snippet = cleanText(entry.snippet);
  if (snippet.trim() !== "")
    lines.push(fitSegments(segment(snippet, entry.highlights, "snippet"), MRKDWN, room));
  const block = section(
    lines
      .filter((l) => l !== "")
      .map(noQuote)
      .join("\n"),
  );
  const image = withImage ? imageAccessory(entry) : null;
  return image === null ? block : { ...block, accessory: image };
}

/** The entry's image as an accessory: https only, and within Slack's URL length. */
export function imageAccessory(entry: MessageEntry): SlackImage | null {
  const link = safeLink(entry.image);
  if (link === null || !link.href.startsWith("https:") || link.href.length > SLACK_LIMITS.imageUrl)
    return null;
  const title = cleanText(entry.title).trim();
  const alt = fitText(title === "" ? link.host : title, PLAIN_TEXT, SLACK_LIMITS.altText);
  return { type: "image", image_url: link.href, alt_text: alt };
}

export function titleLine(
  entry: Pick<MessageEntry, "title" | "link" | "highlights">,
  chars: number = TITLE_CHARS,
  locale: Locale = "en",
): string {
  const link = safeLink(entry.link);
  const untitled = link?.host ?? t(locale, "entry.untitled");
  const title = cleanText(entry.title).trim() === "" ? untitled : cleanText(entry.title);
  const segments = segment(title, entry.highlights, "title");
  if (link === null) return fitSegments(segments, MRKDWN, chars);
  const label = fitSegments(segments, LABEL, chars);
  const host = escapeAll(link.host, MRKDWN);
  // The URL was percent-encoded by safeLink; only `&` still needs its entity.
  const url = link.href.replaceAll("&", "&amp;");
  if (url.length > SLACK_LIMITS.sectionText - TITLE_CHARS - META_CHARS - 100) return `${label} (${host})`;
  return `<${url}|${label}> (${host})`;
}

function lineLength(lines: string[]): number {
  return lines.reduce((sum, l) => sum + l.length + 1, 0);
}

/**
 * Other outlets' reports of the story, each with its own linked headline, as many as fit
 * in `budget` characters; those past it are still named on a last line.
 */
function reportSection(entry: MessageEntry, budget: number, locale: Locale): string[] {
  const lines: string[] = [];
  const unlisted: string[] = [];
  let used = 0;
  for (const report of reportLines(entry)) {
    const line = reportLine(report, locale);
    if (used + line.length + 1 > budget - 200) unlisted.push(report.source);
    else {
      lines.push(line);
      used += line.length + 1;
    }
  }
  if (unlisted.length > 0) {
    const also = t(locale, "entry.alsoReportedBy", { sources: unlisted.join(", ") });
    lines.push(fitText(cleanText(also), MRKDWN, 200));
  }
  return lines;
}

/** Another outlet's report of the story: its own linked headline, then the outlet. */
export function reportLine(report: AlsoReported, locale: Locale = "en"): string {
  const entry = { title: report.title ?? "", link: report.link, highlights: [] };
  const title = titleLine(entry, REPORT_CHARS, locale);
  return `\u21b3 ${title} \u00b7 ${fitText(cleanText(report.source), MRKDWN, 80)}`;
}

/**
 * Slack shows a line starting with `&gt;` as a quote, so feed text that starts a line
 * gets the look-alike ˃ instead (shorter, so budgets still hold).
 */
export function noQuote(line: string): string {
  return line.startsWith("&gt;") ? `\u02c3${line.slice(4)}` : line;
}

export function fallbackText(message: Message, heading: string, part: number, parts: number): string {
  const head = heading === "" ? "Wirewatch" : heading;
  const locale = message.locale ?? "en";
  if (part > 0) {
    const label = t(locale, "render.part", { part: part + 1, parts });
    return fitText(`${head} (${label})`, MRKDWN, FALLBACK_CHARS);
  }
  const first = message.entries[0];
  let summary = head;
  if (message.kind === "alert" && first !== undefined) {
    summary = `${head}: ${cleanText(first.title).trim()}${first.source.trim() ? ` (${first.source.trim()})` : ""}`;
  } else if (message.entries.length > 0) {
    summary = `${head} (${tn(locale, "render.entries", message.entries.length)})`;
  } else if (message.body !== null && message.body.trim() !== "") {
    summary = `${head}: ${cleanText(message.body).trim()}`;
  }
  const pings = mentionText(message.mentions);
  const text = fitText(cleanText(summary), MRKDWN, FALLBACK_CHARS);
  return pings === "" ? text : `${pings} ${text}`;
}

function partLabel(heading: string, part: number, parts: number, locale: Locale): string {
  const head = fitText(heading === "" ? "Wirewatch" : heading, MRKDWN, SLACK_LIMITS.headerText);
  return `${head} · ${t(locale, "render.part", { part: part + 1, parts })}`;
}

/**
 * Packs units (an entry is one unit) into payloads under the block count and the
 * block-text budget, never splitting a unit. Continuation payloads keep room for the
 * "part n/m" line that renderSlack adds once the number of parts is known.
 */
function pack(head: SlackBlock[], units: SlackBlock[][]): SlackBlock[][] {
  const parts: SlackBlock[][] = [[...head]];
  let blocks = head.length;
  let text = head.reduce((sum, b) => sum + blockTextLength(b), 0);
  for (const unit of units) {
    const unitText = unit.reduce((sum, b) => sum + blockTextLength(b), 0);
    const fits =
      blocks + unit.length <= SLACK_LIMITS.blocksPerMessage &&
      text + unitText <= SLACK_LIMITS.blockTextPerMessage;
    if (!fits && blocks > 0) {
      parts.push([]);
      blocks = 1;
      text = PART_LINE_RESERVE;
    }
    parts[parts.length - 1]?.push(...unit);
    blocks += unit.length;
    text += unitText;
  }
  if (parts.length === 1 && parts[0]?.length === 0) parts[0].push(section("Wirewatch"));
  return parts;
}

export function section(text: string): Extract<SlackBlock, { type: "section" }> {
  return { type: "section", text: { type: "mrkdwn", text, verbatim: true } };
}

export function context(text: string): SlackBlock {
  return { type: "context", elements: [{ type: "mrkdwn", text, verbatim: true }] };
}
