/**
 * The interfaces the core owns and adapters implement (record types: records.ts, re-exported
 * here). Every store backend passes the same contract suite (`test/contract/`).
 * All instants are ISO-8601 UTC strings (`2026-11-28T03:00:00.000Z`), compared as text.
 */
import type { Platform } from "./destination.ts";
import type { HealthNoticeStore } from "./feed-health-notice.ts";
import type { Item, NormalisedFeed, StoredItem } from "./item.ts";
import type { KnownItem, LearnedKeys } from "./item-identity.ts";
import type { Message } from "./message.ts";
import type { MuteStore } from "./mutes.ts";
import type { TenantStore } from "./tenancy.ts";
import type { NotifyTarget, Topic } from "./topic.ts";
import type { SubscriptionStore } from "./websub.ts";

export interface Clock {
  now(): Date;
}

export interface Logger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

// Records (feeds, alerts, outbox, stories, digests) live in records.ts; importers keep
// finding them here.
export type * from "./records.ts";

import type {
  AlertDraft,
  DigestEntry,
  FeedInput,
  FeedRecord,
  FetchState,
  OutboxBacklog,
  OutboxCount,
  OutboxRow,
  StoryRecord,
} from "./records.ts";

// ---------------------------------------------------------------- chat-managed state

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

/**
 * Signed chat requests already acted on, shared by every instance on the database: a
 * replayed request (same Slack signature, same Discord interaction id) acts at most once.
 */
export interface RequestLedger {
  /** Records `key` until `until`; false when it is already recorded and has not expired at `now`. */
  rememberRequest(key: string, now: string, until: string): Promise<boolean>;
}

export interface Store extends RequestLedger, SubscriptionStore, TenantStore, MuteStore, HealthNoticeStore {
  migrate(): Promise<void>;
  close(): Promise<void>;
  /**
   * Runs `work` alone among the `exclusive` work on this database: in this process, and on
   * PostgreSQL in every process. A fetch's story check and commit run so, so two outlets of
   * one story polled at once give one post and one edit.
   */
  exclusive<T>(work: () => Promise<T>): Promise<T>;

  // feeds
  upsertFeed(input: FeedInput, now: string): Promise<FeedRecord>;
  getFeed(id: number): Promise<FeedRecord | null>;
  findFeedByUrl(url: string, scope: string | null): Promise<FeedRecord | null>;
  listFeeds(filter?: { origin?: "config" | "chat"; scope?: string }): Promise<FeedRecord[]>;
  /**
   * Claims the enabled feeds due at `now` (next poll ≤ now), soonest first: each one's next
   * poll moves to `leaseUntil` until its fetch is recorded, so another process sharing the
   * database does not poll it meanwhile (a process that dies leaves it due again then).
   */
  claimDueFeeds(now: string, limit: number, leaseUntil: string): Promise<FeedRecord[]>;
  removeFeed(id: number): Promise<void>;
  recordFetch(feedId: number, state: FetchState): Promise<void>;

  // items
  /** Keys of `keys` not yet stored as an item's primary key for the feed. */
  unseenKeys(feedId: number, keys: string[]): Promise<Set<string>>;
  /**
   * The feed's stored items that alone carry one of `keys` (primary key or alias), or whose
   * primary key is among them; see `KnownItem`. `core/item-identity.ts` decides from them.
   */
  knownItems(feedId: number, keys: string[]): Promise<KnownItem[]>;
  /**
   * One transaction: store the fetch state, insert the items not seen before (filed under
   * their key and aliases), the keys `learned` for items already stored, and the alerts of
   * items actually inserted now (an item already stored creates no alert, so a repeated
   * commit never doubles alerts). Returns the number of new items.
   */
  commitFetch(
    feedId: number,
    state: FetchState,
    items: Item[],
    alerts: AlertDraft[],
    learned?: LearnedKeys[],
  ): Promise<number>;
  getItem(id: number): Promise<StoredItem | null>;
  /** With `tenant`, only items that tenant may see (see SearchQuery.tenant). */
  findItemByLink(link: string, tenant?: string | null): Promise<StoredItem | null>;
  recentItems(since: string, limit: number, tenant?: string | null): Promise<StoredItem[]>;
  searchItems(query: SearchQuery): Promise<StoredItem[]>;
  /**
   * How many items `searchItems` could return without a limit (candidates: they contain
   * the terms, within `since` and `source`), counted without reading them, up to `cap`.
   */
  countItems(query: Omit<SearchQuery, "limit">, cap: number): Promise<number>;

  // outbox
  claimOutbox(now: string, limit: number): Promise<OutboxRow[]>;
  getOutboxRow(id: number): Promise<OutboxRow | null>;
  enqueue(destination: string, message: Message, now: string): Promise<number>;
  markSent(id: number, platformRef: string, now: string): Promise<void>;
  markRetry(id: number, nextAttemptAt: string, error: string): Promise<void>;
  /**
   * Ends the lease of claimed rows that were not attempted (their destination waits, or
   * the round ran out of time): due again at `nextAttemptAt`, no attempt counted.
   */
  releaseOutbox(ids: number[], nextAttemptAt: string): Promise<void>;
  markParked(id: number, error: string): Promise<void>;
  /**
   * What is left to send, for a caller about to stop: pending rows of destinations not
   * parked, when the first of them may be claimed (its retry time or the end of its
   * lease), and that row's last error.
   */
  outboxBacklog(): Promise<OutboxBacklog>;
  /** Rows per destination and state, sent ones included (metrics, `wirewatch stats`). */
  outboxSummary(): Promise<OutboxCount[]>;
  /** Pending instant posts per destination, for catch-up folding. */
  pendingPosts(destination: string): Promise<OutboxRow[]>;
  /** Replace `ids` by one message in one transaction (catch-up digest). */
  foldPosts(ids: number[], destination: string, message: Message, now: string): Promise<number>;
  recentStories(destination: string, since: string): Promise<StoryRecord[]>;
  /**
   * Reserves the next send to `destination` for every sender sharing this database: returns
   * the later of `now` and the destination's next free instant, which moves `intervalMs` on.
   */
  reserveSend(destination: string, now: string, intervalMs: number): Promise<string>;

  // digests
  pendingDigestEntries(destination: string, before: string): Promise<DigestEntry[]>;
  /**
   * One transaction, exactly once per (destination, windowEnd): enqueue the digest
   * messages and consume the entries. Returns false when the window was already sent.
   */
  commitDigest(
    destination: string,
    windowEnd: string,
    entryIds: number[],
    messages: Message[],
    now: string,
  ): Promise<boolean>;
  lastDigestWindow(destination: string): Promise<string | null>;

  // chat-managed topics and destinations
  addTopic(input: TopicInput, now: string): Promise<StoredTopic>;
  removeTopic(scope: string, channel: string, name: string): Promise<boolean>;
  /** `owner`: only that user's personal alerts. */
  listTopics(filter?: { channel?: string; owner?: string }): Promise<StoredTopic[]>;
  /** Pauses/resumes one topic (or all when `name` is null) of a channel, only those created from `scope`. */
  setTopicPaused(scope: string, channel: string, name: string | null, paused: boolean): Promise<number>;
  parkedDestinations(): Promise<string[]>;
  parkDestination(destination: string, reason: string): Promise<void>;
  /** Lets a parked destination receive again (the bot was re-invited). True when it was parked. */
  unparkDestination(destination: string): Promise<boolean>;
  /** Last match time per topic id, config topics (`config:<name>`) included; ids never matched are absent. */
  topicLastMatches(topicIds: string[]): Promise<Map<string, string>>;
  /** Matches per topic id from the start of `since`'s UTC hour on (hour buckets); unmatched ids are absent. */
  topicMatchCounts(since: string): Promise<Map<string, number>>;
  /** Sliding-window counter for quotas (feed additions per user per hour). */
  countEvents(kind: string, actor: string, since: string): Promise<number>;
  recordEvent(kind: string, actor: string, now: string): Promise<void>;
}

// ---------------------------------------------------------------- feed source

export interface FeedRequest {
  url: string;
  etag: string | null;
  lastModified: string | null;
  /** Config feeds are trusted by the operator (file: and loopback allowed); chat feeds are not. */
  trusted: boolean;
  /** Configured name; the feed title is used when null. */
  sourceName: string | null;
  /** Configured language (FeedRecord.language): overrides the feed's and the detected ones. */
  language?: string | null;
}

export type FeedReadResult =
  | { kind: "not_modified"; status: 304; cache: CacheHints }
  | {
      kind: "ok";
      status: number;
      etag: string | null;
      lastModified: string | null;
      cache: CacheHints;
      feed: NormalisedFeed;
    };

/** What the server said about when to come back. */
export interface CacheHints {
  maxAgeSeconds: number | null;
  /** From `Expires`, ISO. */
  expires: string | null;
  retryAfterSeconds: number | null;
}

/** Reads one feed: fetch, decode, parse, normalise. Rejects with a typed `FeedError`. */
export interface FeedSource {
  read(request: FeedRequest): Promise<FeedReadResult>;
  /** A body pushed by a WebSub hub, read as if fetched from `request.url` (no fetch). Optional for fakes. */
  readPushed?(
    request: FeedRequest,
    body: Uint8Array,
    contentType: string | null,
  ): Promise<Extract<FeedReadResult, { kind: "ok" }>>;
}

// ---------------------------------------------------------------- chat

export type SendResult =
  | { kind: "ok"; ref: string }
  | { kind: "retry"; afterMs: number; error: string }
  | { kind: "permanent"; error: string }
  /** The platform refused this one message (bad payload, edited message deleted): set it aside, keep the channel going. */
  | { kind: "rejected"; error: string };

export interface PostOptions {
  /** A platform message ref (Slack `ts`, Discord message id) this post replies to, in its thread. */
  replyTo?: string;
  /**
   * An earlier attempt (of this process or of one that died) may have posted this message
   * without learning so: the sink must look for it before posting again.
   */
  mayExist?: boolean;
}

/**
 * One chat platform. Adapters pace themselves per channel (Slack 1 message/s, Discord
 * rate-limit buckets) and classify failures; the deliver use-case decides what to do.
 */
export interface ChatSink {
  readonly platform: Platform;
  /** `idempotencyKey` is the outbox row id: Discord nonce, Slack metadata. */
  post(
    channelId: string,
    message: Message,
    idempotencyKey: string,
    options?: PostOptions,
  ): Promise<SendResult>;
  edit(channelId: string, ref: string, message: Message): Promise<SendResult>;
}
