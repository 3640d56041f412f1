/**
 * Upgrade tests: a database migrated up to just before one named migration, filled with rows
 * as the older code wrote them, then opened by today's store (which runs the rest of the
 * migrations) and checked. SQLite always; PostgreSQL when DATABASE_URL is set, in a fresh
 * schema dropped after.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import Database from "better-sqlite3";
import { createPgDb, type PgDb } from "../../src/store/postgres/db.ts";
import { createPostgresStore } from "../../src/store/postgres/index.ts";
import { migratePostgres, PG_MIGRATIONS } from "../../src/store/postgres/migrations.ts";
import { createSqliteStore } from "../../src/store/sqlite/index.ts";
import { migrateSqlite, SQLITE_MIGRATIONS } from "../../src/store/sqlite/migrations.ts";
import type { Store } from "../../src/store/store.ts";

/** The migrations that ran before `name` (the one under test). */
const before = <T extends { name: string }>(list: readonly T[], name: string): T[] =>
  list.slice(
    0,
    list.findIndex((m) => m.name === name),
  );

export function upgradeTests(options: {
  /** The migration under test, by name. */
  migration: string;
  /** What the tests prove, after "sqlite: " / "postgres: ". */
  title: string;
  /** Rows as the older code wrote them. */
  seedSqlite(db: Database.Database): void;
  seedPostgres(db: PgDb): Promise<void>;
  /** Checks today's store (already opened on the old database; `migrate` not yet run). */
  check(store: Store): Promise<void>;
}): void {
  test(`sqlite: ${options.title}`, async () => {
    const dir = mkdtempSync(join(tmpdir(), "ww-upgrade-"));
    try {
      const file = join(dir, "old.db");
      const db = new Database(file);
      migrateSqlite(db, before(SQLITE_MIGRATIONS, options.migration));
      options.seedSqlite(db);
      db.close();
      const store = createSqliteStore(file);
      await options.check(store);
      await store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  const url = process.env.DATABASE_URL ?? "";
  test(`postgres: ${options.title}`, {
    skip: url === "" ? "DATABASE_URL is unset: PostgreSQL run skipped" : false,
  }, async () => {
    const schema = `ww_test_${randomBytes(6).toString("hex")}`;
    const admin = createPgDb(url);
    await admin.run(`CREATE SCHEMA ${schema}`);
    try {
      const db = createPgDb(url, { schema });
      await migratePostgres(db, before(PG_MIGRATIONS, options.migration));
      await options.seedPostgres(db);
      await db.pool.end();
      const store = createPostgresStore(url, { schema });
      await options.check(store);
      await store.close();
    } finally {
      await admin.run(`DROP SCHEMA ${schema} CASCADE`);
      await admin.pool.end();
    }
  });
}
