import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { at, message, T0 } from "../fixtures.ts";
import type { Harness } from "../harness.ts";

/**
 * `OutboxStore` claims: a row whose lease ran out without an outcome comes back `interrupted`:
 * its sender died mid-send, so the sink must look for the message before posting it again
 * (issue 13.4).
 */
export function outboxStoreInterruptedCases(h: Harness): void {
  describe("OutboxStore: interrupted claims", () => {
    it("a first claim is not interrupted; a claim after a lease ran out is, in any process", async () => {
      const { store, another } = await h.open({ leaseSeconds: 60 });
      const id = await store.enqueue("slack:C0123ABCD", message("x"), T0);
      const [first] = await store.claimOutbox(T0, 10);
      assert.equal(first?.id, id);
      assert.equal(first?.interrupted, false);
      assert.equal(first?.attempts, 0, "a killed sender never counted its attempt");
      // The sender dies holding the row; another process claims it after the lease.
      const [again] = await another().claimOutbox(at(2), 10);
      assert.equal(again?.id, id);
      assert.equal(again?.interrupted, true);
      assert.equal(again?.attempts, 0);
    });

    it("an outcome clears it: a retried row comes back with its attempt, not interrupted", async () => {
      const { store } = await h.open({ leaseSeconds: 60 });
      const id = await store.enqueue("slack:C0123ABCD", message("x"), T0);
      await store.claimOutbox(T0, 10);
      await store.markRetry(id, at(1), "timeout");
      const [row] = await store.claimOutbox(at(1), 10);
      assert.equal(row?.attempts, 1);
      assert.equal(row?.interrupted, false);
      assert.equal((await store.getOutboxRow(id))?.interrupted, false);
    });
  });
}
