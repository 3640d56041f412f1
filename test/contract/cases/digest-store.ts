import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { at, digest, initialisedFeed, item, message, sig, state } from "../fixtures.ts";
import type { Harness } from "../harness.ts";

const DEST = "slack:C0123ABCD";

/** `DigestStore` (pipeline/send-digests.ts): entries waiting, each window sent once. */
export function digestStoreCases(h: Harness): void {
  describe("DigestStore", () => {
    it("returns unconsumed entries matched before the window end, with their items", async () => {
      const { store } = await h.open();
      const feedId = await initialisedFeed(store);
      await store.commitFetch(feedId, state(at(1)), [item("a", { title: "Alpha" })], [digest("a")]);
      await store.commitFetch(
        feedId,
        state(at(2)),
        [item("b")],
        [digest("b", DEST, { storySignature: null })],
      );
      await store.commitFetch(feedId, state(at(3)), [item("c")], [digest("c", "discord:112233445566778899")]);
      const entries = await store.pendingDigestEntries(DEST, at(2));
      assert.equal(entries.length, 1);
      const [entry] = entries;
      assert.equal(entry?.destination, DEST);
      assert.deepEqual(entry?.topicIds, ["config:russia-us"]);
      assert.equal(entry?.matchedAt, at(1));
      assert.deepEqual(entry?.signature, sig(4));
      assert.equal(entry?.item.title, "Alpha");
      assert.equal(entry?.item.feedId, feedId);
      assert.deepEqual(await store.getItem(entry?.item.id ?? -1), entry?.item);
      const both = await store.pendingDigestEntries(DEST, at(10));
      assert.deepEqual(
        both.map((e) => [e.item.key, e.signature]),
        [
          ["a", sig(4)],
          ["b", null],
        ],
      );
    });

    it("commits each window exactly once: messages queued and entries consumed together", async () => {
      const { store } = await h.open();
      const feedId = await initialisedFeed(store);
      await store.commitFetch(feedId, state(at(1)), [item("a"), item("b")], [digest("a"), digest("b")]);
      assert.equal(await store.lastDigestWindow(DEST), null);
      const entries = await store.pendingDigestEntries(DEST, at(60));
      const ids = entries.map((e) => e.id);
      const parts = [message("digest 1/2", "digest"), message("digest 2/2", "digest")];
      assert.equal(await store.commitDigest(DEST, at(60), ids, parts, at(60)), true);
      assert.equal(await store.commitDigest(DEST, at(60), ids, parts, at(61)), false);
      assert.deepEqual(await store.pendingDigestEntries(DEST, at(120)), []);
      assert.equal(await store.lastDigestWindow(DEST), at(60));
      assert.equal(await store.lastDigestWindow("console"), null);
      const queued = await store.claimOutbox(at(61), 10);
      assert.deepEqual(
        queued.map((r) => [r.destination, r.kind, r.message.heading]),
        [
          [DEST, "post", "digest 1/2"],
          [DEST, "post", "digest 2/2"],
        ],
      );
    });

    it("consumes only the listed entries of that destination; later windows continue", async () => {
      const { store } = await h.open();
      const feedId = await initialisedFeed(store);
      await store.commitFetch(feedId, state(at(1)), [item("a")], [digest("a"), digest("a", "console")]);
      await store.commitFetch(feedId, state(at(70)), [item("b")], [digest("b")]);
      const first = await store.pendingDigestEntries(DEST, at(60));
      const consoleIds = (await store.pendingDigestEntries("console", at(60))).map((e) => e.id);
      // Ids of another destination are ignored by this destination's commit.
      await store.commitDigest(DEST, at(60), [...first.map((e) => e.id), ...consoleIds], [], at(60));
      assert.equal((await store.pendingDigestEntries("console", at(60))).length, 1);
      assert.deepEqual(
        (await store.pendingDigestEntries(DEST, at(120))).map((e) => e.item.key),
        ["b"],
      );
      assert.equal(await store.commitDigest(DEST, at(120), [], [message("empty", "digest")], at(120)), true);
      assert.equal(await store.lastDigestWindow(DEST), at(120));
    });

    it("two instances committing the same window at once: exactly one wins", async () => {
      const opened = await h.open();
      const other = opened.another();
      const feedId = await initialisedFeed(opened.store);
      await opened.store.commitFetch(feedId, state(at(1)), [item("a")], [digest("a")]);
      const ids = (await opened.store.pendingDigestEntries(DEST, at(60))).map((e) => e.id);
      const results = await Promise.all([
        opened.store.commitDigest(DEST, at(60), ids, [message("d", "digest")], at(60)),
        other.commitDigest(DEST, at(60), ids, [message("d", "digest")], at(60)),
        opened.store.commitDigest(DEST, at(60), ids, [message("d", "digest")], at(60)),
      ]);
      assert.deepEqual(results.filter(Boolean).length, 1);
      assert.equal((await opened.store.claimOutbox(at(60), 10)).length, 1);
    });

    it("keeps windows and consumed entries across a restart", async () => {
      const opened = await h.open();
      const feedId = await initialisedFeed(opened.store);
      await opened.store.commitFetch(feedId, state(at(1)), [item("a")], [digest("a")]);
      const ids = (await opened.store.pendingDigestEntries(DEST, at(60))).map((e) => e.id);
      await opened.store.commitDigest(DEST, at(60), ids, [], at(60));
      await opened.store.close();
      const store = opened.another();
      assert.equal(await store.lastDigestWindow(DEST), at(60));
      assert.equal(await store.commitDigest(DEST, at(60), ids, [], at(61)), false);
      assert.deepEqual(await store.pendingDigestEntries(DEST, at(120)), []);
    });
  });
}
