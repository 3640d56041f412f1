import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { at, message, T0 } from "../fixtures.ts";
import type { Harness } from "../harness.ts";

/** `OutboxStore` (pipeline/deliver.ts): claims, leases, outcomes, parked destinations. */
export function outboxStoreCases(h: Harness): void {
  describe("OutboxStore", () => {
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
