/**
 * The FTS5 index is written in batches, not item by item. FTS5 gathers a transaction's
 * terms in a hash, writes them out as a new segment (sorted) and keeps merging segments:
 * few large segments cost far less than many small ones. Measured on the ingest bench's
 * 40,000 items (bench/README.md): indexing each fetch's items alone took 2.1–3.1 s of the
 * store's CPU against 1.3–1.4 s for batches of 500; FTS5's own work fell from ~1.15 s to
 * ~0.77 s with batches of 4,000 and a hash of 8 MB (migration 19: at the default 1 MB, FTS5
 * wrote out its hash every ~600 items whatever the batch).
 *
 * Items commit with their fetch; `search_index_state` holds the id up to which they are
 * indexed, and `flush` indexes every item above it, read back from `items` (source_key is
 * the folded source). Ids only grow (AUTOINCREMENT, one writer at a time), so the
 * watermark misses nothing, after a crash or from another process.
 *
 * Search stays exact: it flushes before every FTS query. The poller flushes at the end of
 * each cycle, a fetch's transaction once a batch has built up, the store as it opens (what
 * a crashed process left) and close() what is left.
 *
 * The text of the items this store wrote is kept until they are indexed (`add`), so a flush
 * reads back only their ids: turning the text back into strings was ~7 % of storing an item
 * (callgrind, bench/README.md 2026-12-07 night). A batch is due at BATCH items or at
 * BATCH_CHARS characters of kept text, whichever comes first, so long articles do not pile
 * up in memory. What the open transaction added is dropped if it rolls back (the group
 * commit says so): the ids may then go to another writer's items, which are read back like
 * every item this store did not write.
 */
import type Database from "better-sqlite3";
import type { Item } from "../../core/item.ts";
import { foldSearchText } from "../search-text.ts";

/** Items indexed at once by a fetch's transaction; a search pays at most this many (~70 ms). */
export const BATCH = 4000;
/** Characters of kept text that make a batch due sooner (~8 MB at most, kept as strings). */
export const BATCH_CHARS = 4_000_000;
/** Items read from `items` at a time while indexing. */
const CHUNK = 1000;

export interface SqliteSearchIndex {
  /** An item stored in the caller's transaction; `source`: its folded source. */
  add(id: number, item: Item, source: string): void;
  /** `count` items were stored in the caller's transaction: indexes them once a batch is due. */
  stored(count: number): void;
  /** The caller's transaction committed, or rolled back (what it added is forgotten). */
  ended(committed: boolean): void;
  /** Indexes every stored item not indexed yet (its own transaction, or the caller's). */
  flush(): void;
}

export function sqliteSearchIndex(db: Database.Database): SqliteSearchIndex {
  // Two subqueries: max(id) is SQLite's O(1) lookup, so a search that finds nothing to do
  // takes no write lock.
  const behind = db.prepare(
    "SELECT coalesce((SELECT max(id) FROM items), 0) > (SELECT indexed_through FROM search_index_state) AS n",
  );
  const watermark = db.prepare("SELECT indexed_through FROM search_index_state").pluck();
  const unindexed = db.prepare("SELECT id FROM items WHERE id > ? ORDER BY id LIMIT ?").pluck();
  const textOf = db.prepare("SELECT title, summary, content, source_key FROM items WHERE id = ?").raw();
  const insert = db.prepare(
    "INSERT INTO items_fts (rowid, title, summary, content, source) VALUES (?, ?, ?, ?, ?)",
  );
  const advance = db.prepare("UPDATE search_index_state SET indexed_through = ?");
  let pending = 0;
  let pendingChars = 0;
  /** Texts of items this store added and did not index yet: [title, summary, content, source]. */
  const texts = new Map<number, [string, string, string, string]>();
  /** The ids added in the open transaction. */
  let uncommitted: number[] = [];
  const index = () => {
    const from = watermark.get() as number;
    let last = from;
    // Read in chunks: after migration 18 every stored item is indexed again, and reading
    // them at once would hold all their text in memory.
    for (let read = CHUNK; read === CHUNK; ) {
      const ids = unindexed.all(last, CHUNK) as number[];
      for (const id of ids) {
        const [title, summary, content, source] =
          texts.get(id) ?? (textOf.get(id) as [string, string, string, string]);
        insert.run(id, foldSearchText(title), foldSearchText(summary), foldSearchText(content), source);
        last = id;
      }
      read = ids.length;
    }
    if (last > from) advance.run(last);
    // Those indexed go; so do those gone before their turn (an item deleted meanwhile).
    for (const id of texts.keys()) if (id <= last) texts.delete(id);
    pending = 0;
    pendingChars = 0;
  };
  // Inside a caller's transaction the body runs as is: a nested transaction is a savepoint,
  // which journals every page it changes (see items.ts).
  const indexAlone = db.transaction(index);
  const flush = () => {
    if ((behind.get() as { n: number }).n === 0) return;
    if (db.inTransaction) index();
    else indexAlone.immediate();
  };
  return {
    add(id, item, source) {
      texts.set(id, [item.title, item.summary, item.content, source]);
      pendingChars += item.title.length + item.summary.length + item.content.length;
      uncommitted.push(id);
    },
    stored(count) {
      pending += count;
      if (pending >= BATCH || pendingChars >= BATCH_CHARS) flush();
    },
    ended(committed) {
      if (!committed) for (const id of uncommitted) texts.delete(id);
      uncommitted = [];
    },
    flush,
  };
}
