/**
 * Database rows → records, shared by both backends. The two schemas use the same column
 * names; SQLite gives 0/1 for booleans and numbers for ids, `pg` gives booleans and
 * strings for BIGINT, so every mapper goes through `num`/`bool`.
 */
import type { Enclosure, IdentityMode, Item, StoredItem } from "../core/item.ts";
import type { Message } from "../core/message.ts";
import type {
  DigestEntry,
  FeedRecord,
  OutboxCount,
  OutboxRow,
  StoredTopic,
  StoryRecord,
  StoryReport,
  StoryState,
} from "../core/ports.ts";
import type { NotifyTarget } from "../core/topic.ts";

export type Row = Record<string, unknown>;

export function num(v: unknown): number {
  return typeof v === "number" ? v : Number(v);
}
export function numOrNull(v: unknown): number | null {
  return v === null || v === undefined ? null : num(v);
}
export function str(v: unknown): string {
  return String(v);
}
export function strOrNull(v: unknown): string | null {
  return v === null || v === undefined ? null : String(v);
}
export function bool(v: unknown): boolean {
  return v === true || v === 1 || v === "1" || v === "t";
}
function json<T>(v: unknown): T {
  return JSON.parse(String(v)) as T;
}

export function toFeed(r: Row): FeedRecord {
  return {
    id: num(r.id),
    url: str(r.url),
    name: strOrNull(r.name),
    title: strOrNull(r.title),
    origin: r.origin === "chat" ? "chat" : "config",
    scope: strOrNull(r.scope),
    addedBy: strOrNull(r.added_by),
    addedIn: strOrNull(r.added_in),
    everySeconds: num(r.every_seconds),
    language: strOrNull(r.language),
    identity: str(r.identity) as IdentityMode,
    initialized: bool(r.initialized),
    etag: strOrNull(r.etag),
    lastModified: strOrNull(r.last_modified),
    lastFetchAt: strOrNull(r.last_fetch_at),
    lastStatus: numOrNull(r.last_status),
    lastErrorCode: strOrNull(r.last_error_code),
    lastNewItemAt: strOrNull(r.last_new_item_at),
    nextPollAt: str(r.next_poll_at),
    consecutiveErrors: num(r.consecutive_errors),
    failingSince: strOrNull(r.failing_since),
    disabled: bool(r.disabled),
    itemCount: num(r.item_count),
    createdAt: str(r.created_at),
  };
}

export function toItem(r: Row): StoredItem {
  return {
    id: num(r.id),
    feedId: num(r.feed_id),
    key: str(r.key),
    title: str(r.title),
    summary: str(r.summary),
    content: str(r.content),
    link: strOrNull(r.link),
    author: strOrNull(r.author),
    categories: json<string[]>(r.categories),
    publishedAt: strOrNull(r.published_at),
    updatedAt: strOrNull(r.updated_at),
    lang: strOrNull(r.lang),
    source: str(r.source),
    image: strOrNull(r.image),
    enclosures: r.enclosures === null || r.enclosures === undefined ? [] : json<Enclosure[]>(r.enclosures),
    firstSeenAt: str(r.first_seen_at),
  };
}

/** Item columns in insert order, with the values the store derives (`sort_at`, `source_key`). */
export const ITEM_COLUMNS = [
  "feed_id",
  "key",
  "title",
  "summary",
  "content",
  "link",
  "author",
  "categories",
  "published_at",
  "updated_at",
  "lang",
  "source",
  "image",
  "enclosures",
  "source_key",
  "first_seen_at",
  "sort_at",
] as const;

/**
 * The instant an item sorts and filters by ("newest first", `since`): its published
 * time, unless missing or later than when we first saw it (feeds with future dates
 * would otherwise stay on top for ever).
 */
export function sortAt(item: Item, firstSeenAt: string): string {
  const p = item.publishedAt ?? item.updatedAt;
  return p !== null && p <= firstSeenAt ? p : firstSeenAt;
}

export function itemValues(feedId: number, item: Item, firstSeenAt: string, sourceKey: string): unknown[] {
  return [
    feedId,
    item.key,
    item.title,
    item.summary,
    item.content,
    item.link,
    item.author,
    JSON.stringify(item.categories),
    item.publishedAt,
    item.updatedAt,
    item.lang,
    item.source,
    item.image ?? null,
    JSON.stringify(item.enclosures ?? []),
    sourceKey,
    firstSeenAt,
    sortAt(item, firstSeenAt),
  ];
}

export function toOutbox(r: Row): OutboxRow {
  return {
    id: num(r.id),
    destination: str(r.destination),
    kind: r.kind === "edit" ? "edit" : "post",
    message: json<Message>(r.message),
    editOf: numOrNull(r.edit_of),
    replyTo: numOrNull(r.reply_to),
    state: str(r.state) as OutboxRow["state"],
    attempts: num(r.attempts),
    // Only a claim computes it (from the lease it replaced); other reads say false.
    interrupted: r.interrupted === true || r.interrupted === 1,
    nextAttemptAt: str(r.next_attempt_at),
    createdAt: str(r.created_at),
    platformRef: strOrNull(r.platform_ref),
    lastError: strOrNull(r.last_error),
  };
}

/**
 * The columns of `stories` that hold what the pipeline decided (`StoryState`), in the order
 * both backends write them (`storyStateValues`); `toStory` reads them back. A field added
 * to story records is spelled here, in the record and in a migration per backend.
 */
export const STORY_STATE_COLUMNS = ["sources", "topics", "reports"] as const;

export function storyStateValues(story: StoryState): string[] {
  return [JSON.stringify(story.sources), JSON.stringify(story.topics), JSON.stringify(story.reports)];
}

/** `, ` joined placeholders for the story-state columns: `?` or `$<first>`, `$<first + 1>`, … */
export function storyStatePlaceholders(first?: number): string {
  return STORY_STATE_COLUMNS.map((_, i) => (first === undefined ? "?" : `$${first + i}`)).join(", ");
}

export function toStory(r: Row): StoryRecord {
  return {
    outboxId: num(r.outbox_id),
    destination: str(r.destination),
    signature: json<unknown>(r.signature),
    sources: json<string[]>(r.sources),
    topics: json<string[]>(r.topics),
    reports: r.reports === undefined || r.reports === null ? [] : json<StoryReport[]>(r.reports),
    createdAt: str(r.created_at),
  };
}

/** A digest entry row joined with its item (item columns prefixed `i_`). */
export function toDigestEntry(r: Row): DigestEntry {
  const item: Row = {};
  for (const [k, v] of Object.entries(r)) if (k.startsWith("i_")) item[k.slice(2)] = v;
  return {
    id: num(r.id),
    destination: str(r.destination),
    // A PostgreSQL text[] arrives as an array, SQLite's JSON text as a string.
    topicIds: Array.isArray(r.topic_ids) ? r.topic_ids.map(String) : json<string[]>(r.topic_ids),
    item: toItem(item),
    matchedAt: str(r.matched_at),
    signature: r.signature === null ? null : json<unknown>(r.signature),
  };
}

/** Chat topics keep a template's name only (inline templates are config-only). */
export function templateName(target: NotifyTarget): string | null {
  return target.template?.kind === "named" ? target.template.name : null;
}

export function toTopic(r: Row): StoredTopic {
  return {
    id: str(r.id),
    name: str(r.name),
    rule: str(r.rule),
    origin: "chat",
    paused: bool(r.paused),
    notify: [
      {
        channel: str(r.channel),
        digest: r.digest === null ? null : json(r.digest),
        mentions: json(r.mentions),
        ...(typeof r.template === "string" ? { template: { kind: "named" as const, name: r.template } } : {}),
      },
    ],
    scope: strOrNull(r.scope),
    createdBy: strOrNull(r.created_by),
    lastMatchAt: strOrNull(r.last_match_at),
    owner: strOrNull(r.owner),
  };
}

/** `now` plus seconds, as an ISO instant. */
export function addSeconds(now: string, seconds: number): string {
  return new Date(Date.parse(now) + seconds * 1000).toISOString();
}

/** The UTC hour bucket of an ISO time (`2026-12-07T05`), as `topic_match_hours` files matches. */
export function matchHour(iso: string): string {
  return iso.slice(0, 13);
}

export function toOutboxCount(r: Row): OutboxCount {
  return {
    destination: str(r.destination),
    state: str(r.state) as OutboxCount["state"],
    count: num(r.n),
    oldestCreatedAt: str(r.oldest),
  };
}
