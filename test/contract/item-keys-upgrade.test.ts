/**
 * Upgrade to per-item identity: items stored under the old per-feed keys (`g:`, `l:`, `h:`)
 * before the "item keys" migration are recognised afterwards, so nothing replays. Runs on
 * SQLite always and on PostgreSQL when DATABASE_URL is set (in a fresh schema, dropped after).
 */
import assert from "node:assert/strict";
import type { Item } from "../../src/core/item.ts";
import { recogniseItems } from "../../src/core/item-identity.ts";
import { assignIdentities, hashKey } from "../../src/feeds/normalise/identity.ts";
import type { Store } from "../../src/store/store.ts";
import { upgradeTests } from "./upgrade-harness.ts";

const D = "2026-11-01T10:00:00.000Z";
const S = "Example";
/** What the old per-feed identity stored: a GUID feed, then link mode, then hash mode. */
const OLD = [
  { key: "g:1", title: "One", link: "https://x.example/1" },
  { key: "l:https://x.example/2", title: "Two", link: "https://x.example/2" },
  { key: `h:${hashKey("Three", S)}`, title: "Three", link: "https://x.example/" },
  { key: `h:${hashKey("Four", S)}`, title: "Four", link: "https://x.example/" },
  { key: `h:${hashKey("Five", S)}`, title: "Five", link: null },
];
const FEED_SQL = `INSERT INTO feeds (url, origin, every_seconds, next_poll_at, created_at, initialized)
  VALUES ('https://x.example/rss', 'config', 600, '${D}', '${D}', ${"$TRUE"})`;
const ITEM_SQL = (search: string) => `INSERT INTO items
  (feed_id, key, title, summary, content, link, categories, published_at, source, source_key, first_seen_at, sort_at${search ? ", search_vec" : ""})
  VALUES (1, $1, $2, '', '', $3, '[]', '${D}', '${S}', 'example', '${D}', '${D}'${search})`;

/** The same entries as they come now: GUIDs everywhere but on the homepage-linked ones. */
function fetchNow(): Item[] {
  const inputs = [
    { guid: "1", link: "https://x.example/1", title: "One" },
    { guid: "2", link: "https://x.example/2", title: "Two" },
    { guid: null, link: "https://x.example/", title: "Three" },
    { guid: null, link: "https://x.example/", title: "Four" },
    { guid: "5", link: null, title: "Five" },
  ].map((e) => ({ ...e, summary: "", publishedAt: D, source: S }));
  return assignIdentities(inputs).map(({ key, aliases }, i) => ({
    key,
    aliases,
    title: inputs[i]?.title ?? "",
    summary: "",
    content: "",
    link: inputs[i]?.link ?? null,
    author: null,
    categories: [],
    publishedAt: D,
    updatedAt: null,
    lang: null,
    source: S,
  }));
}

async function assertNoReplay(store: Store): Promise<void> {
  await store.migrate();
  const items = fetchNow();
  const known = await store.knownItems(
    1,
    items.flatMap((i) => [i.key, ...(i.aliases ?? [])]),
  );
  const { fresh, learned } = recogniseItems(items, known);
  assert.deepEqual(
    fresh.map((i) => i.title),
    [],
  );
  assert.equal(learned.length, 5, "each old item learns its new keys");
}

upgradeTests({
  migration: "item keys",
  title: "items stored before per-item identity are recognised after the upgrade",
  seedSqlite(db) {
    db.exec(FEED_SQL.replace("$TRUE", "1"));
    const insert = db.prepare(ITEM_SQL("").replace(/\$\d/g, "?"));
    for (const old of OLD) insert.run(old.key, old.title, old.link);
  },
  async seedPostgres(db) {
    await db.run(FEED_SQL.replace("$TRUE", "TRUE"));
    for (const old of OLD)
      await db.run(ITEM_SQL(", to_tsvector('simple', '')"), [old.key, old.title, old.link]);
  },
  check: assertNoReplay,
});
