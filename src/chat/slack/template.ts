/**
 * An alert rendered through its destination's template (Slack part): a header, the item's
 * section (with the image accessory) and a context line, each filled within its Block Kit
 * limit. The template's literal text is trusted configuration and is sent as written; every
 * placeholder value is feed text and goes through the same escaping as the default
 * rendering (`MRKDWN`, `LABEL`, `PLAIN_TEXT`), so it can never open a mention or a link.
 * The only links are the ones built here from checked http(s) URLs: `{title}` is the
 * linked headline followed by its real host, `{link}` and `{image}` show their own URL.
 * Other outlets' reports get a section of their own unless the template places `{also}`.
 */
import { type Locale, t } from "../../core/i18n/index.ts";
import type { Message, MessageEntry } from "../../core/message.ts";
import { fillTemplate } from "../../core/templates/fill.ts";
import { templatePieces } from "../../core/templates/parse.ts";
import type { Placeholder, SlackTemplate } from "../../core/templates/template.ts";
import { budgetedReportLines } from "../text/entry-meta.ts";
import { escapeAll, fitSegments, fitText, type Markup } from "../text/fit.ts";
import { segment } from "../text/highlight.ts";
import { safeLink } from "../text/links.ts";
import { cleanText } from "../text/sanitize.ts";
import { allOutlets, httpsOnly, textValue, titleText } from "../text/template-values.ts";
import { blockTextLength, SLACK_LIMITS } from "./limits.ts";
import {
  context,
  entrySection,
  fallbackText,
  headBlocks,
  imageAccessory,
  LABEL,
  MRKDWN,
  noQuote,
  PLAIN_TEXT,
  reportLine,
  type SlackBlock,
  type SlackPayload,
  section,
  titleLine,
} from "./render.ts";

/** As the default rendering: an alert's snippet shows at most this much. */
const SNIPPET_CHARS = 1500;

/** The templated payload of an alert, or null when the message has no Slack template. */
export function renderSlackTemplate(message: Message, unfurl: boolean): SlackPayload | null {
  const template = message.template?.slack;
  const entry = message.entries[0];
  if (message.kind !== "alert" || template === undefined || entry === undefined) return null;
  const locale = message.locale ?? "en";
  const heading = cleanText(message.heading).trim();
  // The header is filled already escaped, so it is not passed through `headBlocks`' escaping.
  const header =
    template.header === undefined
      ? null
      : fill(template.header, entry, "plain", SLACK_LIMITS.headerText, locale).trim();
  const blocks: SlackBlock[] = headBlocks(header === null ? heading : "", message.mentions);
  if (header !== null && header !== "")
    blocks.unshift({ type: "header", text: { type: "plain_text", text: header, emoji: true } });
  blocks.push(itemSection(template, entry, locale));
  // A story's other outlets stay visible (alert edits add them) unless the template places `{also}`.
  const placesAlso = [template.header, template.section, template.context].some((p) => p?.includes("{also}"));
  const also =
    placesAlso || template.section === undefined ? "" : alsoLines(entry, SLACK_LIMITS.sectionText, locale);
  if (also !== "") blocks.push(section(also));
  const line =
    template.context === undefined
      ? ""
      : fill(template.context, entry, "mrkdwn", SLACK_LIMITS.sectionText, locale);
  if (line.trim() !== "") blocks.push(context(line));
  // Every other part is capped by its own limit; the footer gets what is left of the message's budget.
  const used = blocks.reduce((sum, b) => sum + blockTextLength(b), 0);
  const room = Math.min(SLACK_LIMITS.sectionText, SLACK_LIMITS.blockTextPerMessage - used);
  const footer = cleanText(message.footer ?? "").trim();
  if (footer !== "" && room > 20) blocks.push(context(fitText(footer, MRKDWN, room)));
  return {
    text: fallbackText(message, heading, 0, 1),
    blocks,
    unfurl_links: unfurl,
    unfurl_media: unfurl,
  };
}

function itemSection(template: SlackTemplate, entry: MessageEntry, locale: Locale): SlackBlock {
  const withImage = template.image !== "none";
  if (template.section === undefined) return entrySection(entry, SNIPPET_CHARS, withImage, locale);
  let text = fill(template.section, entry, "mrkdwn", SLACK_LIMITS.sectionText, locale);
  // Slack refuses a section without text; a template that rendered to nothing gets the title.
  if (text.trim() === "") text = titleLine(entry, undefined, locale);
  const block = section(text);
  const image = withImage ? imageAccessory(entry) : null;
  return image === null ? block : { ...block, accessory: image };
}

type Target = "mrkdwn" | "plain";

/** One template part filled with `entry`'s values, escaped for `target`. */
function fill(text: string, entry: MessageEntry, target: Target, limit: number, locale: Locale): string {
  return fillTemplate(templatePieces(text), {
    limit,
    value: (name, budget, lineStart) => {
      const value =
        target === "plain"
          ? plainValue(name, entry, budget, locale)
          : mrkdwnValue(name, entry, budget, locale);
      // Feed text starting a line must not become a quote (`noQuote` only ever shortens).
      return lineStart && target === "mrkdwn" ? value.split("\n").map(noQuote).join("\n") : value;
    },
  });
}

function mrkdwnValue(name: Placeholder, entry: MessageEntry, budget: number, locale: Locale): string {
  switch (name) {
    case "title": {
      const linked = titleLine(entry, budget, locale);
      return linked.length <= budget ? linked : fitText(titleText(entry, locale), MRKDWN, budget);
    }
    case "summary":
      return fitSegments(segment(cleanText(entry.snippet), entry.highlights, "snippet"), MRKDWN, budget);
    case "link":
      return selfLink(entry.link, budget);
    case "image":
      return selfLink(httpsOnly(entry.image), budget);
    case "also":
      return alsoLines(entry, budget, locale);
    default:
      return fitText(cleanText(textValue(name, entry, locale)), MRKDWN, budget);
  }
}

function plainValue(name: Placeholder, entry: MessageEntry, budget: number, locale: Locale): string {
  switch (name) {
    case "title":
      return fitText(titleText(entry, locale), PLAIN_TEXT, budget);
    case "summary":
      return fitText(cleanText(entry.snippet), PLAIN_TEXT, budget);
    case "link":
      return urlText(safeLink(entry.link)?.href ?? "", PLAIN_TEXT, budget);
    case "image":
      return urlText(httpsOnly(entry.image) ?? "", PLAIN_TEXT, budget);
    case "also":
      return fitText(cleanText(allOutlets(entry, locale)), PLAIN_TEXT, budget);
    default:
      return fitText(cleanText(textValue(name, entry, locale)), PLAIN_TEXT, budget);
  }
}

/** A checked URL linked with itself as its label (a label that is its own URL cannot lie). */
function selfLink(url: string | null | undefined, budget: number): string {
  const href = safeLink(url)?.href;
  if (href === undefined) return "";
  const linked = `<${href.replaceAll("&", "&amp;")}|${escapeAll(href, LABEL)}>`;
  return linked.length <= budget ? linked : "";
}

/** A URL as text: whole or not at all (a cut URL would mislead). */
function urlText(url: string, markup: Markup, budget: number): string {
  const text = escapeAll(url, markup);
  return text.length <= budget ? text : "";
}

/** Other outlets' linked headlines, one a line, then the outlets not listed, within `budget`. */
function alsoLines(entry: MessageEntry, budget: number, locale: Locale): string {
  return budgetedReportLines(
    entry,
    budget,
    (report) => reportLine(report, locale),
    (names, room) =>
      fitText(cleanText(t(locale, "entry.alsoReportedBy", { sources: names.join(", ") })), MRKDWN, room),
  );
}
