/**
 * Digest messages: the matches a destination collected over one window, oldest first,
 * one entry per story ("also reported by RFI, France 24"), capped with "and N more".
 *
 * Grouping: an item joins the first earlier story whose lead shares its link or is the
 * same story by signature within STORY_WINDOW_HOURS; a repeat from the lead's own
 * outlet (an update) is absorbed without being listed. One item matched by several
 * topics appears once.
 */
import type { StoredItem } from "../item.ts";
import type { Message, MessageEntry } from "../message.ts";
import type { DigestEntry } from "../ports.ts";
import type { Mention } from "../topic.ts";
import { itemEntry, itemTime } from "./alert.ts";
import { formatLocalTime } from "./format.ts";
import { isStorySignature, STORY_WINDOW_HOURS, sameStory, storySignature } from "./story.ts";

export const DEFAULT_MAX_ENTRIES = 25;
/** Entries per message: Discord allows 25 fields, and long Slack messages get cut. */
export const ENTRIES_PER_MESSAGE = 25;

export interface DigestOptions {
  /** "Digest · russia-us"; the count and the window's end are appended. */
  heading: string;
  timezone: string;
  maxEntries: number;
  windowStart: string | null;
  windowEnd: string;
  mentions: Mention[];
  /** Topic id → name, for topics created from chat (config topics carry their name in the id). */
  topicNames?: Readonly<Record<string, string>>;
}

interface Story {
  lead: StoredItem;
  time: string;
  signature: number[];
  topicIds: string[];
  others: { source: string; link: string | null }[];
}

const WINDOW_MS = STORY_WINDOW_HOURS * 3_600_000;

export function buildDigestMessages(entries: DigestEntry[], options: DigestOptions): Message[] {
  const items = mergeByItem(entries);
  if (items.length === 0) return [];
  const stories = groupStories(items);
  const maxEntries = options.maxEntries > 0 ? options.maxEntries : DEFAULT_MAX_ENTRIES;
  const shown = stories.slice(0, maxEntries);
  const hidden = stories.length - shown.length;
  const mixed = new Set(items.flatMap((i) => i.topicIds)).size > 1;
  const label = (id: string) => options.topicNames?.[id] ?? topicLabel(id);
  const messageEntries = shown.map((s) => storyEntry(s, options.timezone, mixed ? label : null));

  const count = `${items.length} ${items.length === 1 ? "item" : "items"}`;
  const end = formatLocalTime(options.windowEnd, options.timezone) ?? options.windowEnd;
  const heading = `${options.heading} — ${count} (${end}, ${options.timezone})`;
  const start = options.windowStart === null ? null : formatLocalTime(options.windowStart, options.timezone);
  const body = start === null ? null : `${start} – ${end}`;

  const chunks: MessageEntry[][] = [];
  for (let i = 0; i < messageEntries.length; i += ENTRIES_PER_MESSAGE) {
    chunks.push(messageEntries.slice(i, i + ENTRIES_PER_MESSAGE));
  }
  return chunks.map((chunk, index) => ({
    kind: "digest",
    heading: chunks.length === 1 ? heading : `${heading} (${index + 1}/${chunks.length})`,
    body: index === 0 ? body : null,
    entries: chunk,
    footer: index === chunks.length - 1 && hidden > 0 ? `and ${hidden} more` : null,
    // Ping once per digest, not once per part.
    mentions: index === 0 ? options.mentions : [],
    ephemeral: false,
  }));
}

interface MergedItem {
  item: StoredItem;
  time: string;
  signature: number[];
  topicIds: string[];
}

function mergeByItem(entries: DigestEntry[]): MergedItem[] {
  const byId = new Map<number, MergedItem>();
  for (const e of entries) {
    let merged = byId.get(e.item.id);
    if (merged === undefined) {
      merged = {
        item: e.item,
        time: itemTime(e.item) ?? e.item.firstSeenAt,
        signature: isStorySignature(e.signature) ? e.signature : storySignature(e.item),
        topicIds: [],
      };
      byId.set(e.item.id, merged);
    }
    // The poll joins the topics of one alert with commas ("config:a,config:b").
    for (const id of e.topicId.split(",")) {
      if (id !== "" && !merged.topicIds.includes(id)) merged.topicIds.push(id);
    }
  }
  return [...byId.values()].sort((a, b) =>
    a.time !== b.time ? (a.time < b.time ? -1 : 1) : a.item.id - b.item.id,
  );
}

function groupStories(items: MergedItem[]): Story[] {
  const stories: Story[] = [];
  for (const m of items) {
    const story = stories.find((s) => belongs(s, m));
    if (story === undefined) {
      stories.push({
        lead: m.item,
        time: m.time,
        signature: m.signature,
        topicIds: [...m.topicIds],
        others: [],
      });
      continue;
    }
    for (const t of m.topicIds) if (!story.topicIds.includes(t)) story.topicIds.push(t);
    const listed =
      story.lead.source === m.item.source || story.others.some((o) => o.source === m.item.source);
    if (!listed) story.others.push({ source: m.item.source, link: m.item.link });
  }
  return stories;
}

function belongs(story: Story, m: MergedItem): boolean {
  if (story.lead.link !== null && story.lead.link === m.item.link) return true;
  if (Math.abs(Date.parse(m.time) - Date.parse(story.time)) > WINDOW_MS) return false;
  return sameStory(story.signature, m.signature);
}

function storyEntry(story: Story, timezone: string, label: ((id: string) => string) | null): MessageEntry {
  const entry = itemEntry(story.lead, {
    timezone,
    highlights: [],
    topics: label === null ? [] : story.topicIds.map(label),
    time: story.time,
  });
  return { ...entry, alsoReportedBy: story.others };
}

/** Config topics have ids `config:<name>`; others are shown by id unless `topicNames` names them. */
function topicLabel(topicId: string): string {
  return topicId.startsWith("config:") ? topicId.slice("config:".length) : topicId;
}
