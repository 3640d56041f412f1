import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Subscription } from "../../../src/core/websub.ts";
import { at, T0 } from "../fixtures.ts";
import type { Harness } from "../harness.ts";

const pending: Subscription = {
  token: "tok-a",
  feedId: 7,
  hub: "https://hub.example/",
  topic: "https://a.example/feed?x=1",
  secret: "secret-a",
  state: "subscribing",
  leaseSeconds: 86_400,
  requestedAt: T0,
  expiresAt: null,
};

/** `SubscriptionStore` (core/websub.ts): WebSub subscriptions by token. */
export function subscriptionStoreCases(h: Harness): void {
  describe("SubscriptionStore", () => {
    it("saves, updates, lists and deletes by token; survives a restart", async () => {
      const { store, another } = await h.open();
      assert.equal(await store.getSubscription("tok-a"), null);
      await store.saveSubscription(pending);
      await store.saveSubscription({ ...pending, token: "tok-b", feedId: 3, topic: "https://b.example/" });
      assert.deepEqual(await store.getSubscription("tok-a"), pending);
      const active: Subscription = { ...pending, state: "active", leaseSeconds: 600, expiresAt: at(600) };
      await store.saveSubscription(active);
      const restarted = another();
      assert.deepEqual(await restarted.getSubscription("tok-a"), active);
      assert.deepEqual(
        (await restarted.listSubscriptions()).map((s) => s.token),
        ["tok-b", "tok-a"],
        "ordered by feed",
      );
      await restarted.deleteSubscription("tok-a");
      assert.equal(await store.getSubscription("tok-a"), null);
      assert.equal((await store.listSubscriptions()).length, 1);
    });
  });
}
