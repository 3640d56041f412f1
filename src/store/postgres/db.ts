/**
 * A thin layer over a `pg` Pool: plain queries, and transactions on one client that
 * roll back on any error. `schema` pins `search_path` on every connection (the contract
 * suite runs each time in a fresh schema).
 */
import { createRequire } from "node:module";
import type pg from "pg";
import { AppError } from "../../core/errors.ts";
import type { Row } from "../rows.ts";

export interface Queryable {
  rows(sql: string, params?: unknown[]): Promise<Row[]>;
  one(sql: string, params?: unknown[]): Promise<Row | undefined>;
  run(sql: string, params?: unknown[]): Promise<number>;
}

export interface PgDb extends Queryable {
  pool: pg.Pool;
  tx<T>(fn: (q: Queryable) => Promise<T>): Promise<T>;
}

function queryable(c: pg.Pool | pg.PoolClient): Queryable {
  return {
    async rows(sql, params = []) {
      return (await c.query(sql, params)).rows as Row[];
    },
    async one(sql, params = []) {
      return (await c.query(sql, params)).rows[0] as Row | undefined;
    },
    async run(sql, params = []) {
      return (await c.query(sql, params)).rowCount ?? 0;
    },
  };
}

/** `pg` is required when a PostgreSQL store is made: a SQLite process never loads it (~14 MB). */
const loadPg = (): typeof pg => createRequire(import.meta.url)("pg") as typeof pg;

const PLAIN_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function createPgDb(url: string, options: { schema?: string; max?: number } = {}): PgDb {
  const schema = options.schema;
  if (schema !== undefined && !PLAIN_IDENTIFIER.test(schema)) {
    throw new AppError("bad_database_url", `schema name "${schema}" must be a plain identifier`);
  }
  // A startup parameter, so every pooled connection has it before its first query.
  const pool = new (loadPg().Pool)({
    connectionString: url,
    max: options.max ?? 10,
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
  });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on("error", () => undefined);
  return {
    pool,
    ...queryable(pool),
    async tx(fn) {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const result = await fn(queryable(client));
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
  };
}
