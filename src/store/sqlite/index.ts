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
import { createGroupCommit, type GroupCommit } from "./group-commit.ts";
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
 * The open fetch groups (group-commit.ts) per database file, of every store of this process
 * on it: a store settles the others' before it touches the file, or its write would wait
 * (synchronously, up to the busy timeout) for a lock that only this thread can release.
 */
const groupsByFile = new Map<string, Set<GroupCommit>>();

/**
 * What a poll's draft-and-commit calls between two fetches of one group: the fetch's
 * writes, which join the group, and reads that only drafting acts on. Any other method
 * commits the open group first (see group-commit.ts), so no other reader or writer, the
 * deliverer above all, ever works beside an uncommitted fetch.
 */
const IN_GROUP = new Set([
  "commitFetch",
  "recordFetch",
  "knownItems",
  "unseenKeys",
  "activeMutes",
  "recentStories",
  "getOutboxRow",
  "exclusive",
  "durable",
]);

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
  const file = path === ":memory:" ? null : resolve(path);
  // Another store of this process on the file may hold a group open: migrating (or the
  // flush below) would wait for its lock.
  for (const open of file === null ? [] : (groupsByFile.get(file) ?? [])) open.settle();
  // Statements are prepared against the schema, so migrate before building the methods.
  migrateSqlite(db);
  const serial = path === ":memory:" ? createSerial() : (serials.get(resolve(path)) ?? createSerial());
  if (path !== ":memory:") serials.set(resolve(path), serial);
  const searchIndex = sqliteSearchIndex(db);
  // Items a process that crashed stored but did not index yet.
  searchIndex.flush();
  const group = createGroupCommit(db, (committed) => searchIndex.ended(committed));
  const neighbours = file === null ? new Set([group]) : (groupsByFile.get(file) ?? new Set<GroupCommit>());
  neighbours.add(group);
  if (file !== null) groupsByFile.set(file, neighbours);
  let closed = false;
  const store: Store = {
    async migrate() {
      migrateSqlite(db);
    },
    exclusive: serial,
    async flushSearchIndex() {
      searchIndex.flush();
    },
    durable: () => group.durable(),
    async close() {
      if (closed) return;
      closed = true;
      searchIndex.flush();
      neighbours.delete(group);
      db.close();
    },
    ...sqliteFeeds(db, group),
    ...sqliteItems(db, searchIndex, group),
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
  return settlingFirst(store, group, neighbours);
}

/** `store` whose every method first commits the open groups it must not work beside. */
function settlingFirst(store: Store, own: GroupCommit, neighbours: Set<GroupCommit>): Store {
  const guarded: Record<string, unknown> = {};
  for (const [name, method] of Object.entries(store)) {
    if (typeof method !== "function") continue;
    const inGroup = IN_GROUP.has(name);
    guarded[name] = (...args: unknown[]) => {
      for (const group of neighbours) if (!inGroup || group !== own) group.settle();
      return method(...args);
    };
  }
  return guarded as unknown as Store;
}
