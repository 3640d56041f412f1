/**
 * Digest messages: the matches a destination collected over one window, oldest first,
 * one entry per story (other outlets' reports listed under it with their own headlines).
 * Nothing is left out: `maxEntries` is how many entries one message holds, and a longer
 * digest continues in further messages ("(2/3)"), never "and N more".
 *
 * Grouping: an item joins the first earlier story whose lead `mergeDecision` merges it
 * with (same link, or the same event by signature within STORY_WINDOW_HOURS from another
 * outlet), unless the story already holds a different item of the item's outlet: an
 * outlet's update or follow-up is news, so it is its own entry, never absorbed unseen.
 * One item matched by several topics appears once.
 */
import { formatWallTime, type Locale, t, tn, zoneLabel } from "../i18n/index.ts";
import type { StoredItem } from "../item.ts";
import type { Message, MessageEntry } from "../message.ts";
import type { DigestEntry } from "../ports.ts";
import type { Mention } from "../topic.ts";
import { itemEntry, itemTime } from "./alert.ts";
import {
  createTermStats,
  isStorySignature,
  mergeDecision,
  STORY_WINDOW_HOURS,
  type StorySignature,
  storySignature,
  type TermStats,
} from "./story.ts";

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
  /** The digest's topics, so chat topics show by name (config topics carry theirs in the id). */
  topics?: readonly { id: string; name: string }[];
  /** Document frequencies of recent items; by default, of this digest's items. */
  stats?: TermStats;
  /** Language of the digest's own words and dates; English by default. */
  locale?: Locale;
}

interface Story {
  lead: StoredItem;
  time: string;
  signature: StorySignature;
  topicIds: string[];
  /** Every item grouped here, the lead included: no outlet may have two. */
  members: StoredItem[];
  others: { source: string; link: string | null; title: string }[];
}

const WINDOW_MS = STORY_WINDOW_HOURS * 3_600_000;

export function buildDigestMessages(entries: DigestEntry[], options: DigestOptions): Message[] {
  const items = mergeByItem(entries);
  if (items.length === 0) return [];
  const stats = options.stats ?? createTermStats(items.map((i) => i.signature));
  const stories = groupStories(items, stats);
  const maxEntries = options.maxEntries > 0 ? options.maxEntries : DEFAULT_MAX_ENTRIES;
  const perMessage = Math.min(maxEntries, ENTRIES_PER_MESSAGE);
  const mixed = new Set(items.flatMap((i) => i.topicIds)).size > 1;
  const label = (id: string) => options.topics?.find((t) => t.id === id)?.name ?? topicLabel(id);
  const locale = options.locale ?? "en";
  const messageEntries = stories.map((s) => storyEntry(s, options.timezone, mixed ? label : null, locale));

  const count = tn(locale, "digest.items", items.length);
  const zone = zoneLabel(options.timezone);
  const wall = (iso: string) => formatWallTime(iso, options.timezone, locale);
  const end = wall(options.windowEnd) ?? options.windowEnd;
  const heading = t(locale, "digest.title", { heading: options.heading, count, end: `${end} ${zone}` });
  const start = options.windowStart === null ? null : wall(options.windowStart);
  const body = start === null ? null : `${start} – ${end} ${zone}`;

  const chunks: MessageEntry[][] = [];
  for (let i = 0; i < messageEntries.length; i += perMessage) {
    chunks.push(messageEntries.slice(i, i + perMessage));
  }
  return chunks.map((chunk, index) => ({
    kind: "digest",
    heading: chunks.length === 1 ? heading : `${heading} (${index + 1}/${chunks.length})`,
    body: index === 0 ? body : null,
    entries: chunk,
    footer: null,
    // Ping once per digest, not once per part.
    mentions: index === 0 ? options.mentions : [],
    ephemeral: false,
    locale,
  }));
}

interface MergedItem {
  item: StoredItem;
  time: string;
  signature: StorySignature;
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
        // A stored signature of an older format is recomputed from the item.
        signature: isStorySignature(e.signature) ? e.signature : storySignature(e.item),
        topicIds: [],
      };
      byId.set(e.item.id, merged);
    }
    for (const id of e.topicIds) if (!merged.topicIds.includes(id)) merged.topicIds.push(id);
  }
  return [...byId.values()].sort((a, b) =>
    a.time !== b.time ? (a.time < b.time ? -1 : 1) : a.item.id - b.item.id,
  );
}

function groupStories(items: MergedItem[], stats: TermStats): Story[] {
  const stories: Story[] = [];
  for (const m of items) {
    const story = stories.find((s) => belongs(s, m, stats));
    if (story === undefined) {
      stories.push({
        lead: m.item,
        time: m.time,
        signature: m.signature,
        topicIds: [...m.topicIds],
        members: [m.item],
        others: [],
      });
      continue;
    }
    for (const t of m.topicIds) if (!story.topicIds.includes(t)) story.topicIds.push(t);
    story.members.push(m.item);
    // Another copy of a listed link (the same article syndicated) adds no new source.
    const listed =
      story.lead.source === m.item.source || story.others.some((o) => o.source === m.item.source);
    if (!listed) story.others.push({ source: m.item.source, link: m.item.link, title: m.item.title });
  }
  return stories;
}

function belongs(story: Story, m: MergedItem, stats: TermStats): boolean {
  const side = (item: StoredItem, signature: StorySignature | null) => ({
    signature,
    source: item.source,
    link: item.link,
  });
  const sameLink = m.item.link !== null && story.members.some((x) => x.link === m.item.link);
  // An outlet's second, different item would be hidden behind its first: it stays apart.
  if (!sameLink && story.members.some((x) => x.source === m.item.source)) return false;
  if (!sameLink && Math.abs(Date.parse(m.time) - Date.parse(story.time)) > WINDOW_MS) return false;
  return mergeDecision(side(story.lead, story.signature), side(m.item, m.signature), stats).merge || sameLink;
}

function storyEntry(
  story: Story,
  timezone: string,
  label: ((id: string) => string) | null,
  locale: Locale,
): MessageEntry {
  const entry = itemEntry(story.lead, {
    locale,
    timezone,
    highlights: [],
    topics: label === null ? [] : story.topicIds.map(label),
    time: story.time,
  });
  return { ...entry, alsoReportedBy: story.others };
}

/** Config topics have ids `config:<name>`; others are shown by id unless `topics` names them. */
function topicLabel(topicId: string): string {
  return topicId.startsWith("config:") ? topicId.slice("config:".length) : topicId;
}
