/**
 * Digest windows. `digest_windows` has one row per (destination, window end): inserting
 * it is the "exactly once" gate, and in the same transaction the messages are queued and
 * the entries consumed, so a crash leaves either all of it or none.
 */
import type Database from "better-sqlite3";
import type { Message } from "../../core/message.ts";
import { type Row, toDigestEntry } from "../rows.ts";
import { ENTRY_ITEM_COLUMNS } from "../shared-sql.ts";
import type { Store } from "../store.ts";
import { insertPost } from "./outbox.ts";

type DigestMethods = Pick<Store, "pendingDigestEntries" | "commitDigest" | "lastDigestWindow">;

export function sqliteDigests(db: Database.Database): DigestMethods {
  const pending = db.prepare(`SELECT d.*, ${ENTRY_ITEM_COLUMNS}
    FROM digest_entries d JOIN items i ON i.id = d.item_id
    WHERE d.destination = ? AND d.consumed_window IS NULL AND d.matched_at < ?
    ORDER BY d.matched_at, d.id`);
  const gate = db.prepare(`INSERT INTO digest_windows (destination, window_end, sent_at) VALUES (?, ?, ?)
    ON CONFLICT (destination, window_end) DO NOTHING`);
  const consume = db.prepare(`UPDATE digest_entries SET consumed_window = ?
    WHERE destination = ? AND consumed_window IS NULL AND id IN (SELECT value FROM json_each(?))`);
  const last = db.prepare("SELECT max(window_end) AS w FROM digest_windows WHERE destination = ?");
  const post = insertPost(db);

  const commit = db.transaction(
    (
      destination: string,
      windowEnd: string,
      entryIds: number[],
      messages: Message[],
      now: string,
    ): boolean => {
      if (gate.run(destination, windowEnd, now).changes === 0) return false;
      for (const message of messages) post(destination, message, now);
      consume.run(windowEnd, destination, JSON.stringify(entryIds));
      return true;
    },
  );

  return {
    async pendingDigestEntries(destination, before) {
      return (pending.all(destination, before) as Row[]).map(toDigestEntry);
    },
    async commitDigest(destination, windowEnd, entryIds, messages, now) {
      return commit.immediate(destination, windowEnd, entryIds, messages, now);
    },
    async lastDigestWindow(destination) {
      const row = last.get(destination) as { w: string | null } | undefined;
      return row?.w ?? null;
    },
  };
}
