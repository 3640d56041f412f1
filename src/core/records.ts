/**
 * The records the store keeps and the pipeline passes around: feeds, fetch states, alert
 * drafts, outbox rows, stories, digest entries, chat topics. Plain data; the ports that move
 * them are declared by their consumers (see ports.ts, which re-exports these).
 */
import type { StorySignature } from "./digest/story-stats.ts";
import type { IdentityMode, StoredItem } from "./item.ts";
import type { Message } from "./message.ts";
import type { NotifyTarget, Topic } from "./topic.ts";

// ---------------------------------------------------------------- feeds

export interface FeedRecord {
  id: number;
  url: string;
  /** Configured name; null means "use the feed's own title". */
  name: string | null;
  /** The feed's own title from its last successful parse. */
  title: string | null;
  origin: "config" | "chat";
  /** For chat feeds: the workspace or guild that added it (`slack:T…`, `discord:<guild>`). */
  scope: string | null;
  addedBy: string | null;
  /** For chat feeds: the channel it was added from (`slack:C…`), told about its health. */
  addedIn?: string | null;
  everySeconds: number;
  /** Configured language (`feeds[].language`, `lang:` on feeds add): overrides declared and detected. */
  language: string | null;
  identity: IdentityMode;
  /** False until the first successful fetch, which stores items and alerts nothing. */
  initialized: boolean;
  etag: string | null;
  lastModified: string | null;
  lastFetchAt: string | null;
  lastStatus: number | null;
  lastErrorCode: string | null;
  lastNewItemAt: string | null;
  nextPollAt: string;
  consecutiveErrors: number;
  /** When the current run of failures began; a feed failing for 7 days is disabled. */
  failingSince: string | null;
  disabled: boolean;
  itemCount: number;
  createdAt: string;
}

export interface FeedInput {
  url: string;
  name: string | null;
  everySeconds: number;
  origin: "config" | "chat";
  scope: string | null;
  addedBy: string | null;
  /** The channel it was added from (chat feeds). */
  addedIn?: string | null;
  /** Primary language tag (`fr`) overriding the items' own; absent or null: none. */
  language?: string | null;
}

/** The outcome of one fetch, written to the feed row. */
export interface FetchState {
  at: string;
  status: number | null;
  errorCode: string | null;
  etag: string | null;
  lastModified: string | null;
  nextPollAt: string;
  consecutiveErrors: number;
  failingSince: string | null;
  disabled: boolean;
  title: string | null;
  identity: IdentityMode;
}

// ---------------------------------------------------------------- alerts

/**
 * An alert the poll decided to create for one new item. The pipeline decides (post, edit,
 * thread reply, the story's outlets and topics); the store writes the rows as they are.
 */
export interface AlertDraft {
  itemKey: string;
  /** Every topic of the item routed to this destination (one alert names them all). */
  topicIds: string[];
  destination: string;
  mode: "instant" | "digest";
  /** Instant: the message to post, or, with `editOf`, the lead message as edited. */
  message: Message | null;
  /** Story signature of the item (core/digest/story.ts); stored as JSON. */
  storySignature: StorySignature | null;
  /** Instant only: the lead alert of the same story in this destination, edited by `message`. */
  editOf: number | null;
  /** With `editOf`, in thread mode: the item's own alert, posted as a reply to the lead. */
  reply?: Message | null;
  /** The story record after this draft: created with a post, replaced with an edit. */
  story?: StoryState | null;
}

/** One outlet's report in a story: the lead's first, then each later copy. */
export interface StoryReport {
  source: string;
  title: string;
  link: string | null;
}

/** What a story record keeps about its reports, decided by the pipeline. */
export interface StoryState {
  sources: string[];
  /** The topics its alert names: those of the copy that opened it and of the copies since. */
  topics: string[];
  reports: StoryReport[];
}

export interface OutboxRow {
  id: number;
  destination: string;
  kind: "post" | "edit";
  message: Message;
  /** For edits: the outbox row whose platform message is edited. */
  editOf: number | null;
  /** For posts that answer an earlier alert (a thread reply); null once that alert is gone. */
  replyTo: number | null;
  state: "pending" | "sent" | "parked";
  attempts: number;
  /**
   * Set by a claim when the row's previous lease ran out without an outcome: a sender died
   * (or stalled) holding it, so its message may have reached the platform anyway.
   */
  interrupted: boolean;
  nextAttemptAt: string;
  createdAt: string;
  /** Slack `ts` / Discord message id once sent. */
  platformRef: string | null;
  lastError: string | null;
}

export interface OutboxBacklog {
  pending: number;
  nextDueAt: string | null;
  lastError: string | null;
}

/** Outbox rows of one destination in one state (`Store.outboxSummary`). */
export interface OutboxCount {
  destination: string;
  state: OutboxRow["state"];
  count: number;
  /** Creation time of the oldest of these rows. */
  oldestCreatedAt: string;
}

export interface StoryRecord extends StoryState {
  outboxId: number;
  destination: string;
  /** As stored: older rows hold an older format, which `isStorySignature` rejects. */
  signature: unknown;
  createdAt: string;
}

export interface DigestEntry {
  id: number;
  destination: string;
  topicIds: string[];
  item: StoredItem;
  matchedAt: string;
  /** As stored (see StoryRecord.signature). */
  signature: unknown;
}

// ---------------------------------------------------------------- chat-managed topics, search

export interface TopicInput {
  name: string;
  rule: string;
  scope: string;
  target: NotifyTarget;
  createdBy: string;
  /** A personal alert: the user whose DM receives it, who alone lists and removes it. */
  owner?: string | null;
}

export interface StoredTopic extends Topic {
  scope: string | null;
  createdBy: string | null;
  lastMatchAt: string | null;
  /** Personal alerts only (see TopicInput.owner). */
  owner?: string | null;
}

export interface SearchQuery {
  /** Folded terms every result must contain (pre-filter); the caller re-checks with the rule engine. */
  terms: string[];
  since: string | null;
  source: string | null;
  limit: number;
  /**
   * The workspace or guild asking (`slack:T…`, `discord:<guild>`): only items of the
   * operator's feeds and of feeds this tenant added. Absent: every item (CLI, pipeline).
   */
  tenant?: string | null;
}
