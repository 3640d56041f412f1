import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { TopicInput } from "../../../src/core/ports.ts";
import type { Store } from "../../../src/store/store.ts";
import { at, digest, feedInput, instant, item, message, state, T0 } from "../fixtures.ts";
import type { Harness } from "../harness.ts";

function topic(name: string, scope: string, channel: string): TopicInput {
  return {
    name,
    rule: "russie",
    scope,
    target: { channel, digest: null, mentions: [] },
    createdBy: `${scope}:U1`,
  };
}

/** Two tenants' topics, feeds and outbox rows, one of which is removed in the cases. */
async function twoTenants(store: Store) {
  await store.addTopic(topic("a", "slack:T1", "slack:C0000AAA1"), T0);
  await store.addTopic(topic("b", "slack:T1", "slack:C0000AAA2"), T0);
  await store.addTopic(topic("c", "slack:T2", "slack:C0000BBB1"), T0);
  const own = await store.upsertFeed(
    feedInput("https://t1.example/rss", { origin: "chat", scope: "slack:T1", addedBy: "U1" }),
    T0,
  );
  await store.upsertFeed(feedInput("https://t2.example/rss", { origin: "chat", scope: "slack:T2" }), T0);
  const operator = await store.upsertFeed(feedInput("https://operator.example/rss"), T0);
  await store.commitFetch(own.id, state(T0), [item("seed")], []);
  await store.commitFetch(operator.id, state(T0), [item("seed")], []);
  await store.commitFetch(
    operator.id,
    state(at(1)),
    [item("x"), item("y")],
    [instant("x", "slack:C0000AAA1"), digest("y", "slack:C0000AAA2")],
  );
  await store.enqueue("slack:C0000AAA2", message("notice", "notice"), at(2));
  await store.enqueue("slack:C0000BBB1", message("other", "notice"), at(2));
  await store.enqueue("console", message("console", "notice"), at(2));
}

/** `TenantStore` (core/tenancy.ts): Slack installations, tenant removal and pending removals. */
export function tenantStoreCases(h: Harness): void {
  describe("TenantStore", () => {
    it("keeps one sealed installation per team, replaced on reinstall, visible to every process", async () => {
      const { store, another } = await h.open();
      assert.equal(await store.getInstallation("T1"), null);
      await store.saveInstallation("T1", "v1.sealed-one", T0);
      await store.saveInstallation("T2", "v1.sealed-two", T0);
      await store.saveInstallation("T1", "v1.sealed-again", at(1));
      assert.equal(await another().getInstallation("T1"), "v1.sealed-again");
      assert.equal(await store.deleteInstallation("T1"), true);
      assert.equal(await store.deleteInstallation("T1"), false);
      assert.equal(await store.getInstallation("T1"), null);
      assert.equal(await store.getInstallation("T2"), "v1.sealed-two");
    });

    it("removes a tenant's topics, chat feeds and its channels' outbox rows and digest entries, nothing else", async () => {
      const { store } = await h.open();
      await twoTenants(store);
      const removed = await store.removeTenant("slack:T1");
      assert.deepEqual(removed, { topics: 2, feeds: 1, outbox: 2 });
      assert.deepEqual(
        (await store.listTopics()).map((t) => t.name),
        ["c"],
      );
      const feeds = await store.listFeeds();
      assert.deepEqual(feeds.map((f) => f.url).sort(), [
        "https://operator.example/rss",
        "https://t2.example/rss",
      ]);
      const destinations = (await store.outboxSummary()).map((r) => r.destination).sort();
      assert.deepEqual([...new Set(destinations)], ["console", "slack:C0000BBB1"]);
      assert.deepEqual(await store.pendingDigestEntries("slack:C0000AAA2", at(60)), []);
      assert.deepEqual(await store.removeTenant("slack:T1"), { topics: 0, feeds: 0, outbox: 0 });
    });

    it("a pending removal is due at its time, moved by a second schedule, cancelled once, done by removeTenant", async () => {
      const { store, another } = await h.open();
      await store.scheduleTenantRemoval("discord:111111111111111111", at(10), T0);
      await store.scheduleTenantRemoval("discord:222222222222222222", at(5), T0);
      assert.deepEqual(await store.dueTenantRemovals(at(4)), []);
      assert.deepEqual(await another().dueTenantRemovals(at(10)), [
        "discord:222222222222222222",
        "discord:111111111111111111",
      ]);
      await store.scheduleTenantRemoval("discord:222222222222222222", at(20), at(6));
      assert.deepEqual(await store.dueTenantRemovals(at(10)), ["discord:111111111111111111"]);
      assert.equal(await store.cancelTenantRemoval("discord:111111111111111111"), true);
      assert.equal(await store.cancelTenantRemoval("discord:111111111111111111"), false);
      assert.deepEqual(await store.dueTenantRemovals(at(30)), ["discord:222222222222222222"]);
      await store.removeTenant("discord:222222222222222222");
      assert.deepEqual(await store.dueTenantRemovals(at(30)), []);
    });
  });
}
