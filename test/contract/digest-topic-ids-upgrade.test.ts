/**
 * Upgrade to typed topic ids: digest entries stored before the "digest entry topic ids"
 * migration, whose `topic_id` joined an entry's topics with commas, come back afterwards as
 * `topicIds` arrays, are still pending and still sent; the unique gate on new entries holds.
 * Runs on SQLite always and on PostgreSQL when DATABASE_URL is set (in a fresh schema,
 * dropped after).
 */
import assert from "node:assert/strict";
import { buildDigestMessages } from "../../src/core/digest/digest.ts";
import type { Store } from "../../src/store/store.ts";
import { upgradeTests } from "./upgrade-harness.ts";

const D = "2026-11-01T10:00:00.000Z";
const LATER = "2026-11-02T10:00:00.000Z";
const DEST = "slack:C0123ABCD";
const FEED_SQL = `INSERT INTO feeds (url, origin, every_seconds, next_poll_at, created_at, initialized)
  VALUES ('https://x.example/rss', 'config', 600, '${D}', '${D}', ${"$TRUE"})`;
const ITEM_SQL = (search: string) => `INSERT INTO items
  (feed_id, key, title, summary, content, link, categories, published_at, source, source_key, first_seen_at, sort_at${search ? ", search_vec" : ""})
  VALUES (1, $1, $2, '', '', $3, '[]', '${D}', 'Example', 'example', '${D}', '${D}'${search})`;
const ENTRY_SQL = `INSERT INTO digest_entries (destination, topic_id, item_id, matched_at, signature)
  VALUES ('${DEST}', $1, $2, '${D}', NULL)`;

/** What the poll stored: one topic, two topics joined, a chat topic's numeric id, and a stray empty part. */
const OLD = [
  { title: "One", topicId: "config:ukraine", expect: ["config:ukraine"] },
  {
    title: "Two",
    topicId: "config:ukraine,config:russia-us",
    expect: ["config:ukraine", "config:russia-us"],
  },
  { title: "Three", topicId: "17", expect: ["17"] },
  { title: "Four", topicId: "config:a,,7", expect: ["config:a", "7"] },
];

async function assertUpgraded(store: Store): Promise<void> {
  await store.migrate();
  const entries = await store.pendingDigestEntries(DEST, LATER);
  assert.deepEqual(
    entries.map((e) => [e.item.title, e.topicIds]),
    OLD.map((o) => [o.title, o.expect]),
  );
  // The upgraded entries build a digest that names each topic, and are consumed by it.
  const [message] = buildDigestMessages(entries, {
    heading: "Digest",
    timezone: "UTC",
    maxEntries: 25,
    windowStart: null,
    windowEnd: LATER,
    mentions: [],
    topics: [{ id: "17", name: "elections" }],
  });
  assert.deepEqual(
    message?.entries.map((e) => e.topics),
    [["ukraine"], ["ukraine", "russia-us"], ["elections"], ["a", "7"]],
  );
  const committed = await store.commitDigest(
    DEST,
    LATER,
    entries.map((e) => e.id),
    message ? [message] : [],
    LATER,
  );
  assert.equal(committed, true);
  assert.deepEqual(await store.pendingDigestEntries(DEST, LATER), []);
}

upgradeTests({
  migration: "digest entry topic ids",
  title: "digest entries stored with comma-joined topic ids are read as arrays after the upgrade",
  seedSqlite(db) {
    db.exec(FEED_SQL.replace("$TRUE", "1"));
    const item = db.prepare(ITEM_SQL("").replace(/\$\d/g, "?"));
    const entry = db.prepare(ENTRY_SQL.replace(/\$\d/g, "?"));
    OLD.forEach((old, i) => {
      item.run(`g:${i}`, old.title, `https://x.example/${i}`);
      entry.run(old.topicId, i + 1);
    });
  },
  async seedPostgres(db) {
    await db.run(FEED_SQL.replace("$TRUE", "TRUE"));
    for (const [i, old] of OLD.entries()) {
      await db.run(ITEM_SQL(", to_tsvector('simple', '')"), [`g:${i}`, old.title, `https://x.example/${i}`]);
      await db.run(ENTRY_SQL, [old.topicId, i + 1]);
    }
  },
  check: assertUpgraded,
});
