/**
 * WebSub end to end with real parts: a loopback feed server advertising a loopback hub
 * (test/fakes/websub-hub.ts), the guarded fetcher, the parse workers, a SQLite file, our HTTP
 * server's /websub/ route, the deliverer and the console sink. Only the clock is fake.
 */
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { createConsoleSink } from "../../src/chat/console/index.ts";
import { readEnv } from "../../src/config/env.ts";
import { parseConfig } from "../../src/config/load.ts";
import { nextPollAt, shouldDisable } from "../../src/core/feed-schedule.ts";
import type { FeedRecord } from "../../src/core/ports.ts";
import { createTopicMatcher } from "../../src/core/topic-matcher.ts";
import { createFeedSource } from "../../src/feeds/feed-source.ts";
import { createFetcher } from "../../src/feeds/fetch/index.ts";
import { closeParser } from "../../src/feeds/parse/index.ts";
import { silentLogger } from "../../src/log/create-logger.ts";
import { createCounters } from "../../src/pipeline/counters.ts";
import { createDeliverer } from "../../src/pipeline/deliver.ts";
import { drainDue } from "../../src/pipeline/deliver-drain.ts";
import { type PollDeps, pollFeed } from "../../src/pipeline/poll-feed.ts";
import { createStoryStats } from "../../src/pipeline/story-stats.ts";
import { createHttpServer, type HttpHandler } from "../../src/server/index.ts";
import { createSqliteStore } from "../../src/store/index.ts";
import type { Store } from "../../src/store/store.ts";
import { createHubClient } from "../../src/websub/hub-client.ts";
import { createWebSub, type WebSub } from "../../src/wiring/websub.ts";
import { type FeedServer, startFeedServer } from "../fakes/feed-server.ts";
import { type FakeHub, startFakeHub } from "../fakes/websub-hub.ts";

const item = (id: string, title: string) =>
  `<item><title>${title}</title><link>https://news.test/${id}</link><guid isPermaLink="false">${id}</guid><pubDate>Fri, 27 Nov 2026 16:42:00 +0100</pubDate></item>`;
const rss = (hub: string, self: string, items: string[]) =>
  `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>Wire</title><link>https://news.test/</link><atom:link rel="hub" href="${hub}"/><atom:link rel="self" href="${self}"/>${items.join("")}</channel></rss>`;

describe("websub with a loopback hub", () => {
  let feeds: FeedServer;
  let hub: FakeHub;
  let server: { listen(): Promise<number>; close(): Promise<void> };
  let store: Store;
  let websub: WebSub;
  let deps: PollDeps;
  let feed: FeedRecord;
  let topic: string;
  const written: string[] = [];
  const fetcher = createFetcher({ userAgent: "wirewatch-test" });
  const counters = createCounters();
  let now = Date.parse("2026-11-28T08:00:00Z");
  const clock = { now: () => new Date(now) };
  const callbacks = () => [...hub.subscribers.keys()];

  before(async () => {
    feeds = await startFeedServer();
    hub = await startFakeHub({ grantLeaseSeconds: 86_400 });
    topic = feeds.url("/wire.xml");
    feeds.route("/wire.xml", { body: rss(hub.url, topic, [item("a1", "Ukraine: first report")]) });
    let handle: HttpHandler = () => undefined;
    server = createHttpServer({
      port: 0,
      host: "127.0.0.1",
      websub: (req, res) => handle(req, res),
      health: async () => ({ ok: true, detail: {} }),
    });
    const port = await server.listen();
    const yaml = `feeds:\n  - url: ${topic}\ntopics:\n  - name: ukraine\n    rule: ukraine\n    notify:\n      - channel: console\n`;
    const config = parseConfig(
      yaml,
      "/tmp/wirewatch.yaml",
      readEnv({ WIREWATCH_PUBLIC_URL: `http://127.0.0.1:${port}` }),
    );
    store = createSqliteStore(join(mkdtempSync(join(tmpdir(), "ww-websub-")), "db.sqlite"));
    feed = await store.upsertFeed(
      {
        url: topic,
        name: null,
        everySeconds: 600,
        language: null,
        origin: "config",
        scope: null,
        addedBy: null,
      },
      clock.now().toISOString(),
    );
    deps = {
      store,
      source: createFeedSource({ fetcher }),
      matcher: () => createTopicMatcher(config.topics, {}),
      policy: { nextPollAt, shouldDisable },
      clock,
      logger: silentLogger,
      random: () => 0.5,
      timezone: "UTC",
      backfill: () => 0,
      storyUpdates: "thread",
      storyStats: createStoryStats({ store, clock }),
      counters,
    };
    const client = createHubClient({ userAgent: "wirewatch-test" });
    const made = createWebSub({
      config,
      store,
      clock,
      logger: silentLogger,
      counters,
      userAgent: "wirewatch-test",
      pollDeps: deps,
      // The hub is on loopback: vetted as the operator's even once its feed is removed.
      send: (request) => client({ ...request, trusted: true }),
    });
    assert.ok(made, "WIREWATCH_PUBLIC_URL turns websub on");
    websub = made;
    handle = websub.callback.handle;
  });
  after(async () => {
    await server.close();
    await hub.close();
    await feeds.close();
    await fetcher.close();
    await store.close();
    await closeParser();
  });

  const deliver = async () => {
    const deliverer = createDeliverer({
      store,
      clock,
      logger: silentLogger,
      sinks: [createConsoleSink({ write: (t) => written.push(t) })],
    });
    return drainDue(deliverer, { store, clock, maxWaitMs: 0 });
  };

  it("subscribes a feed that advertises a hub after its poll; the hub verifies our intent", async () => {
    const outcome = await pollFeed(deps, feed);
    assert.equal(outcome.kind, "new_items");
    await hub.verified(1);
    const [request] = hub.requests;
    assert.equal(request?.mode, "subscribe");
    assert.equal(request?.topic, topic);
    assert.ok(request?.secret && request.secret.length >= 16, "a secret is sent");
    assert.equal(hub.verifications[0]?.confirmed, true);
    const [sub] = await store.listSubscriptions();
    assert.equal(sub?.state, "active");
    assert.equal(sub?.expiresAt, new Date(now + 86_400_000).toISOString());
    assert.equal(deps.everySeconds?.(feed), 3600, "a pushed feed is polled at poll.pushedEvery");
    // Polling again does not subscribe twice.
    feed = (await store.getFeed(feed.id)) ?? feed;
    await pollFeed(deps, feed);
    await websub.settled();
    assert.equal(hub.requests.length, 1);
  });

  it("a published entry is an alert in the chat in under 2 s", async () => {
    const body = rss(hub.url, topic, [
      item("a2", "Ukraine: talks resume"),
      item("a1", "Ukraine: first report"),
    ]);
    const started = performance.now();
    assert.deepEqual(await hub.publish(topic, body), [202]);
    await websub.callback.settled();
    const totals = await deliver();
    const ms = performance.now() - started;
    assert.equal(totals.sent, 1);
    assert.equal(written.length, 1);
    assert.match(written[0] ?? "", /talks resume/);
    assert.ok(ms < 2000, `publish → alert took ${ms.toFixed(0)} ms`);
    assert.equal(counters.get("websub_pushes"), 1);
    console.log(`websub publish → console alert: ${ms.toFixed(0)} ms`);
  });

  it("forged deliveries are answered 202, counted, and never read", async () => {
    const body = rss(hub.url, topic, [item("f1", "Ukraine: forged")]);
    const [callback] = callbacks();
    assert.ok(callback);
    assert.equal(await hub.forge(callback, body, null), 202);
    assert.equal(await hub.forge(callback, body, "sha1=0123456789abcdef0123456789abcdef01234567"), 202);
    assert.equal(await hub.forge(callback, body, "md5=00"), 202);
    await websub.callback.settled();
    await deliver();
    assert.equal(counters.get("websub_forged_refused"), 3);
    assert.equal(written.length, 1, "nothing forged reached the chat");
    assert.equal(await hub.forge(`${callback}x`, body, null), 410, "an unknown callback is gone");
  });

  it("a genuine delivery that is not a feed is logged and counted; the backstop poll stays", async () => {
    assert.deepEqual(await hub.publish(topic, "<html><body>oops</body></html>"), [202]);
    await websub.callback.settled();
    assert.equal(counters.get("websub_push_failed"), 1);
    const stored = await store.getFeed(feed.id);
    assert.equal(stored?.consecutiveErrors, 0, "a bad push does not count against the feed");
  });

  it("refuses a verification it did not ask for", async () => {
    const [callback] = callbacks();
    assert.ok(callback);
    const other = await hub.verifyIntent(callback, {
      "hub.mode": "subscribe",
      "hub.topic": "https://evil.test/feed",
      "hub.challenge": "x",
    });
    assert.equal(other.status, 404);
    const unasked = await hub.verifyIntent(callback, {
      "hub.mode": "unsubscribe",
      "hub.topic": topic,
      "hub.challenge": "x",
    });
    assert.equal(unasked.status, 404);
    assert.equal((await store.listSubscriptions())[0]?.state, "active");
  });

  it("renews the lease before it ends (fake clock)", async () => {
    now += 12 * 3600_000;
    await websub.subscriber.tick();
    assert.equal(hub.requests.length, 1, "not yet: half the lease is left");
    now += 11.5 * 3600_000;
    await websub.subscriber.tick();
    assert.equal(hub.requests.length, 2);
    assert.equal(hub.requests[1]?.mode, "subscribe");
    await hub.verified(2);
    const [sub] = await store.listSubscriptions();
    assert.equal(sub?.state, "active");
    assert.equal(sub?.expiresAt, new Date(now + 86_400_000).toISOString());
  });

  it("unsubscribes when the feed is removed", async () => {
    await store.removeFeed(feed.id);
    await websub.subscriber.tick();
    assert.equal(hub.requests.at(-1)?.mode, "unsubscribe");
    await hub.verified(3);
    assert.equal(hub.verifications[2]?.confirmed, true);
    assert.deepEqual(await store.listSubscriptions(), []);
    assert.equal(hub.subscribers.size, 0);
  });
});
