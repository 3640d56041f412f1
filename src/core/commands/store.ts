/**
 * The ports the chat commands need from the store, declared here by their consumer (the
 * handlers only touch these). The pipeline, the CLI and the metrics read feeds and items
 * through the same ports (`Pick<FeedStore, "listFeeds">`): a port lives in the innermost
 * layer that consumes it, since the core cannot import the pipeline.
 */
import type { Item, StoredItem } from "../item.ts";
import type { LearnedKeys } from "../item-identity.ts";
import type { MuteStore } from "../mutes.ts";
import type {
  AlertDraft,
  FeedInput,
  FeedRecord,
  FetchState,
  SearchQuery,
  StoredTopic,
  TopicInput,
} from "../records.ts";

/** Feeds: added, listed, removed (commands, config sync, OPML import) and their fetches committed. */
export interface FeedStore {
  upsertFeed(input: FeedInput, now: string): Promise<FeedRecord>;
  getFeed(id: number): Promise<FeedRecord | null>;
  findFeedByUrl(url: string, scope: string | null): Promise<FeedRecord | null>;
  listFeeds(filter?: { origin?: "config" | "chat"; scope?: string }): Promise<FeedRecord[]>;
  removeFeed(id: number): Promise<void>;
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
}

/** Stored items as `search`, `test`, `watch` previews and `why` read them. */
export interface ItemSearchStore {
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
}

/** Chat-managed topics. */
export interface TopicStore {
  addTopic(input: TopicInput, now: string): Promise<StoredTopic>;
  removeTopic(scope: string, channel: string, name: string): Promise<boolean>;
  /** `owner`: only that user's personal alerts. */
  listTopics(filter?: { channel?: string; owner?: string }): Promise<StoredTopic[]>;
  /** Pauses/resumes one topic (or all when `name` is null) of a channel, only those created from `scope`. */
  setTopicPaused(scope: string, channel: string, name: string | null, paused: boolean): Promise<number>;
  /** Last match per topic id; `topics` shows it for the config file's topics too (`config:<name>`). */
  topicLastMatches(topicIds: string[]): Promise<Map<string, string>>;
}

/** Sliding-window counter for quotas (feed additions per user per hour). */
export interface QuotaStore {
  countEvents(kind: string, actor: string, since: string): Promise<number>;
  recordEvent(kind: string, actor: string, now: string): Promise<void>;
}

/**
 * What `CommandContext.store` offers a handler: these ports, nothing else (14 methods);
 * feeds are `CommandContext.feeds` (`FeedStore`).
 */
export type CommandStore = ItemSearchStore & TopicStore & QuotaStore & MuteStore;
