/**
 * A feed that declares no language, through the real ingestion path (loopback server,
 * guarded fetcher, parser workers, SQLite, rule index): its items' language is detected,
 * so a bare word matches inflected forms as it does for a feed that declares French.
 */

import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, it } from "node:test";
import { nextPollAt, shouldDisable } from "../../src/core/feed-schedule.ts";
import type { FeedRecord } from "../../src/core/ports.ts";
import type { Topic } from "../../src/core/topic.ts";
import { createTopicMatcher } from "../../src/core/topic-matcher.ts";
import { createFeedSource } from "../../src/feeds/feed-source.ts";
import { createFetcher } from "../../src/feeds/fetch/index.ts";
import { closeParser } from "../../src/feeds/parse/index.ts";
import { silentLogger } from "../../src/log/create-logger.ts";
import { createCounters } from "../../src/pipeline/counters.ts";
import { type PollDeps, pollFeed } from "../../src/pipeline/poll-feed.ts";
import { createStoryStats } from "../../src/pipeline/story-stats.ts";
import { createSqliteStore } from "../../src/store/index.ts";
import type { Store } from "../../src/store/store.ts";
import { type FeedServer, startFeedServer } from "../fakes/feed-server.ts";

// No <language>: what the items are written in is left to detection.
const rss = (items: { id: string; title: string }[]) =>
  `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Wire</title><link>https://wire.test/</link>${items
    .map(
      (i) =>
        `<item><title>${i.title}</title><link>https://wire.test/${i.id}</link><guid>${i.id}</guid></item>`,
    )
    .join("")}</channel></rss>`;

const topicOf = (name: string, rule: string): Topic => ({
  id: `config:${name}`,
  name,
  rule,
  origin: "config",
  paused: false,
  notify: [{ channel: "console", digest: null, mentions: [] }],
});
const topic = topicOf("sanctions", "sanction");

let server: FeedServer;
const fetcher = createFetcher({ userAgent: "wirewatch-test" });
before(async () => {
  server = await startFeedServer();
});
after(async () => {
  await fetcher.close();
  await server.close();
  await closeParser();
});

const now = new Date("2026-11-28T08:00:00Z");
const depsFor = async (topics: Topic[]): Promise<PollDeps & { store: Store }> => {
  const store = createSqliteStore(join(mkdtempSync(join(tmpdir(), "ww-lang-")), "l.db"));
  await store.migrate();
  return {
    store,
    source: createFeedSource({ fetcher }),
    matcher: () => createTopicMatcher(topics, {}),
    policy: { nextPollAt, shouldDisable },
    clock: { now: () => now },
    logger: silentLogger,
    random: () => 0.5,
    timezone: "UTC",
    backfill: () => 0,
    storyUpdates: "thread",
    storyStats: createStoryStats({ store, clock: { now: () => now } }),
    counters: createCounters(),
  };
};

it("a feed without a language: items are detected and stemmed; too short stays unknown", async () => {
  const deps = await depsFor([topic]);
  const { store } = deps;
  server.route("/wire.xml", {
    body: rss([{ id: "old", title: "Le marché ouvre en hausse ce matin à Paris" }]),
  });
  const feed = await store.upsertFeed(
    {
      url: server.url("/wire.xml"),
      name: "Wire",
      everySeconds: 600,
      origin: "config",
      scope: null,
      addedBy: null,
    },
    now.toISOString(),
  );
  await pollFeed(deps, feed);

  server.route("/wire.xml", {
    body: rss([
      { id: "fr", title: "Nouvelles sanctions contre Moscou" },
      { id: "short", title: "Sanctions" },
      { id: "old", title: "Le marché ouvre en hausse ce matin à Paris" },
    ]),
  });
  const outcome = await pollFeed(deps, (await store.getFeed(feed.id)) as FeedRecord);
  assert.equal(outcome.kind === "new_items" && outcome.alerts, 1);
  const rows = await store.claimOutbox(new Date(now.getTime() + 1000).toISOString(), 10);
  assert.deepEqual(
    rows.map((r) => r.message.entries[0]?.title),
    ["Nouvelles sanctions contre Moscou"],
  );
  await store.close();
});

it("a feed's configured language beats detection on the poll path", async () => {
  const deps = await depsFor([topicOf("english", "lang:en")]);
  const { store } = deps;
  server.route("/configured.xml", {
    body: rss([{ id: "old", title: "Le marché ouvre en hausse ce matin" }]),
  });
  const feed = await store.upsertFeed(
    {
      url: server.url("/configured.xml"),
      name: "Wire",
      everySeconds: 600,
      origin: "config",
      scope: null,
      addedBy: null,
      language: "en",
    },
    now.toISOString(),
  );
  await pollFeed(deps, feed);
  server.route("/configured.xml", { body: rss([{ id: "fr", title: "Nouvelles sanctions contre Moscou" }]) });
  const outcome = await pollFeed(deps, (await store.getFeed(feed.id)) as FeedRecord);
  await store.close();
  assert.equal(outcome.kind === "new_items" && outcome.alerts, 1);
});
