import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AppError } from "../../../src/core/errors.ts";
import { at, initialisedFeed, instant, item, message, sig, state, T0 } from "../fixtures.ts";
import type { Harness } from "../harness.ts";

/** The outbox part of the store contract. */
export function outboxCases(h: Harness): void {
  describe("outbox", () => {
    it("claims due pending rows oldest first, up to the limit", async () => {
      const { store } = await h.open();
      const a = await store.enqueue("console", message("a", "notice"), T0);
      const b = await store.enqueue("slack:C0123ABCD", message("b", "reply"), at(1));
      const c = await store.enqueue("console", message("c", "notice"), at(2));
      assert.deepEqual(await store.claimOutbox(at(-1), 10), []);
      const first = await store.claimOutbox(at(5), 2);
      assert.deepEqual(
        first.map((r) => r.id),
        [a, b],
      );
      assert.equal(first[0]?.state, "pending");
      assert.equal(first[0]?.attempts, 0);
      assert.equal(first[1]?.message.kind, "reply");
      assert.deepEqual(
        (await store.claimOutbox(at(5), 10)).map((r) => r.id),
        [c],
      );
    });

    it("never returns a sent row again, and keeps its platform reference", async () => {
      const { store } = await h.open({ leaseSeconds: 60 });
      const id = await store.enqueue("console", message("x"), T0);
      assert.equal((await store.claimOutbox(T0, 10)).length, 1);
      await store.markSent(id, "1234.5678", at(0.5));
      assert.deepEqual(await store.claimOutbox(at(60), 10), []);
      const row = await store.getOutboxRow(id);
      assert.equal(row?.state, "sent");
      assert.equal(row?.platformRef, "1234.5678");
      assert.equal(await store.getOutboxRow(id + 100), null);
    });

    it("a claimed row is leased: invisible until the lease ends (a crashed sender)", async () => {
      const { store } = await h.open({ leaseSeconds: 60 });
      const id = await store.enqueue("console", message("x"), T0);
      assert.equal((await store.claimOutbox(T0, 10)).length, 1);
      assert.deepEqual(await store.claimOutbox(at(0.5), 10), []);
      assert.deepEqual(
        (await store.claimOutbox(at(1), 10)).map((r) => r.id),
        [id],
      );
    });

    it("retry counts attempts and waits; parking stops the row", async () => {
      const { store } = await h.open();
      const id = await store.enqueue("console", message("x"), T0);
      await store.claimOutbox(T0, 10);
      await store.markRetry(id, at(10), "429 rate limited");
      assert.deepEqual(await store.claimOutbox(at(9), 10), []);
      const [row] = await store.claimOutbox(at(10), 10);
      assert.equal(row?.attempts, 1);
      assert.equal(row?.lastError, "429 rate limited");
      assert.equal(row?.nextAttemptAt, at(10));
      await store.markParked(id, "channel_not_found");
      const parked = await store.getOutboxRow(id);
      assert.equal(parked?.state, "parked");
      assert.equal(parked?.lastError, "channel_not_found");
      assert.deepEqual(await store.claimOutbox(at(100), 10), []);
    });

    it("release ends a lease without counting an attempt, and leaves sent rows alone", async () => {
      const { store } = await h.open({ leaseSeconds: 60 });
      const a = await store.enqueue("console", message("a"), T0);
      const b = await store.enqueue("console", message("b"), T0);
      const c = await store.enqueue("console", message("c"), T0);
      assert.equal((await store.claimOutbox(T0, 10)).length, 3);
      await store.markSent(c, "ref-c", T0);
      await store.releaseOutbox([a, b, c], at(5));
      await store.releaseOutbox([], at(5));
      assert.deepEqual(await store.claimOutbox(at(4), 10), []);
      const again = await store.claimOutbox(at(5), 10);
      assert.deepEqual(
        again.map((r) => [r.id, r.attempts, r.nextAttemptAt]),
        [
          [a, 0, at(5)],
          [b, 0, at(5)],
        ],
      );
      assert.equal((await store.getOutboxRow(c))?.state, "sent");
    });

    it("backlog: pending rows of open destinations, the first to come due, its error", async () => {
      const { store } = await h.open({ leaseSeconds: 60 });
      assert.deepEqual(await store.outboxBacklog(), { pending: 0, nextDueAt: null, lastError: null });
      const a = await store.enqueue("console", message("a"), T0);
      const b = await store.enqueue("slack:C0123ABCD", message("b"), T0);
      await store.enqueue("slack:C0999PARK", message("p"), T0);
      await store.parkDestination("slack:C0999PARK", "not_in_channel");
      const sent = await store.enqueue("console", message("s"), T0);
      await store.claimOutbox(T0, 10);
      await store.markSent(sent, "ref", T0);
      await store.markRetry(b, at(0.5), "ratelimited");
      // `a` is still leased until T0 + 60 s: `b` comes due first.
      assert.deepEqual(await store.outboxBacklog(), {
        pending: 2,
        nextDueAt: at(0.5),
        lastError: "ratelimited",
      });
      await store.releaseOutbox([a], at(0.25));
      assert.deepEqual(await store.outboxBacklog(), { pending: 2, nextDueAt: at(0.25), lastError: null });
    });

    it("send pacing: each reservation gets its own slot, an interval after the last", async () => {
      const { store, another } = await h.open();
      const other = another();
      assert.equal(await store.reserveSend("slack:C0123ABCD", T0, 1000), T0);
      assert.equal(await other.reserveSend("slack:C0123ABCD", T0, 1000), at(1 / 60));
      assert.equal(await store.reserveSend("slack:C0123ABCD", T0, 1000), at(2 / 60));
      // Another destination has its own; a slot long past is not reused.
      assert.equal(await other.reserveSend("slack:C0999ZZZZ", T0, 1000), T0);
      assert.equal(await store.reserveSend("slack:C0123ABCD", at(10), 1000), at(10));
      const slots = await Promise.all(
        Array.from({ length: 6 }, (_, i) => (i % 2 ? store : other).reserveSend("discord:1", at(20), 500)),
      );
      assert.deepEqual(
        slots.sort(),
        Array.from({ length: 6 }, (_, i) => at(20 + i / 120)),
      );
    });

    it("does not claim rows of a parked destination until it is unparked", async () => {
      const { store } = await h.open();
      await store.parkDestination("slack:C0123ABCD", "not_in_channel");
      await store.parkDestination("slack:C0123ABCD", "is_archived");
      const parkedRow = await store.enqueue("slack:C0123ABCD", message("p"), T0);
      const open = await store.enqueue("console", message("o"), T0);
      assert.deepEqual(await store.parkedDestinations(), ["slack:C0123ABCD"]);
      assert.deepEqual(
        (await store.claimOutbox(T0, 10)).map((r) => r.id),
        [open],
      );
      assert.equal(await store.unparkDestination("slack:C0123ABCD"), true);
      assert.equal(await store.unparkDestination("slack:C0123ABCD"), false);
      assert.deepEqual(await store.parkedDestinations(), []);
      assert.deepEqual(
        (await store.claimOutbox(T0, 10)).map((r) => r.id),
        [parkedRow],
      );
    });

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

    it("lists stories of a destination since an instant, newest first", async () => {
      const { store } = await h.open();
      const feedId = await initialisedFeed(store);
      await store.commitFetch(feedId, state(at(1)), [item("s1")], [instant("s1")]);
      await store.commitFetch(
        feedId,
        state(at(50)),
        [item("s2")],
        [instant("s2", "console", { storySignature: sig(9) })],
      );
      await store.commitFetch(
        feedId,
        state(at(60)),
        [item("s3")],
        [instant("s3", "discord:112233445566778899")],
      );
      await store.commitFetch(
        feedId,
        state(at(61)),
        [item("s4")],
        [instant("s4", "console", { storySignature: null, story: null })],
      );
      assert.deepEqual(
        (await store.recentStories("console", T0)).map((s) => s.signature),
        [sig(9), sig(1)],
      );
      assert.deepEqual(
        (await store.recentStories("console", at(10))).map((s) => s.createdAt),
        [at(50)],
      );
    });

    it("two store instances claiming at once never get the same row", async () => {
      const opened = await h.open({ leaseSeconds: 60 });
      const other = opened.another();
      const ids = new Set<number>();
      for (let i = 0; i < 60; i++) ids.add(await opened.store.enqueue("console", message(`m${i}`), T0));
      const seen: number[] = [];
      const claimer = async (s: typeof other) => {
        for (let round = 0; round < 20; round++) {
          for (const row of await s.claimOutbox(at(1), 3)) seen.push(row.id);
        }
      };
      await Promise.all([claimer(opened.store), claimer(other), claimer(opened.store), claimer(other)]);
      assert.equal(seen.length, ids.size);
      assert.equal(new Set(seen).size, seen.length);
      assert.deepEqual(new Set(seen), ids);
    });
  });
}
