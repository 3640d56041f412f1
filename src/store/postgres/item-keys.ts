/**
 * Item identity keys on PostgreSQL: every key and alias an item was filed under (`item_keys`),
 * and the lookup `core/item-identity.ts` decides from. Same rules as SQLite's item-keys.ts.
 */
import type { Item } from "../../core/item.ts";
import type { KnownItem, LearnedKeys } from "../../core/item-identity.ts";
import { KNOWN_ITEMS_COLUMNS, toKnownItem } from "../item-keys-sql.ts";
import type { Queryable } from "./db.ts";

/** Files a new item under its key and aliases (inside the caller's transaction). */
export async function fileItemKeysPg(
  q: Queryable,
  feedId: number,
  itemId: number,
  item: Item,
): Promise<void> {
  await q.run(
    `INSERT INTO item_keys (feed_id, key, item_id)
     SELECT $1, k, $2 FROM unnest($3::text[]) AS k ON CONFLICT DO NOTHING`,
    [feedId, itemId, [...new Set([item.key, ...(item.aliases ?? [])])]],
  );
}

/** Files keys on items of this feed already stored; an id of another feed files nothing. */
export async function learnItemKeysPg(q: Queryable, feedId: number, learned: LearnedKeys[]): Promise<void> {
  for (const { itemId, keys } of learned) {
    await q.run(
      `INSERT INTO item_keys (feed_id, key, item_id)
       SELECT i.feed_id, k, i.id FROM items i, unnest($3::text[]) AS k WHERE i.id = $2 AND i.feed_id = $1
       ON CONFLICT DO NOTHING`,
      [feedId, itemId, keys],
    );
  }
}

export async function knownItemsPg(q: Queryable, feedId: number, keys: string[]): Promise<KnownItem[]> {
  if (keys.length === 0) return [];
  const rows = await q.rows(
    `WITH asked AS (SELECT DISTINCT unnest($2::text[]) AS key),
     sole AS (
       SELECT k.key, min(k.item_id) AS item_id FROM item_keys k JOIN asked a ON a.key = k.key
       WHERE k.feed_id = $1 GROUP BY k.key HAVING count(*) = 1
     )
     SELECT ${KNOWN_ITEMS_COLUMNS},
       (SELECT coalesce(json_agg(s.key), '[]') FROM sole s WHERE s.item_id = i.id) AS sole_keys,
       (SELECT coalesce(json_agg(g.key), '[]') FROM item_keys g
         WHERE g.item_id = i.id AND left(g.key, 2) = 'g:') AS guid_keys
     FROM items i
     WHERE i.id IN (SELECT item_id FROM sole)
        OR (i.feed_id = $1 AND i.key IN (SELECT key FROM asked))
     ORDER BY i.id`,
    [feedId, keys],
  );
  return rows.map(toKnownItem);
}
