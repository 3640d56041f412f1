/**
 * The SQLite search index is written in batches (search-index.ts): search must still see
 * every committed item, from this store or another on the same file, after a feed with
 * unindexed items is removed, and on a database that indexed item by item before.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import Database from "better-sqlite3";
import { feedInput } from "../../../test/contract/fixtures.ts";
import { okFetchState } from "../../../test/support/fetch-state.ts";
import { withDatabaseFile } from "../../../test/support/temp-file.ts";
import type { Item } from "../../core/item.ts";
import { createGroupCommit } from "./group-commit.ts";
import { createSqliteStore } from "./index.ts";
import { migrateSqlite, SQLITE_MIGRATIONS } from "./migrations.ts";
import { BATCH, BATCH_CHARS, sqliteSearchIndex } from "./search-index.ts";

const AT = "2026-12-01T10:00:00.000Z";

function item(key: string, title: string): Item {
  return {
    key,
    title,
    summary: "",
    content: "",
    link: null,
    author: null,
    categories: [],
    publishedAt: AT,
    updatedAt: null,
    lang: null,
    source: "Example",
  };
}

const query = (word: string) => ({ terms: [word], since: null, source: null, limit: 1000 });

const withFile = (run: (file: string) => Promise<void>) => withDatabaseFile("ww-search-index-", run);

function integrityCheck(file: string): void {
  const db = new Database(file);
  db.exec("INSERT INTO items_fts (items_fts) VALUES ('integrity-check')");
  db.close();
}

test(
  "another store on the same file finds items this one has not indexed yet",
  withFile(async (file) => {
    const writer = createSqliteStore(file);
    const feed = await writer.upsertFeed(feedInput("https://a.example/rss"), AT);
    await writer.commitFetch(feed.id, okFetchState(AT), [item("a", "Zanzibar talks")], []);
    const reader = createSqliteStore(file);
    assert.deepEqual(
      (await reader.searchItems(query("zanzibar"))).map((i) => i.key),
      ["a"],
    );
    await writer.commitFetch(feed.id, okFetchState(AT), [item("b", "Zanzibar again")], []);
    assert.equal(await reader.countItems(query("zanzibar"), 10), 2);
    assert.equal(await writer.countItems(query("zanzibar"), 10), 2);
    await reader.close();
    await writer.close();
    integrityCheck(file);
  }),
);

test(
  "removing a feed whose items are not indexed yet leaves a sound index",
  withFile(async (file) => {
    const store = createSqliteStore(file);
    const gone = await store.upsertFeed(feedInput("https://gone.example/rss"), AT);
    const kept = await store.upsertFeed(feedInput("https://kept.example/rss"), AT);
    await store.commitFetch(kept.id, okFetchState(AT), [item("k1", "Harbour news")], []);
    await store.flushSearchIndex();
    await store.commitFetch(gone.id, okFetchState(AT), [item("g1", "Harbour gone")], []);
    await store.removeFeed(gone.id);
    await store.commitFetch(kept.id, okFetchState(AT), [item("k2", "Harbour later")], []);
    assert.deepEqual((await store.searchItems(query("harbour"))).map((i) => i.key).sort(), ["k1", "k2"]);
    assert.equal(await store.countItems(query("gone"), 10), 0);
    await store.close();
    integrityCheck(file);
  }),
);

test(
  "a fetch's transaction indexes a full batch itself; close indexes the rest",
  withFile(async (file) => {
    const store = createSqliteStore(file);
    const feed = await store.upsertFeed(feedInput("https://a.example/rss"), AT);
    const many = Array.from({ length: BATCH + 100 }, (_, i) => item(`m${i}`, `Batch item ${i}`));
    await store.commitFetch(feed.id, okFetchState(AT), many, []);
    await store.commitFetch(feed.id, okFetchState(AT), [item("late", "Batch late")], []);
    // Another connection sees the fetches once their group has committed (group-commit.ts).
    await store.durable();
    const db = new Database(file, { readonly: true });
    const through = () => db.prepare("SELECT indexed_through FROM search_index_state").pluck().get();
    assert.equal(through(), BATCH + 100);
    await store.close();
    assert.equal(through(), BATCH + 101);
    db.close();
    integrityCheck(file);
  }),
);

test(
  "long texts make a batch due before it has its count of items",
  withFile(async (file) => {
    const store = createSqliteStore(file);
    const feed = await store.upsertFeed(feedInput("https://a.example/rss"), AT);
    const long = "word ".repeat(Math.ceil(BATCH_CHARS / 5 / 4));
    const articles = Array.from({ length: 4 }, (_, i) => ({
      ...item(`a${i}`, `Article ${i}`),
      content: long,
    }));
    await store.commitFetch(feed.id, okFetchState(AT), articles.slice(0, 3), []);
    await store.durable();
    const db = new Database(file, { readonly: true });
    const through = () => db.prepare("SELECT indexed_through FROM search_index_state").pluck().get();
    assert.equal(through(), 0);
    await store.commitFetch(feed.id, okFetchState(AT), articles.slice(3), []);
    await store.durable();
    assert.equal(through(), 4);
    db.close();
    await store.close();
  }),
);

test(
  "the index gathers 8 MB of terms before it writes a segment, on every connection",
  withFile(async (file) => {
    const store = createSqliteStore(file);
    await store.close();
    const db = new Database(file, { readonly: true });
    assert.equal(db.prepare("SELECT v FROM items_fts_config WHERE k = 'hashsize'").pluck().get(), 8388608);
    db.close();
  }),
);

/** A database migrated only below `version`, holding one config feed (id 1). */
function databaseBefore(file: string, version: number): Database.Database {
  const db = new Database(file);
  migrateSqlite(
    db,
    SQLITE_MIGRATIONS.filter((m) => m.version < version),
  );
  db.exec(`INSERT INTO feeds (url, origin, every_seconds, next_poll_at, created_at)
    VALUES ('https://a.example/rss', 'config', 600, '${AT}', '${AT}')`);
  return db;
}

test(
  "items indexed before the batched index are found once, new items beside them",
  withFile(async (file) => {
    const old = databaseBefore(file, 17);
    old.exec(`INSERT INTO items (feed_id, key, title, summary, content, categories, source, source_key, first_seen_at, sort_at)
      VALUES (1, 'old', 'Lagoon report', '', '', '[]', 'Example', 'example', '${AT}', '${AT}');
      INSERT INTO items_fts (rowid, title, summary, content, source) VALUES (1, 'lagoon report', '', '', 'example');`);
    old.close();
    const store = createSqliteStore(file);
    await store.commitFetch(1, okFetchState(AT), [item("new", "Lagoon update")], []);
    assert.deepEqual((await store.searchItems(query("lagoon"))).map((i) => i.key).sort(), ["new", "old"]);
    assert.equal(await store.countItems(query("lagoon"), 10), 2);
    await store.close();
    integrityCheck(file);
  }),
);

test(
  "migration 18 indexes every stored item again, in chunks, as the store opens",
  withFile(async (file) => {
    const old = databaseBefore(file, 18);
    const insertItem =
      old.prepare(`INSERT INTO items (feed_id, key, title, summary, content, categories, source, source_key, first_seen_at, sort_at)
      VALUES (1, ?, ?, '', '', '[]', 'Example', 'example', '${AT}', '${AT}')`);
    const insertFts = old.prepare(
      "INSERT INTO items_fts (rowid, title, summary, content, source) VALUES (?, ?, '', '', 'example')",
    );
    // More than one chunk (1,000), indexed under the old tokenizer as migration 17 left them.
    old.transaction(() => {
      for (let i = 1; i <= 2_500; i++) {
        insertItem.run(`k${i}`, `Reef survey ${i} États-Unis`);
        insertFts.run(i, `reef survey ${i} etats unis`);
      }
    })();
    old.exec("UPDATE search_index_state SET indexed_through = 2500");
    old.close();
    const store = createSqliteStore(file);
    const db = new Database(file, { readonly: true });
    assert.equal(db.prepare("SELECT indexed_through FROM search_index_state").pluck().get(), 2_500);
    db.close();
    assert.equal(await store.countItems(query("reef"), 10_000), 2_500);
    assert.equal(await store.countItems(query("États-Unis"), 10_000), 2_500);
    assert.equal(await store.countItems(query("su*"), 10_000), 2_500);
    assert.deepEqual(
      (await store.searchItems(query("2345"))).map((i) => i.key),
      ["k2345"],
    );
    await store.close();
    integrityCheck(file);
  }),
);

test(
  "text kept for an item whose transaction rolled back is never indexed for the row that takes its id",
  withFile(async (file) => {
    const store = createSqliteStore(file);
    const feed = await store.upsertFeed(feedInput("https://a.example/rss"), AT);
    await store.close();
    const db = new Database(file);
    const index = sqliteSearchIndex(db);
    const group = createGroupCommit(db, (committed) => index.ended(committed));
    const insertItem =
      db.prepare(`INSERT INTO items (feed_id, key, title, summary, content, categories, source, source_key, first_seen_at, sort_at)
      VALUES (${feed.id}, ?, ?, '', '', '[]', 'Example', 'example', '${AT}', '${AT}')`);
    const store1 = (key: string, title: string) => {
      const id = Number(insertItem.run(key, title).lastInsertRowid);
      index.add(id, item(key, title), "example");
      return id;
    };
    // A write that fails after storing an item: its transaction rolls back.
    assert.throws(() =>
      group.write(() => {
        store1("x", "Mangrove rolled back");
        throw new Error("a failing write");
      }),
    );
    // Another writer's item takes the id; then this store writes and indexes.
    const other = Number(insertItem.run("y", "Estuary kept").lastInsertRowid);
    group.write(() => store1("z", "Delta kept"));
    group.settle();
    index.flush();
    const hits = (word: string) =>
      db.prepare("SELECT rowid FROM items_fts WHERE items_fts MATCH ? ORDER BY rowid").pluck().all(word);
    assert.deepEqual(hits("mangrove"), []);
    assert.deepEqual(hits("estuary"), [other]);
    assert.deepEqual(hits("delta"), [other + 1]);
    db.close();
    integrityCheck(file);
  }),
);

test(
  "a group that rolls back and runs its earlier fetches again indexes their items once",
  withFile(async (file) => {
    const store = createSqliteStore(file);
    const feed = await store.upsertFeed(feedInput("https://a.example/rss"), AT);
    await store.commitFetch(feed.id, okFetchState(AT), [item("a", "Fjord one")], []);
    await assert.rejects(store.commitFetch(999_999, okFetchState(AT), [item("b", "Fjord lost")], []));
    await store.commitFetch(feed.id, okFetchState(AT), [item("c", "Fjord two")], []);
    assert.deepEqual((await store.searchItems(query("fjord"))).map((i) => i.key).sort(), ["a", "c"]);
    await store.close();
    integrityCheck(file);
  }),
);
