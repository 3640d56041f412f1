/**
 * The PostgreSQL store, for running several Wirewatch processes on one database. The
 * schema is migrated (under an advisory lock) before the first method runs, so callers
 * need not call `migrate()` first.
 */

import { createSerial } from "../serial.ts";
import type { Store } from "../store.ts";
import { pgActions } from "./actions.ts";
import { createPgDb } from "./db.ts";
import { pgDigests } from "./digests.ts";
import { pgFeeds } from "./feeds.ts";
import { pgItems } from "./items.ts";
import { migratePostgres } from "./migrations.ts";
import { pgOutbox } from "./outbox.ts";
import { pgPacing } from "./pacing.ts";
import { pgRequests } from "./requests.ts";
import { pgSearch } from "./search.ts";
import { pgTenants } from "./tenants.ts";
import { pgTopics } from "./topics.ts";
import { pgWebSub } from "./websub.ts";

export interface PostgresStoreOptions {
  /** Schema for every table (`search_path`); default: the server's. The contract suite uses a fresh one. */
  schema?: string;
  /** How long a claimed outbox row stays invisible to other claims (a crashed sender). */
  leaseSeconds?: number;
  poolSize?: number;
  /** Newest items search tests before using the index (tests lower it to reach both steps). */
  searchWindow?: number;
}

type Methods = Omit<Store, "migrate" | "close" | "exclusive" | "flushSearchIndex" | "durable">;

export function createPostgresStore(url: string, options: PostgresStoreOptions = {}): Store {
  const db = createPgDb(url, {
    ...(options.schema === undefined ? {} : { schema: options.schema }),
    max: options.poolSize ?? 10,
  });
  let migrated: Promise<void> | null = null;
  const ready = (): Promise<void> => {
    migrated ??= migratePostgres(db).catch((error: unknown) => {
      migrated = null; // let a later call try again (the database may come up later)
      throw error;
    });
    return migrated;
  };
  const methods: Methods = {
    ...pgFeeds(db),
    ...pgItems(db),
    ...pgSearch(db, options.searchWindow),
    ...pgOutbox(db, options.leaseSeconds ?? 60),
    ...pgPacing(db),
    ...pgWebSub(db),
    ...pgActions(db),
    ...pgDigests(db),
    ...pgTopics(db),
    ...pgRequests(db),
    ...pgTenants(db),
  };
  const guarded = Object.fromEntries(
    Object.entries(methods).map(([name, fn]) => [
      name,
      async (...args: unknown[]) => {
        await ready();
        return (fn as (...a: unknown[]) => unknown)(...args);
      },
    ]),
  ) as unknown as Methods;
  const serial = createSerial();
  let closed = false;
  return {
    ...guarded,
    migrate: ready,
    // Each fetch commits in its own transaction before commitFetch/recordFetch resolve.
    durable: async () => {},
    // In this process through a queue (one pooled client waits for the lock at a time),
    // across processes through a session advisory lock per schema, released if we die.
    exclusive: (work) =>
      serial(async () => {
        const client = await db.pool.connect();
        let broken = false;
        try {
          await client.query("SELECT pg_advisory_lock(hashtext('wirewatch:commit:' || current_schema()))");
          try {
            return await work();
          } finally {
            await client
              .query("SELECT pg_advisory_unlock(hashtext('wirewatch:commit:' || current_schema()))")
              .catch(() => {
                broken = true; // closing the connection releases the lock
              });
          }
        } finally {
          client.release(broken);
        }
      }),
    // Each commit updates the tsvector index: nothing waits to be indexed.
    async flushSearchIndex() {},
    async close() {
      if (closed) return;
      closed = true;
      await db.pool.end();
    },
  };
}
