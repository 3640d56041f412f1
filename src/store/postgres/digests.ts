/** PostgreSQL twin of sqlite/digests.ts: the (destination, window_end) key is the exactly-once gate. */

import { toDigestEntry } from "../rows.ts";
import { ENTRY_ITEM_COLUMNS } from "../shared-sql.ts";
import type { Store } from "../store.ts";
import type { PgDb } from "./db.ts";
import { insertPostPg } from "./outbox.ts";

export function pgDigests(
  db: PgDb,
): Pick<Store, "pendingDigestEntries" | "commitDigest" | "lastDigestWindow"> {
  return {
    async pendingDigestEntries(destination, before) {
      const rows = await db.rows(
        `SELECT d.*, ${ENTRY_ITEM_COLUMNS} FROM digest_entries d JOIN items i ON i.id = d.item_id
         WHERE d.destination = $1 AND d.consumed_window IS NULL AND d.matched_at < $2
         ORDER BY d.matched_at, d.id`,
        [destination, before],
      );
      return rows.map(toDigestEntry);
    },
    async commitDigest(destination, windowEnd, entryIds, messages, now) {
      return db.tx(async (q) => {
        const gate = await q.run(
          `INSERT INTO digest_windows (destination, window_end, sent_at) VALUES ($1, $2, $3)
           ON CONFLICT (destination, window_end) DO NOTHING`,
          [destination, windowEnd, now],
        );
        if (gate === 0) return false;
        for (const message of messages) await insertPostPg(q, destination, message, now);
        await q.run(
          `UPDATE digest_entries SET consumed_window = $1
           WHERE destination = $2 AND consumed_window IS NULL AND id = ANY($3::bigint[])`,
          [windowEnd, destination, entryIds],
        );
        return true;
      });
    },
    async lastDigestWindow(destination) {
      const row = await db.one("SELECT max(window_end) AS w FROM digest_windows WHERE destination = $1", [
        destination,
      ]);
      return row?.w === null || row?.w === undefined ? null : String(row.w);
    },
  };
}
