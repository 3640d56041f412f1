/**
 * The outbox. A claim leases rows (`lease_until`) instead of locking them, so a sender
 * that crashed mid-send gives its rows back after the lease. An edit is claimable only
 * once the message it edits has left the outbox (sent or parked): there is nothing to
 * edit before. Destinations that were parked are not claimed at all.
 */
import type Database from "better-sqlite3";
import { AppError } from "../../core/errors.ts";
import type { Message } from "../../core/message.ts";
import type { OutboxRow } from "../../core/ports.ts";
import { addSeconds, type Row, toOutbox, toOutboxCount, toStory } from "../rows.ts";
import { BACKLOG, OUTBOX_SUMMARY } from "../shared-sql.ts";
import type { Store } from "../store.ts";

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

export const CLAIMABLE = `o.state = 'pending' AND o.next_attempt_at <= @now
  AND (o.lease_until IS NULL OR o.lease_until <= @now)
  AND o.destination NOT IN (SELECT destination FROM parked_destinations)
  AND (o.edit_of IS NULL OR EXISTS (SELECT 1 FROM outbox t WHERE t.id = o.edit_of AND t.state <> 'pending'))
  AND (o.reply_to IS NULL OR EXISTS (SELECT 1 FROM outbox t WHERE t.id = o.reply_to AND t.state <> 'pending'))`;

export function insertPost(db: Database.Database) {
  const stmt =
    db.prepare(`INSERT INTO outbox (destination, kind, message, message_kind, next_attempt_at, created_at)
    VALUES (?, 'post', ?, ?, ?, ?) RETURNING id`);
  return (destination: string, message: Message, now: string): number =>
    (stmt.get(destination, JSON.stringify(message), message.kind, now, now) as { id: number }).id;
}

export function sqliteOutbox(db: Database.Database, leaseSeconds: number): OutboxMethods {
  const claimable = db.prepare(
    `SELECT o.id, o.lease_until IS NOT NULL AS interrupted FROM outbox o WHERE ${CLAIMABLE} ORDER BY o.id LIMIT @limit`,
  );
  const lease = db.prepare("UPDATE outbox SET lease_until = ? WHERE id = ? RETURNING *");
  const byId = db.prepare("SELECT * FROM outbox WHERE id = ?");
  const post = insertPost(db);
  const sent = db.prepare(
    "UPDATE outbox SET state = 'sent', platform_ref = ?, sent_at = ?, lease_until = NULL WHERE id = ?",
  );
  const retry = db.prepare(`UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?,
    lease_until = NULL WHERE id = ? AND state = 'pending'`);
  const release = db.prepare(
    "UPDATE outbox SET next_attempt_at = ?, lease_until = NULL WHERE id = ? AND state = 'pending'",
  );
  const releaseAll = db.transaction((ids: number[], at: string) => {
    for (const id of ids) release.run(at, id);
  });
  const backlog = db.prepare(BACKLOG);
  const summary = db.prepare(OUTBOX_SUMMARY);
  const parked = db.prepare(
    "UPDATE outbox SET state = 'parked', last_error = ?, lease_until = NULL WHERE id = ? AND state = 'pending'",
  );
  // Rows in flight (leased) are not offered for folding: their send may already be under way.
  // Each with its newest pending edit's message (a story grown since), without the thread
  // replies of pending alerts: folding an alert removes its replies, whose headlines it lists.
  const pending = db.prepare(`SELECT o.id, o.destination, o.kind, o.edit_of, o.reply_to, o.state,
    o.attempts, o.next_attempt_at, o.created_at, o.platform_ref, o.last_error,
    COALESCE((SELECT e.message FROM outbox e WHERE e.edit_of = o.id AND e.state = 'pending'
      ORDER BY e.id DESC LIMIT 1), o.message) AS message
    FROM outbox o WHERE o.destination = ? AND o.state = 'pending' AND o.kind = 'post'
    AND o.message_kind = 'alert' AND o.lease_until IS NULL
    AND (o.reply_to IS NULL OR NOT EXISTS (SELECT 1 FROM outbox p WHERE p.id = o.reply_to AND p.state = 'pending'))
    ORDER BY o.id`);
  const removeFolded = db.prepare(`DELETE FROM outbox WHERE id IN (SELECT value FROM json_each(?))
    AND destination = ? AND state = 'pending' AND kind = 'post' AND lease_until IS NULL`);
  const stories = db.prepare(
    "SELECT * FROM stories WHERE destination = ? AND created_at >= ? ORDER BY created_at DESC, id DESC",
  );

  const claim = db.transaction((now: string, limit: number): OutboxRow[] => {
    const until = addSeconds(now, leaseSeconds);
    // Every outcome clears the lease, so a lease still set here ran out without one.
    const ids = claimable.all({ now, limit }) as { id: number; interrupted: number }[];
    return ids.map((r) => toOutbox({ ...(lease.get(until, r.id) as Row), interrupted: r.interrupted }));
  });
  const fold = db.transaction((ids: number[], destination: string, message: Message, now: string): number => {
    const unique = [...new Set(ids)];
    const removed = removeFolded.run(JSON.stringify(unique), destination).changes;
    if (removed !== unique.length) {
      throw new AppError("outbox_conflict", `only ${removed} of ${unique.length} posts were still pending`);
    }
    return post(destination, message, now);
  });

  return {
    async claimOutbox(now, limit) {
      return claim.immediate(now, limit);
    },
    async getOutboxRow(id) {
      const row = byId.get(id) as Row | undefined;
      return row ? toOutbox(row) : null;
    },
    async enqueue(destination, message, now) {
      return post(destination, message, now);
    },
    async markSent(id, platformRef, now) {
      sent.run(platformRef, now, id);
    },
    async markRetry(id, nextAttemptAt, error) {
      retry.run(nextAttemptAt, error, id);
    },
    async releaseOutbox(ids, nextAttemptAt) {
      releaseAll.immediate(ids, nextAttemptAt);
    },
    async outboxBacklog() {
      const row = backlog.get() as { pending: number; due: string; last_error: string | null } | undefined;
      return row === undefined
        ? { pending: 0, nextDueAt: null, lastError: null }
        : { pending: row.pending, nextDueAt: row.due, lastError: row.last_error };
    },
    async outboxSummary() {
      return (summary.all() as Row[]).map(toOutboxCount);
    },
    async markParked(id, error) {
      parked.run(error, id);
    },
    async pendingPosts(destination) {
      return (pending.all(destination) as Row[]).map(toOutbox);
    },
    async foldPosts(ids, destination, message, now) {
      return fold.immediate(ids, destination, message, now);
    },
    async recentStories(destination, since) {
      return (stories.all(destination, since) as Row[]).map(toStory);
    },
  };
}
