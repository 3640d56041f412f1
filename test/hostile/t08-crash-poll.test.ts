/**
 * kill -9 of the POLLING process at random moments, then one run to the end: every item
 * published after a feed's first (silent) fetch is stored once, and each one a topic
 * matches has exactly one alert row per destination (none lost, none doubled), on SQLite
 * (with its group commit: a kill before the COMMIT loses the group's fetches whole, and
 * they are fetched again) and on PostgreSQL (when DATABASE_URL is set). The child runs the
 * real app (createApp → pollOnce, cycle after cycle: fetch, parse, normalise, match,
 * commit) against loopback feeds that grow one item per request the server answers; half
 * of them honour If-None-Match.
 *
 * T-8 (the sending side is t08-crash.test.ts). CI runs a few kills per backend. The long
 * version (docs/security.md has its numbers):
 *   DATABASE_URL=… npm run test:hostile -- --long t08-crash-poll     (WW_KILL_ROUNDS=200)
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import Database from "better-sqlite3";
import pg from "pg";
import { parseConfig } from "../../src/config/load.ts";
import { silentLogger } from "../../src/log/create-logger.ts";
import { createApp } from "../../src/main.ts";
import { waitFor } from "../e2e/delivery/harness.ts";
import { killAll, killChild, startChild } from "../e2e/delivery/kill-process.ts";
import { type FeedServer, type RouteResponse, startFeedServer } from "../fakes/feed-server.ts";
import { seededRandom } from "../support/random.ts";

const databaseUrl = process.env.DATABASE_URL ?? "";
const longRounds = Number(process.env.WW_KILL_ROUNDS ?? "") || null;
const CHILD = "test/e2e/delivery/poll-kill-child.ts";
const FEEDS = 12;
const DESTINATIONS = ["console", "slack:C0POLLKILL"];

interface Item {
  link: string;
  xml: string;
  /** Published after the feed's first fetch, and matched by a topic: alerted once per destination. */
  alerted: boolean;
}

/** Loopback feeds that grow while `publishing`: each request answered adds one item to a random feed. */
function growingFeeds(server: FeedServer, random: () => number) {
  const feeds: Item[][] = Array.from({ length: FEEDS }, () => []);
  const word = () =>
    Array.from({ length: 7 }, () => String.fromCharCode(97 + Math.floor(random() * 26))).join("");
  const publish = (f: number, silent: boolean) => {
    const n = feeds[f]?.length ?? 0;
    // Distinct made-up words per item: no two items group as one story (an edit, not a post).
    const matches = random() < 0.6;
    const title = `${word()} ${word()} ${word()}${matches ? " climate" : ""}`;
    const link = `https://news.example/f${f}/${n}`;
    feeds[f]?.push({
      link,
      alerted: matches && !silent,
      xml: `<item><title>${title}</title><link>${link}</link><guid>f${f}-${n}</guid><description>${word()} ${word()}</description></item>`,
    });
  };
  for (let f = 0; f < FEEDS; f++) for (let n = 0; n < 3; n++) publish(f, true);
  const state = { publishing: false };
  /** Per feed, the most items a 200 has carried: what a poller has been shown so far. */
  const served: number[] = Array.from({ length: FEEDS }, () => 0);
  for (let f = 0; f < FEEDS; f++) {
    server.route(`/f/${f}`, (request): RouteResponse => {
      if (state.publishing) publish(Math.floor(random() * FEEDS), false);
      const items = feeds[f] ?? [];
      const etag = `"f${f}-${items.length}"`;
      // Even feeds honour If-None-Match: a kill after a 200 and before its commit leaves the
      // stored ETag the old one, so the refetch gets the items again.
      if (f % 2 === 0 && request.headers["if-none-match"] === etag) return { status: 304, body: "" };
      const body = `<rss version="2.0"><channel><title>Feed ${f}</title>${[...items]
        .reverse()
        .map((i) => i.xml)
        .join("")}</channel></rss>`;
      served[f] = items.length;
      return f % 2 === 0 ? { body, headers: { etag } } : { body };
    });
  }
  return {
    state,
    all: () => feeds.flat(),
    served: () => served.reduce((a, b) => a + b, 0),
    url: (f: number) => server.url(`/f/${f}`),
  };
}

/** A fresh database, its URL for the app, and reads for the assertions. */
interface Backend {
  url: string;
  rows(sql: string): Promise<Record<string, unknown>[]>;
  /** SQLite's own check of the file after the kills ("ok"); null on PostgreSQL. */
  integrity(): string | null;
  dispose(): Promise<void>;
}

function sqliteBackend(dir: string): Backend {
  const path = join(dir, "wirewatch.db");
  const open = () => new Database(path, { readonly: true, fileMustExist: true });
  const withFile = <T>(read: (db: Database.Database) => T): T => {
    const db = open();
    try {
      return read(db);
    } finally {
      db.close();
    }
  };
  return {
    url: `sqlite:${path}`,
    rows: async (sql) => withFile((db) => db.prepare(sql).all() as Record<string, unknown>[]),
    integrity: () => withFile((db) => String(db.pragma("integrity_check", { simple: true }))),
    dispose: async () => {},
  };
}

async function postgresBackend(): Promise<Backend> {
  const schema = `ww_pollkill_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  await admin.query(`CREATE SCHEMA ${schema}`);
  const url = new URL(databaseUrl);
  // The app takes a URL only: the schema goes in as the connection's search_path.
  url.search = `options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  const reader = new pg.Pool({ connectionString: url.toString(), max: 1 });
  return {
    url: url.toString(),
    rows: async (sql) => (await reader.query(sql)).rows,
    integrity: () => null,
    dispose: async () => {
      await reader.end();
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    },
  };
}

const CASES = [
  { backend: "sqlite", kills: 5 },
  { backend: "postgres", kills: 4 },
] as const;

for (const c of CASES) {
  const kills = longRounds ?? c.kills;
  const skip = c.backend === "postgres" && databaseUrl === "" ? "DATABASE_URL is unset" : false;
  test(`kill -9 of the poller ${kills} times on ${c.backend}: every new item stored once, alerted once`, {
    skip,
  }, async (t) => {
    const dir = mkdtempSync(join(tmpdir(), "ww-pollkill-"));
    const server = await startFeedServer();
    const db = c.backend === "sqlite" ? sqliteBackend(dir) : await postgresBackend();
    const random = seededRandom(20261207);
    try {
      const feeds = growingFeeds(server, random);
      const configFile = join(dir, "ww.yaml");
      const yaml = [
        `database: "${db.url}"`,
        // Several fetches in flight: SQLite's groups hold more than one fetch.
        "poll: { global: 8, perHost: 8 }",
        "feeds:",
        ...Array.from({ length: FEEDS }, (_, f) => `  - url: "${feeds.url(f)}"`),
        "topics:",
        `  - { name: climate, rule: climate, notify: [${DESTINATIONS.map((d) => `{ channel: "${d}" }`).join(", ")}] }`,
      ].join("\n");
      writeFileSync(configFile, yaml);

      // The first fetch of every feed, clean: its items are stored as seen, nothing alerted.
      const seed = await createApp(parseConfig(yaml, configFile), { logger: silentLogger, write: () => {} });
      await seed.pollOnce({ all: true });
      await seed.close();
      assert.equal((await db.rows("SELECT id FROM outbox")).length, 0, "the first fetch alerts nothing");
      assert.equal((await db.rows("SELECT id FROM items")).length, FEEDS * 3, "the first fetch stores");

      const stored = async () => Number((await db.rows("SELECT COUNT(*) AS n FROM items"))[0]?.n);
      const storedAtKill: number[] = [];
      /**
       * Items the server had sent (the child may not have read them all) that were not committed
       * when the kill came: they must be fetched again.
       */
      const uncommittedAtKill: number[] = [];
      const env = { WW_POLL_CONFIG: configFile };
      for (let round = 0; round < kills; round++) {
        const { child, ready } = startChild(env, CHILD);
        await ready;
        feeds.state.publishing = true;
        // Kill while it polls: after 1 to 3 cycles' worth of requests, at a random moment
        // (the first cycle of a new process is slow: parse workers, stemmers loaded on first use;
        // a kill in it alone would never find a commit done).
        const before = server.requests.length;
        const fetches = 1 + Math.floor(random() * FEEDS * 3);
        await waitFor(() => server.requests.length >= before + fetches, 60_000);
        await new Promise((r) => setTimeout(r, random() * 100));
        await killChild(child);
        feeds.state.publishing = false;
        storedAtKill.push(await stored());
        uncommittedAtKill.push(feeds.served() - (storedAtKill.at(-1) ?? 0));
      }

      // One run to the end: until every item is stored, then one more cycle of every feed
      // (a late duplicate would show there).
      const { child, ready } = startChild(env, CHILD);
      await ready;
      try {
        const published = feeds.all().length;
        await waitFor(async () => (await stored()) >= published, 120_000);
        const settled = server.requests.length;
        await waitFor(() => server.requests.length >= settled + FEEDS * 2, 60_000);
      } finally {
        await killChild(child);
      }

      const items = feeds.all();
      const storedLinks = new Map<string, number>();
      for (const row of await db.rows("SELECT link FROM items"))
        storedLinks.set(String(row.link), (storedLinks.get(String(row.link)) ?? 0) + 1);
      const outbox = await db.rows("SELECT destination, kind, message FROM outbox");
      // One alert row names its item's link (the message JSON holds it as written in the feed).
      const alerts = new Map<string, number>();
      for (const row of outbox) {
        const link = /https:\/\/news\.example\/f\d+\/\d+/.exec(String(row.message))?.[0] ?? "?";
        const key = `${row.destination} ${row.kind} ${link}`;
        alerts.set(key, (alerts.get(key) ?? 0) + 1);
      }
      let lost = 0;
      let duplicated = 0;
      let expected = 0;
      const problems: string[] = [];
      for (const item of items) {
        const times = storedLinks.get(item.link) ?? 0;
        if (times !== 1) problems.push(`${item.link} stored ${times} times`);
        for (const destination of DESTINATIONS) {
          const rows = alerts.get(`${destination} post ${item.link}`) ?? 0;
          alerts.delete(`${destination} post ${item.link}`);
          if (!item.alerted) {
            if (rows > 0)
              problems.push(`${item.link} alerted on ${destination} though not new or not matched`);
            continue;
          }
          expected += 1;
          if (rows === 0) lost += 1;
          if (rows > 1) duplicated += rows - 1;
          if (rows !== 1) problems.push(`${item.link} has ${rows} alert rows on ${destination}`);
        }
      }
      for (const [key, rows] of alerts) problems.push(`unexpected outbox rows: ${key} (${rows})`);
      const integrity = db.integrity();
      t.diagnostic(
        `poll/${c.backend}: ${kills} kills, ${items.length} items (${items.length - FEEDS * 3} published during the kills), ` +
          `${expected} alerts expected, ${outbox.length} outbox rows, ${lost} lost, ${duplicated} duplicated; ` +
          `integrity ${integrity ?? "n/a"}; items sent by the server but not committed at each kill: ` +
          `${uncommittedAtKill.join(",")}; ` +
          `items stored after each kill: ${storedAtKill.join(",")}`,
      );
      assert.deepEqual(problems.slice(0, 20), [], `${problems.length} problems`);
      assert.equal(outbox.length, expected, "one outbox row per alert, nothing else");
      if (integrity !== null) assert.equal(integrity, "ok");
    } finally {
      await killAll();
      await server.close();
      await db.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
