import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { at, feedInput, T0 } from "../fixtures.ts";
import type { Harness } from "../harness.ts";

/** `RootStore` (src/store/store.ts): what main.ts calls itself — the schema, and Slack's shared pacing. */
export function rootStoreCases(h: Harness): void {
  describe("RootStore", () => {
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
  });
}
