/**
 * A thin layer over a `pg` Pool: plain queries, and transactions on one client that
 * roll back on any error. `schema` pins `search_path` on every new connection (the
 * contract suite runs each time in a fresh schema).
 */
import pg from "pg";
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

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
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

export function createPgDb(url: string, options: { schema?: string; max?: number } = {}): PgDb {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10 });
  const schema = options.schema;
  if (schema !== undefined) {
    // Queued before any other query on the new client, so it always runs first.
    pool.on("connect", (client) => {
      client.query(`SET search_path TO ${quoteIdent(schema)}`).catch(() => undefined);
    });
  }
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
