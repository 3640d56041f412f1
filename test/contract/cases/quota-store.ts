import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { at, T0 } from "../fixtures.ts";
import type { Harness } from "../harness.ts";

/** `QuotaStore` (core/commands/store.ts): quota events in a sliding window. */
export function quotaStoreCases(h: Harness): void {
  describe("QuotaStore", () => {
    it("counts quota events in a sliding window per kind and actor", async () => {
      const { store } = await h.open();
      await store.recordEvent("feed_add", "slack:T1:U1", T0);
      await store.recordEvent("feed_add", "slack:T1:U1", at(30));
      await store.recordEvent("feed_add", "slack:T1:U2", at(30));
      await store.recordEvent("topic_add", "slack:T1:U1", at(30));
      assert.equal(await store.countEvents("feed_add", "slack:T1:U1", at(-60)), 2);
      assert.equal(await store.countEvents("feed_add", "slack:T1:U1", at(10)), 1);
      assert.equal(await store.countEvents("feed_add", "slack:T1:U1", at(31)), 0);
      assert.equal(await store.countEvents("feed_add", "nobody", T0), 0);
    });
  });
}
