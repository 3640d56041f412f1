/**
 * Item identity keys on PostgreSQL: every key and alias an item was filed under (`item_keys`),
 * and the lookup `core/item-identity.ts` decides from. Same rules as SQLite's item-keys.ts.
 */
import type { Item } from "../../core/item.ts";
import type { KnownItem, LearnedKeys } from "../../core/item-identity.ts";
import { assembleKnownItems, KNOWN_ITEM_COLUMNS } from "../item-keys-sql.ts";
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
  const asked = [...new Set(keys)];
  if (asked.length === 0) return [];
  return assembleKnownItems({
    // Two owners are enough to know a key proves nothing.
    owners: await q.rows(
      `SELECT a.key, o.item_id FROM unnest($2::text[]) AS a(key)
       CROSS JOIN LATERAL (SELECT item_id FROM item_keys WHERE feed_id = $1 AND key = a.key LIMIT 2) o`,
      [feedId, asked],
    ),
    primaries: await q.rows("SELECT id FROM items WHERE feed_id = $1 AND key = ANY($2::text[])", [
      feedId,
      asked,
    ]),
    items: async (ids) => ({
      items: await q.rows(`SELECT ${KNOWN_ITEM_COLUMNS} FROM items WHERE id = ANY($1::bigint[])`, [ids]),
      guids: await q.rows(
        "SELECT item_id, key FROM item_keys WHERE item_id = ANY($1::bigint[]) AND left(key, 2) = 'g:'",
        [ids],
      ),
    }),
  });
}
