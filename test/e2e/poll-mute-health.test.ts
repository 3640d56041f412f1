/**
 * Issue 14, in the poll with real parts (loopback feed server, guarded fetcher, parser,
 * SQLite file): Mute 24 h skips a topic's alerts in one channel until it ends (logged and
 * counted), and a feed's trouble is told once per failure episode, through the outbox,
 * to the channels its alerts went to and to the channel a chat feed was added from; not
 * again after a restart, and again after the feed recovered and failed anew.
 */
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { nextPollAt, shouldDisable } from "../../src/core/feed-schedule.ts";
import type { FeedRecord, OutboxRow } from "../../src/core/ports.ts";
import type { Topic } from "../../src/core/topic.ts";
import { createTopicMatcher } from "../../src/core/topic-matcher.ts";
import { createFeedSource } from "../../src/feeds/feed-source.ts";
import { createFetcher } from "../../src/feeds/fetch/index.ts";
import { createCounters } from "../../src/pipeline/counters.ts";
import { type PollDeps, pollFeed } from "../../src/pipeline/poll-feed.ts";
import { createStoryStats } from "../../src/pipeline/story-stats.ts";
import { createSqliteStore } from "../../src/store/index.ts";
import type { Store } from "../../src/store/store.ts";
import { type FeedServer, startFeedServer } from "../fakes/feed-server.ts";
import { recordingLogger } from "./delivery/harness.ts";

const rss = (items: { id: string; title: string }[]) =>
  `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>RFI</title><link>https://news.test/</link>${items
    .map(
      (i) =>
        `<item><title>${i.title}</title><link>https://news.test/${i.id}</link><guid isPermaLink="false">${i.id}</guid><pubDate>Fri, 27 Nov 2026 16:42:00 +0100</pubDate></item>`,
    )
    .join("")}</channel></rss>`;

const UKRAINE: Topic = {
  id: "config:ukraine",
  name: "ukraine",
  rule: "ukraine",
  origin: "config",
  paused: false,
  notify: [
    { channel: "slack:C0MUTED01", digest: null, mentions: [] },
    { channel: "slack:C0OTHER01", digest: null, mentions: [] },
  ],
};

describe("mutes and feed health notices in the poll", () => {
  let server: FeedServer;
  let dir: string;
  const fetcher = createFetcher({ userAgent: "wirewatch-test" });
  let now = Date.parse("2026-11-28T08:00:00Z");
  const clock = { now: () => new Date(now) };
  const logger = recordingLogger();

  before(async () => {
    server = await startFeedServer();
    dir = mkdtempSync(join(tmpdir(), "ww-mute-health-"));
  });
  after(async () => {
    await fetcher.close();
    await server.close();
  });

  const depsFor = (store: Store) => {
    const counters = createCounters();
    const source = createFeedSource({ fetcher });
    const deps: PollDeps & { store: Store } = {
      store,
      // The loopback server stands in for a public one: chat feeds are fetched as trusted
      // here (the address guard has its own tests), everything after the fetch is real.
      source: { read: (request) => source.read({ ...request, trusted: true }) },
      matcher: () => createTopicMatcher([UKRAINE], {}),
      policy: { nextPollAt, shouldDisable },
      clock,
      logger,
      random: () => 0.5,
      timezone: "UTC",
      backfill: () => 0,
      storyUpdates: "edit",
      storyStats: createStoryStats({ store, clock }),
      counters,
    };
    return { deps, counters };
  };
  const poll = async (deps: PollDeps & { store: Store }, id: number) =>
    pollFeed(deps, (await deps.store.getFeed(id)) as FeedRecord);
  /** Everything queued so far, claimed and marked sent (so out of the way). */
  const drain = async (store: Store): Promise<OutboxRow[]> => {
    const rows = await store.claimOutbox(new Date(now + 1000).toISOString(), 100);
    for (const row of rows) await store.markSent(row.id, `ts-${row.id}`, new Date(now).toISOString());
    return rows;
  };

  it("a muted topic alerts no more in that channel until the mute ends; skips are logged and counted", async () => {
    const store = createSqliteStore(join(dir, "mute.db"));
    const { deps, counters } = depsFor(store);
    server.route("/m.xml", { body: rss([{ id: "a", title: "Ukraine: first" }]) });
    const feed = await store.upsertFeed(
      {
        url: server.url("/m.xml"),
        name: "RFI",
        everySeconds: 600,
        origin: "config",
        scope: null,
        addedBy: null,
      },
      clock.now().toISOString(),
    );
    await poll(deps, feed.id);
    await store.muteTopic(
      {
        destination: "slack:C0MUTED01",
        topicId: "config:ukraine",
        until: new Date(now + 24 * 3600_000).toISOString(),
        mutedBy: "U1",
      },
      clock.now().toISOString(),
    );
    server.route("/m.xml", { body: rss([{ id: "b", title: "Ukraine: second" }]) });
    await poll(deps, feed.id);
    const during = await drain(store);
    assert.deepEqual(
      during.map((r) => r.destination),
      ["slack:C0OTHER01"],
    );
    assert.equal(counters.get("alerts_muted_skipped"), 1);
    const skipped = logger.lines.filter((l) => l.msg === "alert skipped: the topic is muted in this channel");
    assert.equal(skipped.length, 1);
    // The alert's buttons name the stored item and the topic, ids only.
    const item = await store.findItemByLink("https://news.test/b");
    assert.deepEqual(during[0]?.message.actions, { itemId: item?.id, topicIds: ["config:ukraine"] });

    now += 25 * 3600_000;
    server.route("/m.xml", { body: rss([{ id: "c", title: "Kyiv wheat exports reach Ukraine ports" }]) });
    await poll(deps, feed.id);
    assert.deepEqual((await drain(store)).map((r) => r.destination).sort(), [
      "slack:C0MUTED01",
      "slack:C0OTHER01",
    ]);
    assert.equal(counters.get("alerts_muted_skipped"), 1);
    await store.close();
  });

  it("a feed failing for 24 h is told once to its channels, not again after a restart, again after recovering", async () => {
    const path = join(dir, "health.db");
    let store = createSqliteStore(path);
    let { deps } = depsFor(store);
    server.route("/h.xml", { body: rss([{ id: "a", title: "Ukraine: one" }]) });
    const feed = await store.upsertFeed(
      {
        url: server.url("/h.xml"),
        name: "RFI",
        everySeconds: 600,
        origin: "config",
        scope: null,
        addedBy: null,
      },
      clock.now().toISOString(),
    );
    await poll(deps, feed.id);
    server.route("/h.xml", { body: rss([{ id: "b", title: "Ukraine: two" }]) });
    await poll(deps, feed.id);
    assert.equal((await drain(store)).length, 2, "one alert in each channel");

    server.route("/h.xml", { status: 503 });
    await poll(deps, feed.id);
    now += 23 * 3600_000;
    await poll(deps, feed.id);
    assert.equal((await drain(store)).length, 0, "not before 24 hours");
    now += 2 * 3600_000;
    await poll(deps, feed.id);
    const told = await drain(store);
    assert.deepEqual(told.map((r) => r.destination).sort(), [
      "console",
      "slack:C0MUTED01",
      "slack:C0OTHER01",
    ]);
    assert.equal(told[0]?.message.heading, "Feed failing");
    assert.match(told[0]?.message.body ?? "", /more than 24 hours: the server answered HTTP 503/);
    await poll(deps, feed.id);
    assert.equal((await drain(store)).length, 0, "once per episode");

    // A restart: a new store on the same file remembers what was told.
    await store.close();
    store = createSqliteStore(path);
    ({ deps } = depsFor(store));
    now += 3600_000;
    await poll(deps, feed.id);
    assert.equal((await drain(store)).length, 0, "not again after a restart");

    // Recovered, then failing anew for 24 h: a new episode, told again.
    server.route("/h.xml", { body: rss([{ id: "b", title: "Ukraine: two" }]) });
    await poll(deps, feed.id);
    server.route("/h.xml", { status: 404 });
    await poll(deps, feed.id);
    now += 25 * 3600_000;
    await poll(deps, feed.id);
    const again = await drain(store);
    assert.equal(again.length, 3);
    assert.match(again[0]?.message.body ?? "", /HTTP 404/);
    await store.close();
  });

  it("a chat feed whose items stop parsing is told at the third failure, to the channel it was added from", async () => {
    const store = createSqliteStore(join(dir, "parse.db"));
    const { deps } = depsFor(store);
    server.route("/p.xml", { body: rss([{ id: "a", title: "Ukraine: one" }]) });
    const feed = await store.upsertFeed(
      {
        url: server.url("/p.xml"),
        name: null,
        everySeconds: 600,
        origin: "chat",
        scope: "slack:T1",
        addedBy: "U1",
        addedIn: "slack:C0ADDED001",
      },
      clock.now().toISOString(),
    );
    assert.equal(feed.addedIn, "slack:C0ADDED001");
    await poll(deps, feed.id);
    server.route("/p.xml", { body: "<rss><channel><item><title>broken" });
    await poll(deps, feed.id);
    await poll(deps, feed.id);
    assert.equal((await drain(store)).length, 0);
    await poll(deps, feed.id);
    const told = await drain(store);
    assert.deepEqual(told.map((r) => r.destination).sort(), ["console", "slack:C0ADDED001"]);
    assert.equal(told[0]?.message.heading, "Feed unreadable");
    assert.match(told[0]?.message.body ?? "", /items stopped parsing/);
    await store.close();
  });
});
