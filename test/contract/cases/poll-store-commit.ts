import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AppError } from "../../../src/core/errors.ts";
import {
  at,
  digest,
  feedInput,
  initialisedFeed,
  instant,
  item,
  message,
  sig,
  state,
  T0,
} from "../fixtures.ts";
import type { Harness } from "../harness.ts";

/**
 * `PollStore.commitFetch` (declared by `FeedStore`, which the poll picks it from): items,
 * fetch state, decided alerts and story records in one transaction.
 */
export function pollStoreCommitCases(h: Harness): void {
  describe("PollStore: commitFetch", () => {
    it("first fetch: stores the items, marks the feed initialised, queues nothing", async () => {
      const { store } = await h.open();
      const feed = await store.upsertFeed(feedInput(), T0);
      const n = await store.commitFetch(feed.id, state(T0), [item("a"), item("b"), item("a")], []);
      assert.equal(n, 2);
      const after = await store.getFeed(feed.id);
      assert.equal(after?.initialized, true);
      assert.equal(after?.itemCount, 2);
      assert.equal(after?.lastNewItemAt, T0);
      assert.equal(after?.etag, '"v1"');
      assert.equal(after?.title, "Example feed");
      assert.deepEqual(await store.claimOutbox(at(60), 100), []);
      assert.deepEqual(await store.unseenKeys(feed.id, ["a", "b", "c"]), new Set(["c"]));
    });

    it("keeps an item's image and enclosures; an item without media reads back as none", async () => {
      const { store } = await h.open();
      const feed = await store.upsertFeed(feedInput(), T0);
      const enclosures = [
        { url: "https://news.example/ep.mp3", type: "audio/mpeg", length: 1234 },
        { url: "https://news.example/v.mp4", type: null, length: null },
      ];
      const withMedia = item("m", { image: "https://news.example/m.jpg", enclosures });
      const { image: _image, enclosures: _enclosures, ...plain } = item("p");
      await store.commitFetch(feed.id, state(T0), [withMedia, plain], []);
      const m = await store.findItemByLink("https://news.example/m");
      assert.deepEqual([m?.image, m?.enclosures], ["https://news.example/m.jpg", enclosures]);
      const p = await store.findItemByLink("https://news.example/p");
      assert.deepEqual([p?.image, p?.enclosures], [null, []]);
    });

    it("a repeated commit of the same items and alerts creates nothing", async () => {
      const { store } = await h.open();
      const feedId = await initialisedFeed(store);
      const items = [item("x"), item("y")];
      const alerts = [instant("x"), digest("y")];
      assert.equal(await store.commitFetch(feedId, state(at(1)), items, alerts), 2);
      assert.equal(await store.commitFetch(feedId, state(at(2)), items, alerts), 0);
      const claimed = await store.claimOutbox(at(10), 100);
      assert.deepEqual(
        claimed.map((r) => r.message.heading),
        ["alert x"],
      );
      assert.equal((await store.pendingDigestEntries("slack:C0123ABCD", at(10))).length, 1);
      assert.equal((await store.recentStories("console", T0)).length, 1);
      const feed = await store.getFeed(feedId);
      assert.equal(feed?.itemCount, 3);
      assert.equal(feed?.lastNewItemAt, at(1));
      assert.equal(feed?.lastFetchAt, at(2));
    });

    it("alerts only for items inserted by this commit", async () => {
      const { store } = await h.open();
      const feedId = await initialisedFeed(store);
      const n = await store.commitFetch(
        feedId,
        state(at(1)),
        [item("seed"), item("new")],
        [instant("seed"), instant("new")],
      );
      assert.equal(n, 1);
      assert.deepEqual(
        (await store.claimOutbox(at(1), 10)).map((r) => r.message.heading),
        ["alert new"],
      );
    });

    it("a post opens the story the pipeline decided; an update queues an edit, a thread reply and the grown story", async () => {
      const { store } = await h.open();
      const feedId = await initialisedFeed(store);
      const lead = { source: "RFI", title: "p", link: "https://rfi.test/p" };
      await store.commitFetch(
        feedId,
        state(at(1)),
        [item("p", { source: "RFI" })],
        [instant("p", "console", { story: { sources: ["RFI"], topics: ["russia-us"], reports: [lead] } })],
      );
      const [story] = await store.recentStories("console", T0);
      assert.ok(story);
      assert.deepEqual(story.sources, ["RFI"]);
      assert.deepEqual(story.topics, ["russia-us"]);
      assert.deepEqual(story.reports, [lead]);
      assert.deepEqual(story.signature, sig(1));
      assert.equal(story.createdAt, at(1));
      const original = await store.getOutboxRow(story.outboxId);
      assert.equal(original?.kind, "post");
      assert.equal(original?.replyTo, null);
      assert.equal(original?.state, "pending");
      assert.equal(original?.nextAttemptAt, at(1));
      assert.equal(original?.createdAt, at(1));

      const second = { source: "France 24", title: "q", link: "https://f24.test/q" };
      const grown = { sources: ["RFI", "France 24"], topics: ["russia-us", "lead"], reports: [lead, second] };
      await store.commitFetch(
        feedId,
        state(at(2)),
        [item("q", { source: "France 24" })],
        [instant("q", "console", { editOf: story.outboxId, reply: message("reply q"), story: grown })],
      );
      const stories = await store.recentStories("console", T0);
      assert.equal(stories.length, 1);
      assert.deepEqual(
        { sources: stories[0]?.sources, topics: stories[0]?.topics, reports: stories[0]?.reports },
        grown,
      );
      // The edit and the reply wait until the post they answer has been sent.
      assert.deepEqual(
        (await store.claimOutbox(at(5), 10)).map((r) => r.kind),
        ["post"],
      );
      await store.markSent(story.outboxId, "ts-1", at(5));
      const [edit, reply] = await store.claimOutbox(at(6), 10);
      assert.equal(edit?.kind, "edit");
      assert.equal(edit?.editOf, story.outboxId);
      assert.equal(edit?.message.heading, "alert q");
      assert.equal(reply?.kind, "post");
      assert.equal(reply?.replyTo, story.outboxId);
      assert.equal(reply?.message.heading, "reply q");
    });

    it("an update of an alert that can no longer be edited fails the commit as stale_story, writing nothing", async () => {
      const { store } = await h.open();
      const feedId = await initialisedFeed(store);
      await assert.rejects(
        store.commitFetch(feedId, state(at(1)), [item("r")], [instant("r", "console", { editOf: 9999 })]),
        (error: unknown) => (error as { code?: string }).code === "stale_story",
      );
      assert.deepEqual([...(await store.unseenKeys(feedId, ["r"]))], ["r"]);
      assert.equal((await store.claimOutbox(at(1), 10)).length, 0);
    });

    it("commitFetch is one transaction: a failing alert leaves no item, no state, no row", async () => {
      const { store } = await h.open();
      const feedId = await initialisedFeed(store);
      const broken = instant("z", "console", { message: null });
      await assert.rejects(
        store.commitFetch(
          feedId,
          state(at(3), { etag: '"v2"' }),
          [item("z")],
          [instant("z", "discord:112233445566778899"), broken],
        ),
        (e: unknown) => e instanceof AppError && e.code === "bad_alert",
      );
      assert.deepEqual(await store.unseenKeys(feedId, ["z"]), new Set(["z"]));
      assert.equal((await store.getFeed(feedId))?.etag, '"v1"');
      assert.deepEqual(await store.claimOutbox(at(10), 10), []);
      await assert.rejects(
        store.commitFetch(feedId + 999, state(at(3)), [], []),
        (e: unknown) => e instanceof AppError,
      );
    });

    it("keeps items, alerts and stories across a restart", async () => {
      const opened = await h.open();
      const feedId = await initialisedFeed(opened.store);
      await opened.store.commitFetch(feedId, state(at(1)), [item("k")], [instant("k"), digest("k")]);
      await opened.store.close();
      const store = opened.another();
      assert.deepEqual(await store.unseenKeys(feedId, ["k", "seed"]), new Set());
      assert.equal(await store.commitFetch(feedId, state(at(2)), [item("k")], [instant("k")]), 0);
      assert.equal((await store.claimOutbox(at(2), 10)).length, 1);
      assert.equal((await store.pendingDigestEntries("slack:C0123ABCD", at(2))).length, 1);
      assert.equal((await store.recentStories("console", T0)).length, 1);
    });
  });
}
