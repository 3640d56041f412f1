/**
 * Feeds in the config file are upserted at start; a feed removed from the file is removed
 * from the store (adding it back later starts fresh, without replaying its history).
 */
import type { FeedStore } from "../core/commands/store.ts";
import type { FeedInput } from "../core/ports.ts";

export interface ConfigFeedStore extends Pick<FeedStore, "listFeeds" | "removeFeed"> {
  /**
   * `upsertFeed` of every input, in order (a URL given twice: the last wins), as one
   * transaction: one statement on PostgreSQL, one commit on SQLite, however many feeds.
   */
  upsertFeeds(inputs: readonly FeedInput[], now: string): Promise<void>;
}

export type ConfigFeed = Pick<FeedInput, "url" | "name" | "everySeconds" | "language">;

export async function syncConfigFeeds(
  store: ConfigFeedStore,
  feeds: readonly ConfigFeed[],
  now: string,
): Promise<void> {
  const wanted = new Set(feeds.map((f) => f.url));
  await store.upsertFeeds(
    feeds.map((feed) => ({
      url: feed.url,
      name: feed.name,
      everySeconds: feed.everySeconds,
      language: feed.language,
      origin: "config",
      scope: null,
      addedBy: null,
    })),
    now,
  );
  for (const stale of await store.listFeeds({ origin: "config" })) {
    if (!wanted.has(stale.url)) await store.removeFeed(stale.id);
  }
}
