/**
 * Issue 11's two reproductions through the real poll pipeline (loopback server, fetcher,
 * parser workers, SQLite): each entry is an item, and each item reaches the channel. Before
 * per-item identity, both feeds gave one item: the untitled items, and the incident updates
 * sharing one title, folded into one key.
 *
 * The incident updates share their title, so story grouping sees one story: as instant
 * alerts, the same outlet's later copies are treated as updates of the first and not posted
 * (story-alerts.ts). The digest destination here shows every item reaching the channel.
 */

import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
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
import { type FeedServer, startFeedServer } from "../fakes/feed-server.ts";

const RSS_092 = (items: string) => `<?xml version="1.0"?>
<rss version="0.92"><channel><title>Town notes</title><link>https://notes.test/</link>
<description>Untitled notes</description>${items}</channel></rss>`;
const UNTITLED = `
<item><description>Note: the stone bridge opens again after repairs.</description></item>
<item><description>Note: farmers market moves to Thursdays.</description></item>
<item><description>Note: library stays open until nine tonight.</description></item>`;

const ATOM = (entries: string) => `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Status</title><id>urn:status</id>
<updated>2026-12-01T10:00:00Z</updated>${entries}</feed>`;
const incident = (id: string, summary: string, updated: string) =>
  `<entry><id>${id}</id><title>Service incident</title><link href="https://status.test/"/>
<updated>${updated}</updated><summary>Incident: ${summary}</summary></entry>`;
const INCIDENTS = [
  incident("urn:incident:1", "investigating slow logins.", "2026-12-01T09:00:00Z"),
  incident("urn:incident:1", "slow logins resolved.", "2026-12-01T10:00:00Z"),
  incident("urn:incident:2", "maintenance tonight.", "2026-12-01T08:00:00Z"),
].join("");

const topic = (rule: string, channel: string, digest: boolean): Topic => ({
  id: `config:${rule}`,
  name: rule,
  rule,
  origin: "config",
  paused: false,
  notify: [
    {
      channel,
      digest: digest ? { cron: "0 8 * * *", timezone: "Europe/Paris", maxEntries: 25 } : null,
      mentions: [],
    },
  ],
});

describe("issue 11 reproductions, through the poll pipeline", () => {
  let server: FeedServer;
  let dir: string;
  const fetcher = createFetcher({ userAgent: "wirewatch-test" });
  const now = Date.parse("2026-12-01T12:00:00Z");
  before(async () => {
    server = await startFeedServer();
    dir = mkdtempSync(join(tmpdir(), "ww-repro-"));
  });
  after(async () => {
    await fetcher.close();
    await server.close();
    await closeParser();
    rmSync(dir, { recursive: true, force: true });
  });

  /** An empty first fetch (silent), then `body`: returns the second poll's outcome. */
  async function pollTwice(name: string, empty: string, body: string, topics: Topic[]) {
    const store = createSqliteStore(join(dir, `${name}.db`));
    await store.migrate();
    const deps: PollDeps = {
      store,
      source: createFeedSource({ fetcher }),
      matcher: () => createTopicMatcher(topics, {}),
      policy: { nextPollAt, shouldDisable },
      clock: { now: () => new Date(now) },
      logger: silentLogger,
      random: () => 0.5,
      timezone: "Europe/Paris",
      backfill: () => 0,
      storyUpdates: "thread",
      storyStats: createStoryStats({ store, clock: { now: () => new Date(now) } }),
      counters: createCounters(),
    };
    server.route(`/${name}`, [{ body: empty }, { body }]);
    const feed = await store.upsertFeed(
      {
        url: server.url(`/${name}`),
        name: null,
        everySeconds: 600,
        origin: "config",
        scope: null,
        addedBy: null,
      },
      new Date(now).toISOString(),
    );
    await pollFeed(deps, feed);
    const outcome = await pollFeed(deps, (await store.getFeed(feed.id)) as FeedRecord);
    return { store, outcome };
  }

  it("an RSS 0.92 feed of 3 untitled items: 3 items, 3 alerts", async () => {
    const { store, outcome } = await pollTwice("notes.xml", RSS_092(""), RSS_092(UNTITLED), [
      topic("note", "console", false),
    ]);
    assert.equal(outcome.kind === "new_items" && outcome.items, 3);
    const rows = await store.claimOutbox(new Date(now + 1000).toISOString(), 10);
    assert.deepEqual(rows.map((r) => r.message.entries[0]?.snippet).sort(), [
      "Note: farmers market moves to Thursdays.",
      "Note: library stays open until nine tonight.",
      "Note: the stone bridge opens again after repairs.",
    ]);
    await store.close();
  });

  it("an Atom feed with one repeated <id>: every entry is an item, and reaches the digest", async () => {
    const { store, outcome } = await pollTwice("status.xml", ATOM(""), ATOM(INCIDENTS), [
      topic("incident", "slack:C0123ABCD", true),
    ]);
    assert.equal(outcome.kind === "new_items" && outcome.items, 3);
    const entries = await store.pendingDigestEntries("slack:C0123ABCD", new Date(now + 1000).toISOString());
    assert.deepEqual(entries.map((e) => e.item.summary).sort(), [
      "Incident: investigating slow logins.",
      "Incident: maintenance tonight.",
      "Incident: slow logins resolved.",
    ]);
    await store.close();
  });
});
