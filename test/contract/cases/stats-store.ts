import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { at, digest, initialisedFeed, instant, item, message, state } from "../fixtures.ts";
import type { Harness } from "../harness.ts";

const HOUR = 60;

/**
 * `StatsStore` (core/metrics.ts), what `/metrics` and `wirewatch stats` read: last match and
 * match counts per topic, outbox rows per destination.
 */
export function statsStoreCases(h: Harness): void {
  describe("StatsStore", () => {
    it("records the last match of every topic an alert names", async () => {
      const { store } = await h.open();
      const feedId = await initialisedFeed(store);
      await store.commitFetch(
        feedId,
        state(at(1)),
        [item("m")],
        [instant("m", "console", { topicIds: ["config:a", "7"] })],
      );
      await store.commitFetch(
        feedId,
        state(at(4)),
        [item("n")],
        [digest("n", "console", { topicIds: ["7"] })],
      );
      const last = await store.topicLastMatches(["config:a", "7", "config:none"]);
      assert.deepEqual([...last.entries()].sort(), [
        ["7", at(4)],
        ["config:a", at(1)],
      ]);
    });

    it("counts matches per topic by UTC hour, every topic an alert names", async () => {
      const { store } = await h.open();
      const feedId = await initialisedFeed(store);
      await store.commitFetch(
        feedId,
        state(at(-30 * HOUR)),
        [item("old")],
        [digest("old", "console", { topicIds: ["7"] })],
      );
      await store.commitFetch(
        feedId,
        state(at(1)),
        [item("m"), item("n")],
        [
          instant("m", "console", { topicIds: ["config:a", "7"] }),
          instant("n", "slack:C0123ABCD", { topicIds: ["config:a"] }),
        ],
      );
      const day = await store.topicMatchCounts(at(-24 * HOUR));
      assert.deepEqual(Object.fromEntries(day), { "config:a": 2, "7": 1 });
      const week = await store.topicMatchCounts(at(-7 * 24 * HOUR));
      assert.deepEqual(Object.fromEntries(week), { "config:a": 2, "7": 2 });
      assert.equal((await store.topicMatchCounts(at(2 * HOUR))).size, 0);
    });

    it("summarises the outbox per destination and state, with the oldest row", async () => {
      const { store } = await h.open();
      assert.deepEqual(await store.outboxSummary(), []);
      const a = await store.enqueue("console", message("a"), at(0));
      await store.enqueue("console", message("b"), at(1));
      await store.enqueue("console", message("c"), at(2));
      const d = await store.enqueue("slack:C0123ABCD", message("d"), at(3));
      await store.claimOutbox(at(5), 10);
      await store.markSent(a, "ref-a", at(5));
      await store.markParked(d, "channel_not_found");
      assert.deepEqual(await store.outboxSummary(), [
        { destination: "console", state: "pending", count: 2, oldestCreatedAt: at(1) },
        { destination: "console", state: "sent", count: 1, oldestCreatedAt: at(0) },
        { destination: "slack:C0123ABCD", state: "parked", count: 1, oldestCreatedAt: at(3) },
      ]);
    });
  });
}
