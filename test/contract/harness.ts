/**
 * Runs one contract suite against every store backend: SQLite in a temp file always,
 * PostgreSQL when DATABASE_URL is set (each store in a fresh `ww_test_<random>` schema,
 * dropped at the end), otherwise that run is skipped with the reason printed.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, afterEach, describe } from "node:test";
import pg from "pg";
import { createPostgresStore } from "../../src/store/postgres/index.ts";
import { createSqliteStore } from "../../src/store/sqlite/index.ts";
import type { Store } from "../../src/store/store.ts";

export interface Opened {
  store: Store;
  /** Another store on the same database: a restart, or a second process. */
  another(): Store;
}

export interface Harness {
  backend: "sqlite" | "postgres";
  /** A store on an empty database; `fresh` also means never migrated (else it may be reused, emptied). */
  open(options?: { leaseSeconds?: number; fresh?: boolean }): Promise<Opened>;
}

const databaseUrl = process.env.DATABASE_URL ?? "";
const pgSkip: string | false =
  databaseUrl === "" ? "DATABASE_URL is unset: PostgreSQL contract run skipped" : false;

function sqliteHarness(): Harness & { cleanup(): Promise<void> } {
  const dirs: string[] = [];
  return {
    backend: "sqlite",
    async open(options = {}) {
      const dir = mkdtempSync(join(tmpdir(), "ww-store-"));
      dirs.push(dir);
      const file = join(dir, "wirewatch.db");
      const make = () => createSqliteStore(file, { leaseSeconds: options.leaseSeconds ?? 60 });
      return { store: make(), another: make };
    },
    async cleanup() {
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    },
  };
}

function postgresHarness(): Harness & { cleanup(): Promise<void> } {
  const schemas: string[] = [];
  let shared: string | null = null;
  let admin: pg.Pool | null = null;
  return {
    backend: "postgres",
    async open(options = {}) {
      admin ??= new pg.Pool({ connectionString: databaseUrl, max: 2 });
      const pool = admin;
      const make = (schema: string) => () =>
        createPostgresStore(databaseUrl, { leaseSeconds: options.leaseSeconds ?? 60, schema, poolSize: 4 });
      const fresh = async () => {
        const schema = `ww_test_${randomBytes(6).toString("hex")}`;
        await pool.query(`CREATE SCHEMA ${schema}`);
        schemas.push(schema);
        return schema;
      };
      if (options.fresh) {
        const schema = await fresh();
        return { store: make(schema)(), another: make(schema) };
      }
      // Migrating a schema costs about half a second here: tests share one, emptied before each.
      if (shared === null) {
        shared = await fresh();
        const store = make(shared)();
        await store.migrate();
        await store.close();
      } else {
        const tables = await pool.query(
          "SELECT tablename FROM pg_tables WHERE schemaname = $1 AND tablename <> 'schema_migrations'",
          [shared],
        );
        const names = tables.rows.map((r: { tablename: string }) => `${shared}.${r.tablename}`).join(", ");
        await pool.query(`TRUNCATE ${names} RESTART IDENTITY CASCADE`);
      }
      return { store: make(shared)(), another: make(shared) };
    },
    async cleanup() {
      if (admin === null) return;
      for (const schema of schemas) await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.end();
    },
  };
}

/**
 * `body` registers tests with `it`; every store opened through the harness (and every
 * `another()`) is closed after each test, schemas and temp files after the suite.
 */
export function contract(title: string, body: (h: Harness) => void): void {
  const runs = [
    { name: "sqlite", skip: false as string | false, make: sqliteHarness },
    { name: "postgres", skip: pgSkip, make: postgresHarness },
  ];
  for (const run of runs) {
    describe(`${title} [${run.name}]`, { skip: run.skip }, () => {
      const harness = run.make();
      const open: Store[] = [];
      const track = (s: Store) => {
        open.push(s);
        return s;
      };
      const tracked: Harness = {
        backend: harness.backend,
        async open(options) {
          const opened = await harness.open(options);
          track(opened.store);
          return { store: opened.store, another: () => track(opened.another()) };
        },
      };
      afterEach(async () => {
        for (const s of open.splice(0)) await s.close();
      });
      after(() => harness.cleanup());
      body(tracked);
    });
  }
}
