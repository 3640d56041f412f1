import assert from "node:assert/strict";
import { test } from "node:test";
import { silentLogger } from "../log/create-logger.ts";
import { createSqliteStore } from "../store/index.ts";
import type { HubRequest } from "./hub-client.ts";
import { createSubscriber } from "./subscriber.ts";

const NOW = "2026-11-28T08:00:00.000Z";

async function setup() {
  const store = createSqliteStore(":memory:");
  const sent: HubRequest[] = [];
  let token = 0;
  const subscriber = createSubscriber({
    store,
    send: async (request) => {
      sent.push(request);
      return { ok: true, status: 202, detail: "" };
    },
    publicUrl: "https://bot.example.org/ww/",
    clock: { now: () => new Date(NOW) },
    logger: silentLogger,
    randomToken: () => `t${++token}`,
    leaseSeconds: 3600,
  });
  const feed = await store.upsertFeed(
    {
      url: "https://a.example/feed",
      name: null,
      everySeconds: 600,
      language: null,
      origin: "chat",
      scope: "T1",
      addedBy: "U1",
    },
    NOW,
  );
  return { store, sent, subscriber, feed };
}

const meta = (hub: string | null, self?: string) => ({
  title: "A",
  link: null,
  lang: null,
  ttlMinutes: null,
  hub,
  ...(self === undefined ? {} : { self }),
});

test("subscriber: no hub, nothing; a hub → one subscribe with the self URL as topic, saved first", async () => {
  const { store, sent, subscriber, feed } = await setup();
  await subscriber.noticeFeed(feed, meta(null));
  assert.equal(sent.length, 0);
  await subscriber.noticeFeed(feed, meta("https://hub.example/", "https://a.example/self"));
  await subscriber.noticeFeed(feed, meta("https://hub.example/", "https://a.example/self"));
  assert.equal(sent.length, 1, "subscribed once");
  assert.deepEqual(sent[0], {
    hub: "https://hub.example/",
    mode: "subscribe",
    callback: "https://bot.example.org/ww/websub/t1",
    topic: "https://a.example/self",
    secret: "t2",
    leaseSeconds: 3600,
    trusted: false,
  });
  const [saved] = await store.listSubscriptions();
  assert.equal(saved?.state, "subscribing");
  assert.equal(subscriber.isPushed(feed.id), false, "not pushed before the hub verifies");
  await store.close();
});

test("subscriber: the feed moved to another hub → unsubscribe the old one, subscribe the new", async () => {
  const { store, sent, subscriber, feed } = await setup();
  await subscriber.noticeFeed(feed, meta("https://old-hub.example/"));
  await subscriber.noticeFeed(feed, meta("https://new-hub.example/"));
  assert.deepEqual(
    sent.map((r) => [r.mode, r.hub, r.topic]),
    [
      ["subscribe", "https://old-hub.example/", feed.url],
      ["unsubscribe", "https://old-hub.example/", feed.url],
      ["subscribe", "https://new-hub.example/", feed.url],
    ],
  );
  assert.deepEqual((await store.listSubscriptions()).map((s) => s.state).sort(), [
    "subscribing",
    "unsubscribing",
  ]);
  await store.close();
});

test("subscriber: isPushed only while a verified lease runs", async () => {
  const { store, subscriber, feed } = await setup();
  subscriber.remember("x", {
    token: "x",
    feedId: feed.id,
    hub: "https://hub.example/",
    topic: feed.url,
    secret: "s",
    state: "active",
    leaseSeconds: 3600,
    requestedAt: NOW,
    expiresAt: "2026-11-28T09:00:00.000Z",
  });
  assert.equal(subscriber.isPushed(feed.id), true);
  subscriber.remember("x", null);
  assert.equal(subscriber.isPushed(feed.id), false);
  await store.close();
});
