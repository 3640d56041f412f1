import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AppError } from "../../../src/core/errors.ts";
import { at, initialisedFeed, instant, item, message, state, T0 } from "../fixtures.ts";
import type { Harness } from "../harness.ts";

/** `CatchUpStore` (pipeline/deliver-catch-up.ts): pending posts read and folded into one message. */
export function catchUpStoreCases(h: Harness): void {
  describe("CatchUpStore", () => {
    it("folds pending instant posts of one destination into one message, atomically", async () => {
      const { store } = await h.open();
      const feedId = await initialisedFeed(store);
      const keys = ["a", "b", "c", "d"];
      await store.commitFetch(
        feedId,
        state(at(1)),
        keys.map((k) => item(k)),
        keys.map((k) => instant(k)),
      );
      const notice = await store.enqueue("console", message("a notice", "notice"), at(1));
      const pending = await store.pendingPosts("console");
      assert.deepEqual(
        pending.map((r) => r.message.heading),
        ["alert a", "alert b", "alert c", "alert d"],
      );
      assert.equal((await store.pendingPosts("slack:C0123ABCD")).length, 0);
      const ids = pending.map((r) => r.id);
      // One of them is already in flight: nothing is folded.
      const [inFlight] = await store.claimOutbox(at(1), 1);
      await assert.rejects(
        store.foldPosts(ids, "console", message("catch-up", "digest"), at(2)),
        (e: unknown) => e instanceof AppError && e.code === "outbox_conflict",
      );
      assert.equal((await store.pendingPosts("console")).length, 3);
      await store.markSent(inFlight?.id ?? -1, "ref", at(2));
      const rest = (await store.pendingPosts("console")).map((r) => r.id);
      const folded = await store.foldPosts(rest, "console", message("catch-up", "digest"), at(3));
      assert.deepEqual(await store.pendingPosts("console"), []);
      for (const id of rest) assert.equal(await store.getOutboxRow(id), null);
      // Notices are never folded; the catch-up message queues after them.
      assert.deepEqual(
        (await store.claimOutbox(at(3), 10)).map((r) => [r.id, r.message.heading]),
        [
          [notice, "a notice"],
          [folded, "catch-up"],
        ],
      );
      // Stories of folded posts are gone: a later item of the story posts afresh.
      assert.equal((await store.recentStories("console", T0)).length, 1);
    });

    it("catch-up reads each pending alert as its newest edit shows it, without the replies it lists", async () => {
      const { store } = await h.open();
      const feedId = await initialisedFeed(store);
      await store.commitFetch(feedId, state(at(1)), [item("p")], [instant("p")]);
      const [story] = await store.recentStories("console", T0);
      const lead = story?.outboxId ?? 0;
      await store.commitFetch(
        feedId,
        state(at(2)),
        [item("q")],
        [instant("q", "console", { editOf: lead, message: message("grown"), reply: message("reply q") })],
      );
      const pending = await store.pendingPosts("console");
      assert.deepEqual(
        pending.map((r) => [r.id, r.message.heading]),
        [[lead, "grown"]],
      );
      await store.foldPosts([lead], "console", message("catch-up", "digest"), at(3));
      // The edit and the reply went with the alert they belonged to.
      assert.deepEqual(
        (await store.claimOutbox(at(4), 10)).map((r) => r.message.heading),
        ["catch-up"],
      );
    });
  });
}
