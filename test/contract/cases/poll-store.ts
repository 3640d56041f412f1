import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { at, feedInput, state, T0 } from "../fixtures.ts";
import type { Harness } from "../harness.ts";

/** `PollStore` (pipeline/poll-feed.ts): claiming due feeds, recording fetches, `exclusive`. */
export function pollStoreCases(h: Harness): void {
  describe("PollStore: claims, fetch state, exclusive", () => {
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

    it("runs one piece of work at a time across stores on one database, even after a failure", async () => {
      const { store, another } = await h.open();
      const other = another();
      const log: string[] = [];
      let release = (): void => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let entered = (): void => {};
      const firstIn = new Promise<void>((resolve) => {
        entered = resolve;
      });
      try {
        const first = store.exclusive(async () => {
          log.push("first in");
          entered();
          await held;
          log.push("first out");
          throw new Error("first fails");
        });
        await firstIn;
        const second = other.exclusive(async () => {
          log.push("second in");
          return 2;
        });
        const third = store.exclusive(async () => 3);
        // Give the others every chance to enter (wrongly) while the first holds the lock.
        await new Promise((r) => setTimeout(r, 100));
        assert.deepEqual(log, ["first in"], "the others wait for the first");
        release();
        await assert.rejects(first, /first fails/);
        assert.equal(await second, 2);
        assert.equal(await third, 3);
        assert.deepEqual(log, ["first in", "first out", "second in"]);
      } finally {
        await other.close();
      }
    });
  });
}
