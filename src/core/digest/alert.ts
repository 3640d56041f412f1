/**
 * Instant alerts: one matched item becomes one neutral message. When later items of the
 * same story arrive in the same channel, the alert is edited rather than reposted:
 * `addSourceToAlert` grows its "also reported by" list, and `addTopicsToAlert` names the
 * topics the later copies matched.
 */
import { type Locale, t } from "../i18n/index.ts";
import type { Item } from "../item.ts";
import type { Highlight, Message, MessageEntry } from "../message.ts";
import type { AlertTemplate } from "../templates/template.ts";
import type { Mention } from "../topic.ts";
import { formatLocalTime, shorten } from "./format.ts";

export function itemTime(item: Pick<Item, "publishedAt" | "updatedAt">): string | null {
  return item.publishedAt ?? item.updatedAt ?? null;
}

/** The entry for one item; highlights on the snippet past its cut are dropped. */
export function itemEntry(
  item: Item,
  options: {
    timezone: string;
    highlights: Highlight[];
    topics: string[];
    time?: string | null;
    locale?: Locale;
  },
): MessageEntry {
  const time = options.time !== undefined ? options.time : itemTime(item);
  const snippet = shorten(item.summary !== "" ? item.summary : item.content);
  // The ellipsis is not source text: a span reaching it would highlight the wrong thing.
  const snippetEnd = snippet.endsWith("…") ? snippet.length - 1 : snippet.length;
  const highlights = options.highlights.filter((h) =>
    h.field === "title"
      ? h.end <= item.title.length
      : h.end <= snippetEnd && snippetOffsetsHold(item, snippet),
  );
  return {
    title: item.title,
    link: item.link,
    source: item.source,
    time,
    localTime: time === null ? null : formatLocalTime(time, options.timezone, options.locale),
    snippet,
    highlights,
    alsoReportedBy: [],
    topics: options.topics,
    image: item.image ?? null,
    author: item.author,
    lang: item.lang,
  };
}

/** Snippet offsets were computed on the summary; they stay valid only if the snippet is its prefix. */
function snippetOffsetsHold(item: Item, snippet: string): boolean {
  const body = item.summary !== "" ? item.summary : item.content;
  const prefix = snippet.endsWith("…") ? snippet.slice(0, -1) : snippet;
  return body.startsWith(prefix);
}

export function buildAlertMessage(input: {
  item: Item;
  topicNames: string[];
  highlights: Highlight[];
  timezone: string;
  mentions: Mention[];
  locale?: Locale;
  /** The destination's template; none: Wirewatch's own rendering. */
  template?: AlertTemplate | null;
}): Message {
  const locale = input.locale ?? "en";
  const entry = itemEntry(input.item, {
    locale,
    timezone: input.timezone,
    highlights: input.highlights,
    topics: input.topicNames,
  });
  const message: Message = {
    kind: "alert",
    heading: alertHeading(input.topicNames, locale),
    body: null,
    entries: [entry],
    footer: null,
    mentions: input.mentions,
    ephemeral: false,
    locale,
  };
  return input.template == null ? message : { ...message, template: input.template };
}

/** The alert with one more outlet under "also reported by"; unchanged if already listed. */
export function addSourceToAlert(message: Message, source: { source: string; link: string | null }): Message {
  const [first, ...rest] = message.entries;
  if (first === undefined) return message;
  const known =
    first.source === source.source ||
    (source.link !== null && first.link === source.link) ||
    first.alsoReportedBy.some((s) => s.source === source.source);
  if (known) return message;
  const grown: MessageEntry = { ...first, alsoReportedBy: [...first.alsoReportedBy, source] };
  return { ...message, entries: [grown, ...rest] };
}

function alertHeading(topicNames: readonly string[], locale: Locale = "en"): string {
  return topicNames.length > 0
    ? t(locale, "alert.headingTopics", { topics: topicNames.join(", ") })
    : t(locale, "alert.heading");
}

/**
 * The alert naming `topicNames` too, after its own (in the heading and on its entry): a
 * copy of the story from another outlet may match topics the first did not. Unchanged
 * when it names them all.
 */
export function addTopicsToAlert(message: Message, topicNames: readonly string[]): Message {
  const [first, ...rest] = message.entries;
  if (first === undefined) return message;
  const added = [...new Set(topicNames)].filter((name) => !first.topics.includes(name));
  if (added.length === 0) return message;
  const topics = [...first.topics, ...added];
  return {
    ...message,
    heading: alertHeading(topics, message.locale),
    entries: [{ ...first, topics }, ...rest],
  };
}
