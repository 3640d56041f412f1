import { AppError } from "../../core/errors.ts";
import type { Item } from "../../core/item.ts";
import type { LearnedKeys } from "../../core/item-identity.ts";
import type { AlertDraft, FetchState } from "../../core/ports.ts";
import { ITEM_COLUMNS, itemValues, num, toItem } from "../rows.ts";
import { foldSearchText } from "../search-text.ts";
import { ITEM_SELECT, visibleTo } from "../shared-sql.ts";
import type { Store } from "../store.ts";
import { createAlertPg } from "./alerts.ts";
import type { PgDb, Queryable } from "./db.ts";
import { recordFetchPg } from "./feeds.ts";
import { fileItemKeysPg, knownItemsPg, learnItemKeysPg } from "./item-keys.ts";

type ItemMethods = Pick<
  Store,
  "unseenKeys" | "knownItems" | "commitFetch" | "getItem" | "findItemByLink" | "recentItems"
>;

const INSERT_ITEM = `INSERT INTO items (${ITEM_COLUMNS.join(", ")}, search_vec)
  VALUES (${ITEM_COLUMNS.map((_, i) => `$${i + 1}`).join(", ")}, to_tsvector('simple', $${ITEM_COLUMNS.length + 1}))
  ON CONFLICT (feed_id, key) DO NOTHING RETURNING id`;

/** Everything the search index holds for an item, folded, in one text. */
export function searchDocument(item: Item): string {
  return [item.title, item.summary, item.content, item.source].map(foldSearchText).join(" ");
}

async function commit(q: Queryable, feedId: number, state: FetchState, items: Item[], drafts: AlertDraft[]) {
  // Row lock on the feed: two pollers committing the same feed run one after the other.
  const feed = await q.one("SELECT id FROM feeds WHERE id = $1 FOR UPDATE", [feedId]);
  if (feed === undefined) throw new AppError("feed_not_found", `no feed with id ${feedId}`);
  await recordFetchPg(q, feedId, state);
  const inserted = new Map<string, { id: number; item: Item }>();
  for (const item of items) {
    const values = [...itemValues(feedId, item, state.at, foldSearchText(item.source)), searchDocument(item)];
    const row = await q.one(INSERT_ITEM, values);
    if (row === undefined) continue;
    inserted.set(item.key, { id: num(row.id), item });
    await fileItemKeysPg(q, feedId, num(row.id), item);
  }
  await q.run(
    `UPDATE feeds SET
       initialized = CASE WHEN $2 THEN TRUE ELSE initialized END,
       item_count = item_count + $3,
       last_new_item_at = CASE WHEN $3 > 0 THEN $4 ELSE last_new_item_at END
     WHERE id = $1`,
    [feedId, state.errorCode === null, inserted.size, state.at],
  );
  for (const draft of drafts) {
    const hit = inserted.get(draft.itemKey);
    if (hit !== undefined) await createAlertPg(q, draft, hit.id, feedId, state.at);
  }
  return inserted.size;
}

export function pgItems(db: PgDb): ItemMethods {
  return {
    async unseenKeys(feedId, keys) {
      const rows = await db.rows("SELECT key FROM items WHERE feed_id = $1 AND key = ANY($2::text[])", [
        feedId,
        keys,
      ]);
      const known = new Set(rows.map((r) => String(r.key)));
      return new Set(keys.filter((k) => !known.has(k)));
    },
    async knownItems(feedId, keys) {
      return knownItemsPg(db, feedId, keys);
    },
    async commitFetch(feedId, state, items, drafts, learned: LearnedKeys[] = []) {
      return db.tx(async (q) => {
        const count = await commit(q, feedId, state, items, drafts);
        await learnItemKeysPg(q, feedId, learned);
        return count;
      });
    },
    async getItem(id) {
      const row = await db.one(`SELECT ${ITEM_SELECT} FROM items WHERE id = $1`, [id]);
      return row ? toItem(row) : null;
    },
    async findItemByLink(link, tenant = null) {
      const row = await db.one(
        `SELECT ${ITEM_SELECT} FROM items WHERE link = $1 AND ${visibleTo("$2")} ORDER BY id DESC LIMIT 1`,
        [link, tenant],
      );
      return row ? toItem(row) : null;
    },
    async recentItems(since, limit, tenant = null) {
      const rows = await db.rows(
        `SELECT ${ITEM_SELECT} FROM items WHERE sort_at >= $1 AND ${visibleTo("$3")}
         ORDER BY sort_at DESC, id DESC LIMIT $2`,
        [since, limit, tenant],
      );
      return rows.map(toItem);
    },
  };
}
