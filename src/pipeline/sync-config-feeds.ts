/**
 * Feeds in the config file are upserted at start; a feed removed from the file is removed
 * from the store (adding it back later starts fresh, without replaying its history).
 */
import type { FeedStore } from "../core/commands/store.ts";
import type { FeedInput } from "../core/ports.ts";

export type ConfigFeedStore = Pick<FeedStore, "upsertFeed" | "listFeeds" | "removeFeed">;

export type ConfigFeed = Pick<FeedInput, "url" | "name" | "everySeconds" | "language">;

export async function syncConfigFeeds(
  store: ConfigFeedStore,
  feeds: readonly ConfigFeed[],
  now: string,
): Promise<void> {
  const wanted = new Set(feeds.map((f) => f.url));
  for (const feed of feeds) {
    await store.upsertFeed(
      {
        url: feed.url,
        name: feed.name,
        everySeconds: feed.everySeconds,
        language: feed.language,
        origin: "config",
        scope: null,
        addedBy: null,
      },
      now,
    );
  }
  for (const stale of await store.listFeeds({ origin: "config" })) {
    if (!wanted.has(stale.url)) await store.removeFeed(stale.id);
  }
}
