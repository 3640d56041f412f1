/**
 * Item identity keys on SQLite: every key and alias an item was filed under (`item_keys`),
 * and the lookup `core/item-identity.ts` decides from. The store decides nothing: it files
 * what it is given and answers which stored item alone carries a key.
 */
import type Database from "better-sqlite3";
import type { Item } from "../../core/item.ts";
import type { KnownItem, LearnedKeys } from "../../core/item-identity.ts";
import { KNOWN_ITEMS_COLUMNS, toKnownItem } from "../item-keys-sql.ts";
import type { Row } from "../rows.ts";

export interface SqliteItemKeys {
  /** Files a new item under its key and aliases (inside the caller's transaction). */
  file(feedId: number, itemId: number, item: Item): void;
  /** Files keys on items of this feed already stored; an id of another feed files nothing. */
  learn(feedId: number, learned: LearnedKeys[]): void;
  knownItems(feedId: number, keys: string[]): KnownItem[];
}

export function sqliteItemKeys(db: Database.Database): SqliteItemKeys {
  const file = db.prepare(
    "INSERT INTO item_keys (feed_id, key, item_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
  );
  const learn = db.prepare(`INSERT INTO item_keys (feed_id, key, item_id)
    SELECT feed_id, ?, id FROM items WHERE id = ? AND feed_id = ? ON CONFLICT DO NOTHING`);
  const known = db.prepare(`
    WITH asked (key) AS (SELECT DISTINCT value FROM json_each(@keys)),
    sole AS (
      SELECT k.key, min(k.item_id) AS item_id FROM item_keys k JOIN asked a ON a.key = k.key
      WHERE k.feed_id = @feedId GROUP BY k.key HAVING count(*) = 1
    )
    SELECT ${KNOWN_ITEMS_COLUMNS},
      (SELECT json_group_array(s.key) FROM sole s WHERE s.item_id = i.id) AS sole_keys,
      (SELECT json_group_array(g.key) FROM item_keys g
        WHERE g.item_id = i.id AND substr(g.key, 1, 2) = 'g:') AS guid_keys
    FROM items i
    WHERE i.id IN (SELECT item_id FROM sole)
       OR (i.feed_id = @feedId AND i.key IN (SELECT key FROM asked))
    ORDER BY i.id`);
  return {
    file(feedId, itemId, item) {
      for (const key of new Set([item.key, ...(item.aliases ?? [])])) file.run(feedId, key, itemId);
    },
    learn(feedId, learned) {
      for (const { itemId, keys } of learned) for (const key of keys) learn.run(key, itemId, feedId);
    },
    knownItems(feedId, keys) {
      if (keys.length === 0) return [];
      return (known.all({ feedId, keys: JSON.stringify(keys) }) as Row[]).map(toKnownItem);
    },
  };
}
