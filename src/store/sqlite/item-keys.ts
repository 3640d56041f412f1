/**
 * Item identity keys on SQLite: every key and alias an item was filed under (`item_keys`),
 * and the lookup `core/item-identity.ts` decides from. The store decides nothing: it files
 * what it is given and answers which stored item alone carries a key.
 */
import type Database from "better-sqlite3";
import type { Item } from "../../core/item.ts";
import type { KnownItem, LearnedKeys } from "../../core/item-identity.ts";
import { assembleKnownItems, KNOWN_ITEM_COLUMNS } from "../item-keys-sql.ts";
import type { Row } from "../rows.ts";

export interface SqliteItemKeys {
  /** Files a new item under its key and aliases (inside the caller's transaction). */
  file(feedId: number, itemId: number, item: Item): void;
  /** Files keys on items of this feed already stored; an id of another feed files nothing. */
  learn(feedId: number, learned: LearnedKeys[]): void;
  knownItems(feedId: number, keys: string[]): Promise<KnownItem[]>;
}

export function sqliteItemKeys(db: Database.Database): SqliteItemKeys {
  // All of an item's keys in one statement (items have ~4): a statement run costs about
  // as much as filing one key in the table.
  const fileStatements: Database.Statement[] = [];
  const fileN = (n: number) =>
    (fileStatements[n] ??= db.prepare(
      `INSERT INTO item_keys (feed_id, key, item_id) VALUES ${Array.from({ length: n }, () => "(?, ?, ?)").join(", ")}
       ON CONFLICT DO NOTHING`,
    ));
  const values: unknown[] = [];
  const learn = db.prepare(`INSERT INTO item_keys (feed_id, key, item_id)
    SELECT feed_id, ?, id FROM items WHERE id = ? AND feed_id = ? ON CONFLICT DO NOTHING`);
  // Two owners are enough to know a key proves nothing: at most two rows per asked key, all
  // keys in one statement (one per key cost a fetch of 20 items ~80 statements).
  const ownersOf = db.prepare(`SELECT key, item_id FROM (
      SELECT key, item_id, row_number() OVER (PARTITION BY key) AS n FROM item_keys
      WHERE feed_id = ? AND key IN (SELECT value FROM json_each(?))
    ) WHERE n <= 2`);
  const primaries = db.prepare(
    "SELECT id FROM items WHERE feed_id = ? AND key IN (SELECT value FROM json_each(?))",
  );
  const items = db.prepare(
    `SELECT ${KNOWN_ITEM_COLUMNS} FROM items WHERE id IN (SELECT value FROM json_each(?))`,
  );
  // Keys are filed for a feed's stored items only (and go with them): a feed with none,
  // as on its first fetch, knows no key, and one indexed probe answers for every key.
  const anyStored = db.prepare("SELECT EXISTS (SELECT 1 FROM items WHERE feed_id = ?)").pluck();
  // substr, not a key range: a range would walk every GUID key of the table instead of the ids.
  const guids = db.prepare(`SELECT item_id, key FROM item_keys
    WHERE item_id IN (SELECT value FROM json_each(?)) AND substr(key, 1, 2) = 'g:'`);
  return {
    file(feedId, itemId, item) {
      values.length = 0;
      values.push(feedId, item.key, itemId);
      // A repeated key files once (ON CONFLICT), as a Set did.
      for (const alias of item.aliases ?? []) values.push(feedId, alias, itemId);
      fileN(values.length / 3).run(values);
    },
    learn(feedId, learned) {
      for (const { itemId, keys } of learned) for (const key of keys) learn.run(key, itemId, feedId);
    },
    async knownItems(feedId, keys) {
      const asked = [...new Set(keys)];
      if (asked.length === 0 || anyStored.get(feedId) === 0) return [];
      return assembleKnownItems({
        owners: ownersOf.all(feedId, JSON.stringify(asked)) as Row[],
        primaries: primaries.all(feedId, JSON.stringify(asked)) as Row[],
        items: async (ids) => ({
          items: items.all(JSON.stringify(ids)) as Row[],
          guids: guids.all(JSON.stringify(ids)) as Row[],
        }),
      });
    },
  };
}
