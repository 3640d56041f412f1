/**
 * PostgreSQL outbox: same semantics as sqlite/outbox.ts. Claims lock candidate rows with
 * `FOR UPDATE SKIP LOCKED` and lease them in the same statement, so two senders never
 * get the same row; a crashed sender's rows come back after the lease, marked `interrupted`
 * (every outcome clears the lease, so one still set at a claim ran out without one).
 */
import { AppError } from "../../core/errors.ts";
import type { Message } from "../../core/message.ts";
import { addSeconds, num, toOutbox, toOutboxCount, toStory } from "../rows.ts";
import { BACKLOG, OUTBOX_SUMMARY } from "../shared-sql.ts";
import type { Store } from "../store.ts";
import type { PgDb, Queryable } from "./db.ts";

type OutboxMethods = Pick<
  Store,
  | "claimOutbox"
  | "getOutboxRow"
  | "enqueue"
  | "markSent"
  | "markRetry"
  | "releaseOutbox"
  | "outboxBacklog"
  | "outboxSummary"
  | "markParked"
  | "pendingPosts"
  | "foldPosts"
  | "recentStories"
>;

const CLAIM = `
WITH claimed AS (
  SELECT o.id, o.lease_until IS NOT NULL AS interrupted FROM outbox o
  WHERE o.state = 'pending' AND o.next_attempt_at <= $1
    AND (o.lease_until IS NULL OR o.lease_until <= $1)
    AND o.destination NOT IN (SELECT destination FROM parked_destinations)
    AND (o.edit_of IS NULL OR EXISTS (SELECT 1 FROM outbox t WHERE t.id = o.edit_of AND t.state <> 'pending'))
    AND (o.reply_to IS NULL OR EXISTS (SELECT 1 FROM outbox t WHERE t.id = o.reply_to AND t.state <> 'pending'))
  ORDER BY o.id LIMIT $2
  FOR UPDATE OF o SKIP LOCKED
)
UPDATE outbox SET lease_until = $3 FROM claimed WHERE outbox.id = claimed.id
RETURNING outbox.*, claimed.interrupted`;

export async function insertPostPg(q: Queryable, destination: string, message: Message, now: string) {
  const row = await q.one(
    `INSERT INTO outbox (destination, kind, message, message_kind, next_attempt_at, created_at)
     VALUES ($1, 'post', $2, $3, $4, $4) RETURNING id`,
    [destination, JSON.stringify(message), message.kind, now],
  );
  return num(row?.id);
}

export function pgOutbox(db: PgDb, leaseSeconds: number): OutboxMethods {
  return {
    async claimOutbox(now, limit) {
      const rows = await db.rows(CLAIM, [now, limit, addSeconds(now, leaseSeconds)]);
      return rows.map(toOutbox).sort((a, b) => a.id - b.id);
    },
    async getOutboxRow(id) {
      const row = await db.one("SELECT * FROM outbox WHERE id = $1", [id]);
      return row ? toOutbox(row) : null;
    },
    async enqueue(destination, message, now) {
      return insertPostPg(db, destination, message, now);
    },
    async markSent(id, platformRef, now) {
      await db.run(
        "UPDATE outbox SET state = 'sent', platform_ref = $2, sent_at = $3, lease_until = NULL WHERE id = $1",
        [id, platformRef, now],
      );
    },
    async markRetry(id, nextAttemptAt, error) {
      await db.run(
        `UPDATE outbox SET attempts = attempts + 1, next_attempt_at = $2, last_error = $3, lease_until = NULL
         WHERE id = $1 AND state = 'pending'`,
        [id, nextAttemptAt, error],
      );
    },
    async releaseOutbox(ids, nextAttemptAt) {
      if (ids.length === 0) return;
      await db.run(
        `UPDATE outbox SET next_attempt_at = $2, lease_until = NULL
         WHERE id = ANY($1::bigint[]) AND state = 'pending'`,
        [ids, nextAttemptAt],
      );
    },
    async outboxBacklog() {
      const row = await db.one(BACKLOG, []);
      return row === null || row === undefined
        ? { pending: 0, nextDueAt: null, lastError: null }
        : {
            pending: num(row.pending),
            nextDueAt: String(row.due),
            lastError: (row.last_error as string | null) ?? null,
          };
    },
    async outboxSummary() {
      return (await db.rows(OUTBOX_SUMMARY, [])).map(toOutboxCount);
    },
    async markParked(id, error) {
      await db.run(
        "UPDATE outbox SET state = 'parked', last_error = $2, lease_until = NULL WHERE id = $1 AND state = 'pending'",
        [id, error],
      );
    },
    async pendingPosts(destination) {
      const rows = await db.rows(
        // As on SQLite: each with its newest pending edit, without replies of pending alerts.
        `SELECT o.id, o.destination, o.kind, o.edit_of, o.reply_to, o.state, o.attempts,
           o.next_attempt_at, o.created_at, o.platform_ref, o.last_error,
           COALESCE((SELECT e.message FROM outbox e WHERE e.edit_of = o.id AND e.state = 'pending'
             ORDER BY e.id DESC LIMIT 1), o.message) AS message
         FROM outbox o WHERE o.destination = $1 AND o.state = 'pending' AND o.kind = 'post'
         AND o.message_kind = 'alert' AND o.lease_until IS NULL
         AND (o.reply_to IS NULL OR NOT EXISTS (SELECT 1 FROM outbox p WHERE p.id = o.reply_to AND p.state = 'pending'))
         ORDER BY o.id`,
        [destination],
      );
      return rows.map(toOutbox);
    },
    async foldPosts(ids, destination, message, now) {
      const unique = [...new Set(ids)];
      return db.tx(async (q) => {
        const removed = await q.run(
          `DELETE FROM outbox WHERE id = ANY($1::bigint[]) AND destination = $2 AND state = 'pending'
           AND kind = 'post' AND lease_until IS NULL`,
          [unique, destination],
        );
        if (removed !== unique.length) {
          throw new AppError(
            "outbox_conflict",
            `only ${removed} of ${unique.length} posts were still pending`,
          );
        }
        return insertPostPg(q, destination, message, now);
      });
    },
    async recentStories(destination, since) {
      const rows = await db.rows(
        "SELECT * FROM stories WHERE destination = $1 AND created_at >= $2 ORDER BY created_at DESC, id DESC",
        [destination, since],
      );
      return rows.map(toStory);
    },
  };
}
