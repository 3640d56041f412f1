/**
 * Identity chaos: one feed through GUID flips, GUIDs holding titles, missing and duplicated
 * GUIDs, empty titles, pubDate bumps, reordering, items leaving and returning after 60
 * days, a re-add and a URL change (identity-chaos-script.ts), polled through the real
 * pipeline: loopback feed server, guarded fetcher, parser workers, normaliser, the rule
 * index and a real store (SQLite; PostgreSQL too when DATABASE_URL is set). Only the clock
 * is fake. The alerts must equal the golden list exactly: no loss, no duplicate.
 */

import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { nextPollAt, shouldDisable } from "../../src/core/feed-schedule.ts";
import type { FeedRecord, Logger } from "../../src/core/ports.ts";
import type { Topic } from "../../src/core/topic.ts";
import { createTopicMatcher } from "../../src/core/topic-matcher.ts";
import { createFeedSource } from "../../src/feeds/feed-source.ts";
import { createFetcher } from "../../src/feeds/fetch/index.ts";
import { closeParser } from "../../src/feeds/parse/index.ts";
import { createCounters } from "../../src/pipeline/counters.ts";
import { type PollDeps, pollFeed } from "../../src/pipeline/poll-feed.ts";
import { createStoryStats } from "../../src/pipeline/story-stats.ts";
import { createPostgresStore, createSqliteStore } from "../../src/store/index.ts";
import { createPgDb } from "../../src/store/postgres/db.ts";
import type { Store } from "../../src/store/store.ts";
import { type FeedServer, startFeedServer } from "../fakes/feed-server.ts";
import { type Entry, GOLDEN, SCRIPT } from "./identity-chaos-script.ts";

const esc = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;");
const tag = (name: string, value: string | undefined) =>
  value === undefined ? "" : `<${name}>${esc(value)}</${name}>`;

function rss(entries: Entry[]): string {
  const items = entries.map(
    (e) =>
      `<item>${tag("title", e.title)}${tag("link", e.link)}${
        e.guid === undefined ? "" : `<guid isPermaLink="false">${esc(e.guid)}</guid>`
      }<pubDate>${e.date}</pubDate>${tag("description", e.text)}</item>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Chaos Gazette</title><link>https://chaos.test/</link>${items.join("")}</channel></rss>`;
}

const EVERYTHING: Topic = {
  id: "config:everything",
  name: "everything",
  rule: "bulletin",
  origin: "config",
  paused: false,
  notify: [{ channel: "console", digest: null, mentions: [] }],
};

/** Keeps the counters of each poll's log line, so the test can show why an item was skipped. */
function countingLogger(): Logger & { last: Record<string, unknown> } {
  const logger = {
    last: {} as Record<string, unknown>,
    debug() {},
    info(obj: object) {
      logger.last = obj as Record<string, unknown>;
    },
    warn() {},
    error() {},
  };
  return logger;
}

interface Backend {
  name: string;
  skip: string | false;
  open(): Promise<{ store: Store; cleanup(): Promise<void> }>;
}

const databaseUrl = process.env.DATABASE_URL ?? "";
const BACKENDS: Backend[] = [
  {
    name: "sqlite",
    skip: false,
    async open() {
      const dir = mkdtempSync(join(tmpdir(), "ww-chaos-"));
      const store = createSqliteStore(join(dir, "chaos.db"));
      return { store, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
  {
    name: "postgres",
    skip: databaseUrl === "" ? "DATABASE_URL is unset: PostgreSQL chaos run skipped" : false,
    async open() {
      const schema = `ww_test_${randomBytes(6).toString("hex")}`;
      const admin = createPgDb(databaseUrl);
      await admin.run(`CREATE SCHEMA ${schema}`);
      const store = createPostgresStore(databaseUrl, { schema, poolSize: 4 });
      return {
        store,
        async cleanup() {
          await admin.run(`DROP SCHEMA ${schema} CASCADE`);
          await admin.pool.end();
        },
      };
    },
  },
];

describe("identity chaos", () => {
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

  for (const backend of BACKENDS) {
    it(`the alerts equal the golden list exactly [${backend.name}]`, { skip: backend.skip }, async () => {
      const { store, cleanup } = await backend.open();
      let now = Date.parse("2026-11-10T08:00:00Z");
      const logger = countingLogger();
      const deps: PollDeps = {
        store,
        source: createFeedSource({ fetcher }),
        matcher: () => createTopicMatcher([EVERYTHING], {}),
        policy: { nextPollAt, shouldDisable },
        clock: { now: () => new Date(now) },
        logger,
        random: () => 0.5,
        timezone: "Europe/Paris",
        backfill: () => 0,
        storyUpdates: "thread",
        storyStats: createStoryStats({ store, clock: { now: () => new Date(now) } }),
        counters: createCounters(),
      };
      const path = `/chaos-${backend.name}.xml`;
      const addFeed = (at: string) =>
        store.upsertFeed(
          {
            url: server.url(at),
            name: null,
            everySeconds: 600,
            origin: "config",
            scope: null,
            addedBy: null,
          },
          new Date(now).toISOString(),
        );
      try {
        await store.migrate();
        let feed: FeedRecord = await addFeed(path);
        let url = path;
        const all: string[] = [];
        for (const step of SCRIPT) {
          now += 10 * 60_000;
          if (step.action === "advance-60-days") now += 60 * 86_400_000;
          if (step.action === "re-add-feed") {
            await store.removeFeed(feed.id);
            feed = await addFeed(url);
          }
          if (step.action === "change-url") {
            url = `/moved-${backend.name}.xml`;
            const moved = await addFeed(url);
            await store.removeFeed(feed.id);
            feed = moved;
          }
          server.route(url, { body: rss(step.entries) });
          const outcome = await pollFeed(deps, (await store.getFeed(feed.id)) as FeedRecord);
          assert.equal(outcome.kind, "new_items", `${step.name}: ${JSON.stringify(outcome)}`);
          const rows = await store.claimOutbox(new Date(now + 1000).toISOString(), 100);
          for (const row of rows) await store.markSent(row.id, `ref-${row.id}`, new Date(now).toISOString());
          assert.deepEqual(
            rows.map((r) => r.kind),
            rows.map(() => "post"),
            `${step.name}: distinct headlines never group into an edit`,
          );
          const alerts = rows.map((r) => {
            const entry = r.message.entries[0];
            return entry === undefined ? "(no entry)" : entry.title || entry.snippet;
          });
          assert.deepEqual(alerts.sort(), [...step.alerts].sort(), step.name);
          assert.equal(logger.last.repeated, 0, `${step.name}: no entry repeated`);
          if (step.byAlias !== undefined) assert.equal(logger.last.byAlias, step.byAlias, step.name);
          all.push(...alerts);
        }
        assert.deepEqual(all, GOLDEN);
        assert.equal(new Set(all).size, all.length, "no alert twice");
      } finally {
        await store.close();
        await cleanup();
      }
    });
  }
});
