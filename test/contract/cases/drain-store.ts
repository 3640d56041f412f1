import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { at, message, T0 } from "../fixtures.ts";
import type { Harness } from "../harness.ts";

/** `DrainStore` (pipeline/deliver-drain.ts): what is left to send. */
export function drainStoreCases(h: Harness): void {
  describe("DrainStore", () => {
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
  });
}
