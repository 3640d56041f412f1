/**
 * Upgrade to one story-state document: story records stored before the "story state as one
 * document" migration, whose sources, topics and reports were columns of their own, come
 * back afterwards with the same state, and a story written since keeps every field of its
 * state. Runs on SQLite always and on PostgreSQL when DATABASE_URL is set (in a fresh
 * schema, dropped after).
 */
import assert from "node:assert/strict";
import type { Store } from "../../src/store/store.ts";
import { upgradeTests } from "./upgrade-harness.ts";

const D = "2026-11-01T10:00:00.000Z";
const DEST = "discord:123456789012345678";
const OUTBOX_SQL = `INSERT INTO outbox (destination, kind, message, message_kind, next_attempt_at, created_at)
  VALUES ('${DEST}', 'post', '{"kind":"alert"}', 'alert', '${D}', '${D}')`;
const STORY_SQL = `INSERT INTO stories (outbox_id, destination, signature, sources, topics, reports, created_at)
  VALUES (1, '${DEST}', '{"v":4}', $1, $2, $3, '${D}')`;
const REPORTS = [
  {
    source: "RFI",
    title: "La Russie et les États-Unis conviennent de «coopérer»",
    link: "https://rfi.example/1",
  },
  { source: "AFP", title: "Russia and US agree to cooperate", link: "https://afp.example/2" },
];
const OLD = [
  JSON.stringify(["RFI", "AFP"]),
  JSON.stringify(["config:russia-us", "7"]),
  JSON.stringify(REPORTS),
];

async function assertUpgraded(store: Store): Promise<void> {
  await store.migrate();
  const [story, ...rest] = await store.recentStories(DEST, "2026-10-01T00:00:00.000Z");
  assert.deepEqual(rest, []);
  assert.deepEqual(story, {
    sources: ["RFI", "AFP"],
    topics: ["config:russia-us", "7"],
    reports: REPORTS,
    outboxId: 1,
    destination: DEST,
    signature: { v: 4 },
    createdAt: D,
  });
}

upgradeTests({
  migration: "story state as one document",
  title: "story records stored in columns of their own keep their state after the upgrade",
  seedSqlite(db) {
    db.exec(OUTBOX_SQL);
    db.prepare(STORY_SQL.replace(/\$\d/g, "?")).run(...OLD);
  },
  async seedPostgres(db) {
    await db.run(OUTBOX_SQL);
    await db.run(STORY_SQL, OLD);
  },
  check: assertUpgraded,
});
