import assert from "node:assert/strict";
import { test } from "node:test";
import Database from "better-sqlite3";
import { migrateSqlite, SQLITE_MIGRATIONS } from "./migrations.ts";

function versions(db: Database.Database): number[] {
  return (
    db.prepare("SELECT version FROM schema_migrations ORDER BY version").all() as { version: number }[]
  ).map((r) => r.version);
}

test("migrations are numbered in order without gaps", () => {
  assert.deepEqual(
    SQLITE_MIGRATIONS.map((m) => m.version),
    SQLITE_MIGRATIONS.map((_, i) => i + 1),
  );
});

test("an older database is brought up to date, keeping its data", () => {
  const db = new Database(":memory:");
  migrateSqlite(db, SQLITE_MIGRATIONS.slice(0, 1));
  assert.deepEqual(versions(db), [1]);
  db.prepare("INSERT INTO events (kind, actor, at) VALUES ('k', 'a', 't')").run();
  migrateSqlite(db);
  assert.deepEqual(
    versions(db),
    SQLITE_MIGRATIONS.map((m) => m.version),
  );
  assert.equal((db.prepare("SELECT count(*) AS n FROM events").get() as { n: number }).n, 1);
  migrateSqlite(db);
  assert.equal(versions(db).length, SQLITE_MIGRATIONS.length);
  db.close();
});

test("a failing migration leaves nothing behind and is not recorded", () => {
  const db = new Database(":memory:");
  migrateSqlite(db);
  const broken = [
    ...SQLITE_MIGRATIONS,
    {
      version: 99,
      name: "broken",
      sql: "CREATE TABLE half_done (x INTEGER); INSERT INTO nowhere VALUES (1);",
    },
  ];
  assert.throws(() => migrateSqlite(db, broken), /nowhere/);
  assert.equal(versions(db).includes(99), false);
  assert.equal(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half_done'").get(), undefined);
  db.close();
});
