import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { UserError } from "../../../src/core/errors.ts";
import type { TopicInput } from "../../../src/core/ports.ts";
import { at, initialisedFeed, instant, item, state, T0 } from "../fixtures.ts";
import type { Harness } from "../harness.ts";

const CHANNEL = "slack:C0123ABCD";

function topic(name: string, over: Partial<TopicInput> = {}): TopicInput {
  return {
    name,
    rule: 'russie AND "etats-unis"',
    scope: "slack:T1",
    target: { channel: CHANNEL, digest: null, mentions: [] },
    createdBy: "slack:U1",
    ...over,
  };
}

/** `TopicStore` (core/commands/store.ts): chat-managed topics. */
export function topicStoreCases(h: Harness): void {
  describe("TopicStore", () => {
    it("keeps a chat topic's template name, and none when it has none", async () => {
      const { store } = await h.open();
      const template = { kind: "named" as const, name: "brief" };
      await store.addTopic(
        topic("templated", { target: { channel: CHANNEL, digest: null, mentions: [], template } }),
        T0,
      );
      await store.addTopic(topic("plain"), T0);
      const listed = await store.listTopics({ channel: CHANNEL });
      const byName = new Map(listed.map((t) => [t.name, t.notify[0]]));
      assert.deepEqual(byName.get("templated")?.template, template);
      assert.equal(byName.get("plain")?.template, undefined);
    });

    it("adds a topic and lists it; a second topic of the same name in the channel is refused", async () => {
      const { store } = await h.open();
      const digest = { cron: "0 8 * * *", timezone: "Europe/Paris", maxEntries: 25 };
      const added = await store.addTopic(
        topic("ukraine", {
          target: { channel: CHANNEL, digest, mentions: [{ kind: "role", id: "123456789012345678" }] },
        }),
        T0,
      );
      assert.equal(added.name, "ukraine");
      assert.equal(added.origin, "chat");
      assert.equal(added.paused, false);
      assert.equal(added.scope, "slack:T1");
      assert.equal(added.createdBy, "slack:U1");
      assert.equal(added.lastMatchAt, null);
      assert.deepEqual(added.notify, [
        { channel: CHANNEL, digest, mentions: [{ kind: "role", id: "123456789012345678" }] },
      ]);
      await assert.rejects(
        store.addTopic(topic("ukraine"), at(1)),
        (e: unknown) => e instanceof UserError && e.code === "topic_exists",
      );
      const other = await store.addTopic(
        topic("ukraine", { target: { channel: "discord:112233445566778899", digest: null, mentions: [] } }),
        at(1),
      );
      assert.notEqual(other.id, added.id);
      assert.deepEqual(await store.listTopics({ channel: CHANNEL }), [added]);
      assert.equal((await store.listTopics()).length, 2);
    });

    it("removes a topic only within its scope and channel", async () => {
      const { store } = await h.open();
      await store.addTopic(topic("a"), T0);
      assert.equal(await store.removeTopic("slack:T2", CHANNEL, "a"), false);
      assert.equal(await store.removeTopic("slack:T1", "slack:C999999999", "a"), false);
      assert.equal(await store.removeTopic("slack:T1", CHANNEL, "a"), true);
      assert.equal(await store.removeTopic("slack:T1", CHANNEL, "a"), false);
      assert.deepEqual(await store.listTopics(), []);
    });

    it("pauses one topic or every topic of a channel", async () => {
      const { store } = await h.open();
      await store.addTopic(topic("a"), T0);
      await store.addTopic(topic("b"), T0);
      await store.addTopic(topic("c", { target: { channel: "console", digest: null, mentions: [] } }), T0);
      assert.equal(await store.setTopicPaused("slack:T1", CHANNEL, "a", true), 1);
      assert.deepEqual(
        (await store.listTopics({ channel: CHANNEL })).map((t) => [t.name, t.paused]),
        [
          ["a", true],
          ["b", false],
        ],
      );
      assert.equal(await store.setTopicPaused("slack:T1", CHANNEL, null, true), 2);
      assert.equal(await store.setTopicPaused("slack:T1", CHANNEL, "missing", true), 0);
      assert.equal((await store.listTopics({ channel: "console" }))[0]?.paused, false);
      assert.equal(await store.setTopicPaused("slack:T1", CHANNEL, null, false), 2);
      // Another workspace sharing the channel cannot touch these topics.
      assert.equal(await store.setTopicPaused("slack:T2", CHANNEL, null, true), 0);
      assert.ok((await store.listTopics({ channel: CHANNEL })).every((t) => !t.paused));
    });

    it("shows a chat topic's last match, and keeps topics across a restart", async () => {
      const opened = await h.open();
      const added = await opened.store.addTopic(topic("a"), T0);
      const feedId = await initialisedFeed(opened.store);
      await opened.store.commitFetch(
        feedId,
        state(at(5)),
        [item("x")],
        [instant("x", CHANNEL, { topicIds: [added.id] })],
      );
      await opened.store.close();
      const store = opened.another();
      const [listed] = await store.listTopics({ channel: CHANNEL });
      assert.equal(listed?.lastMatchAt, at(5));
      assert.equal(listed?.rule, 'russie AND "etats-unis"');
    });
  });
}
