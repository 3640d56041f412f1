import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { at, digest, feedInput, initialisedFeed, instant, item, message, state, T0 } from "../fixtures.ts";
import type { Harness } from "../harness.ts";

/** Issue 14: mutes, personal topics, where a feed's alerts went, health notices told once. */
export function actionCases(h: Harness): void {
  describe("alert actions, personal topics and health notices", () => {
    it("a mute lasts until its end; pressing again moves the end; ended mutes are not listed", async () => {
      const { store } = await h.open();
      const mute = { destination: "slack:C0123ABCD", topicId: "7", until: at(60), mutedBy: "U1" };
      await store.muteTopic(mute, T0);
      await store.muteTopic({ ...mute, destination: "discord:112233445566778899", until: at(30) }, T0);
      assert.deepEqual(
        (await store.activeMutes(at(45))).map((m) => [m.destination, m.until]),
        [["slack:C0123ABCD", at(60)]],
      );
      await store.muteTopic({ ...mute, until: at(120), mutedBy: "U2" }, at(50));
      assert.deepEqual(await store.activeMutes(at(100)), [{ ...mute, until: at(120), mutedBy: "U2" }]);
      assert.deepEqual(await store.activeMutes(at(120)), []);
    });

    it("personal topics are listed by owner", async () => {
      const { store } = await h.open();
      const target = (channel: string) => ({ channel, digest: null, mentions: [] });
      await store.addTopic(
        {
          name: "mine",
          rule: "x",
          scope: "slack:T1",
          target: target("slack:D0ALICE01"),
          createdBy: "UA",
          owner: "UA",
        },
        T0,
      );
      await store.addTopic(
        { name: "ours", rule: "x", scope: "slack:T1", target: target("slack:C0123ABCD"), createdBy: "UA" },
        T0,
      );
      assert.deepEqual(
        (await store.listTopics({ owner: "UA" })).map((t) => [t.name, t.owner]),
        [["mine", "UA"]],
      );
      assert.deepEqual(await store.listTopics({ owner: "UB" }), []);
      assert.equal((await store.listTopics()).find((t) => t.name === "ours")?.owner, null);
    });

    it("alerts name their item once written; a feed's destinations are kept; a chat feed keeps where it was added", async () => {
      const { store } = await h.open();
      const feedId = await initialisedFeed(store);
      const withButtons = { ...message("alert"), actions: { itemId: null, topicIds: ["config:russia-us"] } };
      await store.commitFetch(
        feedId,
        state(at(1)),
        [item("a"), item("b")],
        [
          instant("a", "slack:C0123ABCD", { message: withButtons }),
          digest("b", "discord:112233445566778899"),
        ],
      );
      const [row] = await store.claimOutbox(at(2), 10);
      const stored = await store.findItemByLink("https://news.example/a");
      assert.equal(row?.message.actions?.itemId, stored?.id);
      assert.deepEqual(await store.feedDestinations(feedId), [
        "discord:112233445566778899",
        "slack:C0123ABCD",
      ]);
      const chat = await store.upsertFeed(
        feedInput("https://blog.example/rss", {
          origin: "chat",
          scope: "slack:T1",
          addedBy: "U1",
          addedIn: "slack:C0ADDED001",
        }),
        T0,
      );
      assert.equal((await store.getFeed(chat.id))?.addedIn, "slack:C0ADDED001");
    });

    it("a health notice is queued once per key, to every destination, even from another process", async () => {
      const { store, another } = await h.open();
      const feedId = await initialisedFeed(store);
      const key = { feedId, reason: "failing" as const, episode: T0 };
      const notice = message("Feed failing", "notice");
      assert.equal(
        await store.queueHealthNotice(key, ["console", "slack:C0123ABCD", "console"], notice, at(1)),
        true,
      );
      assert.equal(await another().queueHealthNotice(key, ["console"], notice, at(2)), false);
      assert.equal(
        await store.queueHealthNotice({ ...key, episode: at(5) }, ["console"], notice, at(6)),
        true,
      );
      const rows = await store.claimOutbox(at(10), 10);
      assert.deepEqual(rows.map((r) => r.destination).sort(), ["console", "console", "slack:C0123ABCD"]);
      assert.ok(rows.every((r) => r.message.heading === "Feed failing"));
    });
  });
}
