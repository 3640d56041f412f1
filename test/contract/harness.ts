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
import type { Store } from "../../src/core/ports.ts";
import { createPostgresStore } from "../../src/store/postgres/index.ts";
import { createSqliteStore } from "../../src/store/sqlite/index.ts";

export interface Opened {
  store: Store;
  /** Another store on the same database: a restart, or a second process. */
  another(): Store;
}

export interface Harness {
  backend: "sqlite" | "postgres";
  open(options?: { leaseSeconds?: number }): Promise<Opened>;
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
      return { store: createSqliteStore(file, options), another: () => createSqliteStore(file, options) };
    },
    async cleanup() {
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    },
  };
}

function postgresHarness(): Harness & { cleanup(): Promise<void> } {
  const schemas: string[] = [];
  let admin: pg.Pool | null = null;
  return {
    backend: "postgres",
    async open(options = {}) {
      admin ??= new pg.Pool({ connectionString: databaseUrl, max: 2 });
      const schema = `ww_test_${randomBytes(6).toString("hex")}`;
      await admin.query(`CREATE SCHEMA ${schema}`);
      schemas.push(schema);
      const make = () => createPostgresStore(databaseUrl, { ...options, schema, poolSize: 4 });
      return { store: make(), another: make };
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
