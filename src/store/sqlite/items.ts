import type Database from "better-sqlite3";
import { AppError } from "../../core/errors.ts";
import type { Item, StoredItem } from "../../core/item.ts";
import type { LearnedKeys } from "../../core/item-identity.ts";
import type { AlertDraft, FetchState } from "../../core/ports.ts";
import { ITEM_COLUMNS, itemValues, type Row, toItem } from "../rows.ts";
import { foldSearchText } from "../search-text.ts";
import type { Store } from "../store.ts";
import { sqliteAlerts } from "./alerts.ts";
import { fetchParams, RECORD_FETCH_SQL } from "./feeds.ts";
import type { GroupCommit } from "./group-commit.ts";
import { sqliteItemKeys } from "./item-keys.ts";
import type { SqliteSearchIndex } from "./search-index.ts";

type ItemMethods = Pick<
  Store,
  "unseenKeys" | "knownItems" | "commitFetch" | "getItem" | "findItemByLink" | "recentItems"
>;

export function sqliteItems(
  db: Database.Database,
  searchIndex: SqliteSearchIndex,
  group: GroupCommit,
): ItemMethods {
  const placeholders = ITEM_COLUMNS.map(() => "?").join(", ");
  const insertItem = db.prepare(
    `INSERT INTO items (${ITEM_COLUMNS.join(", ")}) VALUES (${placeholders})
     ON CONFLICT (feed_id, key) DO NOTHING`,
  );
  const feedState = db.prepare("SELECT initialized FROM feeds WHERE id = ?");
  const record = db.prepare(RECORD_FETCH_SQL);
  const afterCommit = db.prepare(`UPDATE feeds SET
      initialized = CASE WHEN @ok THEN 1 ELSE initialized END,
      item_count = item_count + @count,
      last_new_item_at = CASE WHEN @count > 0 THEN @at ELSE last_new_item_at END
    WHERE id = @id`);
  const seen = db.prepare(
    "SELECT key FROM items WHERE feed_id = ? AND key IN (SELECT value FROM json_each(?))",
  );
  const byId = db.prepare("SELECT * FROM items WHERE id = ?");
  // A tenant (workspace or guild) never sees items of feeds another tenant added.
  const visible =
    "(@tenant IS NULL OR feed_id NOT IN (SELECT id FROM feeds WHERE scope IS NOT NULL AND scope <> @tenant))";
  const byLink = db.prepare(`SELECT * FROM items WHERE link = @link AND ${visible} ORDER BY id DESC LIMIT 1`);
  const recent = db.prepare(
    `SELECT * FROM items WHERE sort_at >= @since AND ${visible} ORDER BY sort_at DESC, id DESC LIMIT @limit`,
  );
  const alerts = sqliteAlerts(db);
  const keys = sqliteItemKeys(db);

  // One fetch's writes, the learned keys included, in the caller's transaction (a group of
  // fetches, group-commit.ts), and no nested one: a savepoint makes SQLite copy each page it
  // first changes into a statement journal (measured: half the ingest rate).
  const writeFetch = (
    feedId: number,
    state: FetchState,
    items: Item[],
    drafts: AlertDraft[],
    learned: LearnedKeys[],
  ) => {
    if (feedState.get(feedId) === undefined)
      throw new AppError("feed_not_found", `no feed with id ${feedId}`);
    record.run(fetchParams(feedId, state));
    const inserted = new Map<string, { id: number; item: Item }>();
    // A fetch's items nearly always share one source name: folded once (`source_key`).
    const folded = new Map<string, string>();
    const foldSource = (source: string): string => {
      const known = folded.get(source);
      if (known !== undefined) return known;
      const text = foldSearchText(source);
      folded.set(source, text);
      return text;
    };
    for (const item of items) {
      const source = foldSource(item.source);
      const { changes, lastInsertRowid } = insertItem.run(...itemValues(feedId, item, state.at, source));
      if (changes === 0) continue;
      const id = Number(lastInsertRowid);
      inserted.set(item.key, { id, item });
      keys.file(feedId, id, item);
      searchIndex.add(id, item, source);
    }
    searchIndex.stored(inserted.size);
    afterCommit.run({
      ok: state.errorCode === null ? 1 : 0,
      count: inserted.size,
      at: state.at,
      id: feedId,
    });
    for (const draft of drafts) {
      const hit = inserted.get(draft.itemKey);
      if (hit !== undefined) alerts.create(draft, hit.id, feedId, state.at);
    }
    // The keys learned for stored items commit with the fetch.
    keys.learn(feedId, learned);
    return inserted.size;
  };

  return {
    async unseenKeys(feedId, keys) {
      const known = new Set((seen.all(feedId, JSON.stringify(keys)) as { key: string }[]).map((r) => r.key));
      return new Set(keys.filter((k) => !known.has(k)));
    },
    knownItems: (feedId, asked) => keys.knownItems(feedId, asked),
    async commitFetch(feedId, state, items, drafts, learned = []) {
      return group.write(() => writeFetch(feedId, state, items, drafts, learned));
    },
    async getItem(id): Promise<StoredItem | null> {
      const row = byId.get(id) as Row | undefined;
      return row ? toItem(row) : null;
    },
    async findItemByLink(link, tenant = null) {
      const row = byLink.get({ link, tenant }) as Row | undefined;
      return row ? toItem(row) : null;
    },
    async recentItems(since, limit, tenant = null) {
      return (recent.all({ since, limit, tenant }) as Row[]).map(toItem);
    },
  };
}
