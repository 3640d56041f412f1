/**
 * Upgrade to one story-state document: story records stored before the "story state as one
 * document" migration, whose sources, topics and reports were columns of their own, come
 * back afterwards with the same state, and a story written since keeps every field of its
 * state. Runs on SQLite always and on PostgreSQL when DATABASE_URL is set (in a fresh
 * schema, dropped after).
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import Database from "better-sqlite3";
import { createPgDb } from "../../src/store/postgres/db.ts";
import { createPostgresStore } from "../../src/store/postgres/index.ts";
import { migratePostgres, PG_MIGRATIONS } from "../../src/store/postgres/migrations.ts";
import { createSqliteStore } from "../../src/store/sqlite/index.ts";
import { migrateSqlite, SQLITE_MIGRATIONS } from "../../src/store/sqlite/migrations.ts";
import type { Store } from "../../src/store/store.ts";

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

const before = <T extends { name: string }>(list: readonly T[]): T[] =>
  list.slice(
    0,
    list.findIndex((m) => m.name === "story state as one document"),
  );

test("sqlite: story records stored in columns of their own keep their state after the upgrade", async () => {
  const dir = mkdtempSync(join(tmpdir(), "ww-story-state-"));
  try {
    const file = join(dir, "old.db");
    const db = new Database(file);
    migrateSqlite(db, before(SQLITE_MIGRATIONS));
    db.exec(OUTBOX_SQL);
    db.prepare(STORY_SQL.replace(/\$\d/g, "?")).run(...OLD);
    db.close();
    const store = createSqliteStore(file);
    await assertUpgraded(store);
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

const url = process.env.DATABASE_URL ?? "";
test("postgres: story records stored in columns of their own keep their state after the upgrade", {
  skip: url === "" ? "DATABASE_URL is unset: PostgreSQL run skipped" : false,
}, async () => {
  const schema = `ww_test_${randomBytes(6).toString("hex")}`;
  const admin = createPgDb(url);
  await admin.run(`CREATE SCHEMA ${schema}`);
  try {
    const db = createPgDb(url, { schema });
    await migratePostgres(db, before(PG_MIGRATIONS));
    await db.run(OUTBOX_SQL);
    await db.run(STORY_SQL, OLD);
    await db.pool.end();
    const store = createPostgresStore(url, { schema });
    await assertUpgraded(store);
    await store.close();
  } finally {
    await admin.run(`DROP SCHEMA ${schema} CASCADE`);
    await admin.pool.end();
  }
});
