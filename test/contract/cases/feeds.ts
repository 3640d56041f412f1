import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { at, feedInput, item, state, T0 } from "../fixtures.ts";
import type { Harness } from "../harness.ts";

/** The feeds part of the store contract. */
export function feedCases(h: Harness): void {
  describe("feeds", () => {
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

    it("claims due feeds by next poll time, skipping disabled ones and feeds not yet due", async () => {
      const { store } = await h.open();
      const a = await store.upsertFeed(feedInput("https://a.example/rss"), T0);
      const b = await store.upsertFeed(feedInput("https://b.example/rss"), T0);
      const c = await store.upsertFeed(feedInput("https://c.example/rss"), T0);
      await store.recordFetch(a.id, state(T0, { nextPollAt: at(20) }));
      await store.recordFetch(b.id, state(T0, { nextPollAt: at(10) }));
      await store.recordFetch(
        c.id,
        state(T0, { nextPollAt: at(1), disabled: true, errorCode: "network", status: null }),
      );
      assert.deepEqual(await store.claimDueFeeds(at(5), 10, at(300)), []);
      const first = await store.claimDueFeeds(at(30), 1, at(330));
      assert.deepEqual(
        first.map((f) => [f.id, f.nextPollAt]),
        [[b.id, at(330)]],
      );
      assert.deepEqual(
        (await store.claimDueFeeds(at(30), 10, at(330))).map((f) => f.id),
        [a.id],
      );
    });

    it("a claimed feed is left alone by other processes until its fetch is recorded or the lease ends", async () => {
      const { store, another } = await h.open();
      const other = another();
      try {
        const feeds = [];
        for (let i = 0; i < 6; i++)
          feeds.push(await store.upsertFeed(feedInput(`https://f${i}.example/rss`), T0));
        // Both processes claim at once: every due feed goes to exactly one of them.
        const [mine, theirs] = await Promise.all([
          store.claimDueFeeds(at(1), 4, at(300)),
          other.claimDueFeeds(at(1), 4, at(300)),
        ]);
        const claimed = [...mine, ...theirs].map((f) => f.id).sort((x, y) => x - y);
        assert.deepEqual(
          claimed,
          feeds.map((f) => f.id),
        );
        assert.deepEqual(await other.claimDueFeeds(at(2), 10, at(300)), []);
        // Recording the fetch sets the real next poll; an abandoned claim comes back after the lease.
        const done = feeds[0];
        assert.ok(done);
        await store.recordFetch(done.id, state(at(2), { nextPollAt: at(60) }));
        assert.deepEqual(
          (await other.claimDueFeeds(at(61), 10, at(400))).map((f) => f.id),
          [done.id],
        );
        assert.equal((await other.claimDueFeeds(at(301), 10, at(600))).length, 5);
      } finally {
        await other.close();
      }
    });

    it("records fetch state; a 304 or a failure keeps the validators, a 200 replaces them", async () => {
      const { store } = await h.open();
      const { id } = await store.upsertFeed(feedInput(), T0);
      await store.recordFetch(id, state(T0, { etag: '"e1"', lastModified: "LM1", title: "Feed title" }));
      await store.recordFetch(
        id,
        state(at(10), { status: 304, etag: null, lastModified: null, title: null }),
      );
      let feed = await store.getFeed(id);
      assert.equal(feed?.etag, '"e1"');
      assert.equal(feed?.lastModified, "LM1");
      assert.equal(feed?.title, "Feed title");
      assert.equal(feed?.lastStatus, 304);
      assert.equal(feed?.lastFetchAt, at(10));
      await store.recordFetch(
        id,
        state(at(20), {
          status: 503,
          errorCode: "http_status",
          etag: null,
          lastModified: null,
          consecutiveErrors: 1,
          failingSince: at(20),
          nextPollAt: at(80),
        }),
      );
      feed = await store.getFeed(id);
      assert.equal(feed?.etag, '"e1"');
      assert.equal(feed?.lastErrorCode, "http_status");
      assert.equal(feed?.consecutiveErrors, 1);
      assert.equal(feed?.failingSince, at(20));
      assert.equal(feed?.nextPollAt, at(80));
      await store.recordFetch(id, state(at(90), { etag: null, lastModified: "LM2" }));
      feed = await store.getFeed(id);
      assert.equal(feed?.etag, null);
      assert.equal(feed?.lastModified, "LM2");
      assert.equal(feed?.lastErrorCode, null);
      assert.equal(feed?.consecutiveErrors, 0);
      assert.equal(feed?.failingSince, null);
    });

    it("moves identity only down guid → link → hash", async () => {
      const { store } = await h.open();
      const { id } = await store.upsertFeed(feedInput(), T0);
      await store.recordFetch(id, state(T0, { identity: "link" }));
      await store.recordFetch(id, state(at(1), { identity: "guid" }));
      assert.equal((await store.getFeed(id))?.identity, "link");
      await store.recordFetch(id, state(at(2), { identity: "hash" }));
      await store.recordFetch(id, state(at(3), { identity: "link" }));
      assert.equal((await store.getFeed(id))?.identity, "hash");
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

    it("migrates idempotently and keeps feeds across a restart", async () => {
      const opened = await h.open({ fresh: true });
      // Two processes starting at once on a new database: the migration runs once.
      await Promise.all([opened.store.migrate(), opened.another().migrate(), opened.store.migrate()]);
      await opened.store.migrate();
      const feed = await opened.store.upsertFeed(feedInput(), T0);
      await opened.store.close();
      const reopened = opened.another();
      await reopened.migrate();
      assert.deepEqual(await reopened.getFeed(feed.id), feed);
    });
  });
}
