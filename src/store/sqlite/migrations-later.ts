/**
 * SQLite migrations from 18 on (migrations.ts holds 1–17 and the rules they all follow:
 * append-only, each in its own IMMEDIATE transaction with its `schema_migrations` row).
 */
import type { Migration } from "./migrations.ts";

export const LATER_SQLITE_MIGRATIONS: readonly Migration[] = [
  {
    version: 18,
    name: "search index: ascii tokenizer, 2-character prefixes",
    // The index holds our own folded tokens (search-text.ts: lower-case, no diacritics,
    // one per CJK character) separated by single spaces, so `unicode61 remove_diacritics 2`
    // re-did work already done: `ascii` splits them the same way (its word characters are
    // ASCII letters and digits and every non-ASCII character; our tokens have no other).
    // The 3-character prefix index is dropped: it cost a tenth of storing an item
    // (bench/README.md, 2026-12-07) for a 3-letter prefix search that now takes ~30 ms
    // instead of ~15 at 100,000 items. Items are indexed again from `items` by the next
    // flush (search-index.ts, in chunks), which the store runs as it opens.
    sql: `DROP TRIGGER items_fts_delete;
DROP TABLE items_fts;
CREATE VIRTUAL TABLE items_fts USING fts5 (
  title, summary, content, source,
  content = '', contentless_delete = 1,
  tokenize = 'ascii',
  prefix = '2'
);
CREATE TRIGGER items_fts_delete AFTER DELETE ON items
WHEN old.id <= (SELECT indexed_through FROM search_index_state) BEGIN
  DELETE FROM items_fts WHERE rowid = old.id;
END;
UPDATE search_index_state SET indexed_through = 0;`,
  },
  {
    version: 19,
    name: "search index: an 8 MB pending-terms hash",
    // FTS5 writes out the terms it gathers as a segment whenever they pass `hashsize`
    // (1 MB by default: ~600 of the ingest bench's items), whatever the transaction, and
    // every segment is sorted, written and later merged again. At 8 MB a batch of 4,000
    // items is one segment (search-index.ts): FTS5's CPU for 40,000 items fell from ~1.15
    // to ~0.77 s (bench/README.md, 2026-12-08). Kept in the table's own config: every
    // connection, this process's or another's, uses it.
    sql: "INSERT INTO items_fts (items_fts, rank) VALUES ('hashsize', 8388608);",
  },
];
