import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { at, feedInput, item, state, T0 } from "../fixtures.ts";
import type { Harness } from "../harness.ts";

/** `FeedStore` (core/commands/store.ts): feeds added, found, listed and removed. */
export function feedStoreCases(h: Harness): void {
  describe("FeedStore", () => {
    it("creates a feed due now, not initialised, then updates it in place", async () => {
      const { store } = await h.open();
      const feed = await store.upsertFeed(feedInput("https://a.example/rss", { name: "A" }), T0);
      assert.equal(feed.url, "https://a.example/rss");
      assert.equal(feed.name, "A");
      assert.equal(feed.initialized, false);
      assert.equal(feed.nextPollAt, T0);
      assert.equal(feed.identity, "guid");
      assert.equal(feed.itemCount, 0);
      assert.equal(feed.disabled, false);
      assert.equal(feed.createdAt, T0);
      const again = await store.upsertFeed(
        feedInput("https://a.example/rss", { name: "B", everySeconds: 120 }),
        at(5),
      );
      assert.equal(again.id, feed.id);
      assert.equal(again.name, "B");
      assert.equal(again.everySeconds, 120);
      assert.equal(again.createdAt, T0);
      assert.deepEqual(await store.getFeed(feed.id), again);
      assert.equal(await store.getFeed(feed.id + 1000), null);
    });

    it("keeps a feed's configured language; the next upsert sets or clears it, like the name", async () => {
      const { store } = await h.open();
      const url = "https://lang.example/rss";
      const plain = await store.upsertFeed(feedInput(url), T0);
      assert.equal(plain.language, null);
      const fr = await store.upsertFeed(feedInput(url, { language: "fr" }), at(1));
      assert.equal(fr.id, plain.id);
      assert.equal(fr.language, "fr");
      assert.equal((await store.getFeed(fr.id))?.language, "fr");
      assert.equal((await store.claimDueFeeds(at(2), 10, at(3)))[0]?.language, "fr");
      assert.equal((await store.upsertFeed(feedInput(url, { language: null }), at(4))).language, null);
    });

    it("keeps chat feeds of different scopes apart and finds them by URL and scope", async () => {
      const { store } = await h.open();
      const url = "https://b.example/rss";
      const config = await store.upsertFeed(feedInput(url), T0);
      const chat = await store.upsertFeed(
        feedInput(url, { origin: "chat", scope: "slack:T1", addedBy: "slack:U1" }),
        T0,
      );
      assert.notEqual(config.id, chat.id);
      assert.equal(chat.origin, "chat");
      assert.equal(chat.addedBy, "slack:U1");
      assert.equal((await store.findFeedByUrl(url, null))?.id, config.id);
      assert.equal((await store.findFeedByUrl(url, "slack:T1"))?.id, chat.id);
      assert.equal(await store.findFeedByUrl(url, "slack:T2"), null);
      assert.deepEqual(
        (await store.listFeeds({ origin: "chat" })).map((f) => f.id),
        [chat.id],
      );
      assert.deepEqual(
        (await store.listFeeds({ scope: "slack:T1" })).map((f) => f.id),
        [chat.id],
      );
      assert.equal((await store.listFeeds()).length, 2);
    });

    it("upserts many feeds at once: created in order, updated in place, a URL twice keeps its last values", async () => {
      const { store } = await h.open();
      await store.upsertFeeds([], T0);
      assert.deepEqual(await store.listFeeds(), []);
      const kept = await store.upsertFeed(feedInput("https://b.example/rss", { name: "old" }), T0);
      await store.recordFetch(kept.id, state(at(1), { etag: '"e1"' }));
      await store.upsertFeeds(
        [
          feedInput("https://a.example/rss", { name: "A" }),
          feedInput("https://b.example/rss", { name: "B", everySeconds: 120, language: "fr" }),
          feedInput("https://c.example/rss", { name: "first" }),
          feedInput("https://c.example/rss", { name: "last", everySeconds: 60 }),
        ],
        at(5),
      );
      const feeds = await store.listFeeds();
      assert.deepEqual(
        feeds.map((f) => [f.url, f.name, f.everySeconds, f.language]),
        [
          ["https://b.example/rss", "B", 120, "fr"],
          ["https://a.example/rss", "A", 600, null],
          ["https://c.example/rss", "last", 60, null],
        ],
      );
      const [b, a, c] = feeds;
      assert.equal(b?.id, kept.id);
      assert.equal(b?.etag, '"e1"');
      assert.equal(b?.createdAt, T0);
      assert.ok(a !== undefined && c !== undefined && a.id < c.id);
      assert.equal(a.nextPollAt, at(5));
      assert.equal(a.createdAt, at(5));
      assert.equal(a.initialized, false);
      // Unchanged inputs change nothing; a changed one is updated.
      await store.upsertFeeds(
        [
          feedInput("https://a.example/rss", { name: "A" }),
          feedInput("https://b.example/rss", { name: "B2" }),
        ],
        at(9),
      );
      assert.deepEqual(await store.getFeed(a.id), a);
      assert.equal((await store.getFeed(kept.id))?.name, "B2");
      assert.equal((await store.getFeed(kept.id))?.language, null);
    });

    it("removes a feed with its items", async () => {
      const { store } = await h.open();
      const { id } = await store.upsertFeed(feedInput(), T0);
      await store.commitFetch(id, state(T0), [item("a", { title: "Zanzibar" })], []);
      const stored = await store.recentItems(at(-60), 10);
      assert.equal(stored.length, 1);
      await store.removeFeed(id);
      assert.equal(await store.getFeed(id), null);
      assert.equal(await store.getItem(stored[0]?.id ?? -1), null);
      assert.deepEqual(
        await store.searchItems({ terms: ["zanzibar"], since: null, source: null, limit: 10 }),
        [],
      );
    });
  });
}
