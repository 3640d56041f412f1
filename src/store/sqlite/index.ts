/**
 * The SQLite store: one file, WAL so readers never wait for the poller, a busy timeout
 * so a second process (the CLI while the bot runs) waits instead of failing. better-sqlite3
 * is synchronous; the methods are async only to fit the `Store` port.
 */
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import Database from "better-sqlite3";
import { createSerial, type Serial } from "../serial.ts";
import type { Store } from "../store.ts";
import { sqliteActions } from "./actions.ts";
import { sqliteDigests } from "./digests.ts";
import { sqliteFeeds } from "./feeds.ts";
import { sqliteItems } from "./items.ts";
import { migrateSqlite } from "./migrations.ts";
import { sqliteOutbox } from "./outbox.ts";
import { sqlitePacing } from "./pacing.ts";
import { sqliteRequests } from "./requests.ts";
import { sqliteSearch } from "./search.ts";
import { sqliteSearchIndex } from "./search-index.ts";
import { sqliteTenants } from "./tenants.ts";
import { sqliteTopics } from "./topics.ts";
import { sqliteWebSub } from "./websub.ts";

export interface SqliteStoreOptions {
  /** How long a claimed outbox row stays invisible to other claims (a crashed send). */
  leaseSeconds?: number;
  busyTimeoutMs?: number;
  /** Search switches plans above this many hits (tests lower it to reach every plan). */
  searchDenseHits?: number;
}

/**
 * `exclusive` work per database file, shared by the stores of this process on that file.
 * (Several processes on one SQLite file, the CLI beside the bot, are not serialised: run
 * several instances on PostgreSQL.)
 */
const serials = new Map<string, Serial>();

/**
 * `path` is a file path or `:memory:`. The schema is created on first use of any
 * method; `migrate()` may also be called up front (`wirewatch check-config` does).
 */
export function createSqliteStore(path: string, options: SqliteStoreOptions = {}): Store {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
  db.pragma("foreign_keys = ON");
  db.pragma("synchronous = NORMAL");
  // Statements are prepared against the schema, so migrate before building the methods.
  migrateSqlite(db);
  const serial = path === ":memory:" ? createSerial() : (serials.get(resolve(path)) ?? createSerial());
  if (path !== ":memory:") serials.set(resolve(path), serial);
  const searchIndex = sqliteSearchIndex(db);
  // Items a process that crashed stored but did not index yet.
  searchIndex.flush();
  let closed = false;
  return {
    async migrate() {
      migrateSqlite(db);
    },
    exclusive: serial,
    async flushSearchIndex() {
      searchIndex.flush();
    },
    async close() {
      if (closed) return;
      closed = true;
      searchIndex.flush();
      db.close();
    },
    ...sqliteFeeds(db),
    ...sqliteItems(db, searchIndex),
    ...sqliteSearch(db, searchIndex, options.searchDenseHits),
    ...sqliteOutbox(db, options.leaseSeconds ?? 60),
    ...sqlitePacing(db),
    ...sqliteDigests(db),
    ...sqliteTopics(db),
    ...sqliteRequests(db),
    ...sqliteWebSub(db),
    ...sqliteTenants(db),
    ...sqliteActions(db),
  };
}
