import type { FeedInput, FetchState } from "../../core/ports.ts";
import { toFeed } from "../rows.ts";
import type { Store } from "../store.ts";
import type { PgDb, Queryable } from "./db.ts";

/** Same rules as SQLite's: validators kept unless a 2xx replaced them, identity only moves down. */
const RECORD_FETCH_SQL = `
UPDATE feeds SET
  last_fetch_at = $2,
  last_status = $3::int,
  last_error_code = $4,
  etag = CASE WHEN $3::int BETWEEN 200 AND 299 THEN $5 ELSE coalesce($5, etag) END,
  last_modified = CASE WHEN $3::int BETWEEN 200 AND 299 THEN $6 ELSE coalesce($6, last_modified) END,
  next_poll_at = $7,
  consecutive_errors = $8,
  failing_since = $9,
  disabled = $10,
  title = coalesce($11, title),
  identity = CASE
    WHEN identity = 'hash' OR $12 = 'hash' THEN 'hash'
    WHEN identity = 'link' OR $12 = 'link' THEN 'link'
    ELSE 'guid' END
WHERE id = $1`;

export async function recordFetchPg(q: Queryable, feedId: number, s: FetchState): Promise<void> {
  await q.run(RECORD_FETCH_SQL, [
    feedId,
    s.at,
    s.status,
    s.errorCode,
    s.etag,
    s.lastModified,
    s.nextPollAt,
    s.consecutiveErrors,
    s.failingSince,
    s.disabled,
    s.title,
    s.identity,
  ]);
}

type FeedMethods = Pick<
  Store,
  | "upsertFeed"
  | "upsertFeeds"
  | "getFeed"
  | "findFeedByUrl"
  | "listFeeds"
  | "claimDueFeeds"
  | "removeFeed"
  | "recordFetch"
>;

export function pgFeeds(db: PgDb): FeedMethods {
  return {
    async upsertFeed(input, now) {
      const row = await db.one(
        `INSERT INTO feeds (url, scope, scope_key, name, origin, added_by, every_seconds, next_poll_at, created_at, language, added_in)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9, $10)
         ON CONFLICT (url, scope_key) DO UPDATE
           SET name = excluded.name, every_seconds = excluded.every_seconds, language = excluded.language
         RETURNING *`,
        [
          input.url,
          input.scope,
          input.scope ?? "",
          input.name,
          input.origin,
          input.addedBy,
          input.everySeconds,
          now,
          input.language ?? null,
          input.addedIn ?? null,
        ],
      );
      if (row === undefined) throw new Error("upsert returned no row");
      return toFeed(row);
    },
    async upsertFeeds(inputs, now) {
      // One statement: a row may be touched once, so a URL given twice keeps its first place
      // and its last values, as upserting one after another would leave it.
      const rows = new Map<string, FeedInput>();
      for (const input of inputs) rows.set(`${input.scope ?? ""}\n${input.url}`, input);
      if (rows.size === 0) return;
      const all = [...rows.values()];
      const column = <T>(pick: (input: FeedInput) => T): T[] => all.map(pick);
      await db.run(
        `INSERT INTO feeds (url, scope, scope_key, name, origin, added_by, every_seconds, next_poll_at, created_at, language, added_in)
         SELECT f.url, f.scope, coalesce(f.scope, ''), f.name, f.origin, f.added_by, f.every_seconds, $9, $9, f.language, f.added_in
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[], $8::text[])
           WITH ORDINALITY AS f(url, scope, name, origin, added_by, every_seconds, language, added_in, n)
         ORDER BY f.n
         ON CONFLICT (url, scope_key) DO UPDATE
           SET name = excluded.name, every_seconds = excluded.every_seconds, language = excluded.language
           WHERE (feeds.name, feeds.every_seconds, feeds.language)
             IS DISTINCT FROM (excluded.name, excluded.every_seconds, excluded.language)`,
        [
          column((f) => f.url),
          column((f) => f.scope),
          column((f) => f.name),
          column((f) => f.origin),
          column((f) => f.addedBy),
          column((f) => f.everySeconds),
          column((f) => f.language ?? null),
          column((f) => f.addedIn ?? null),
          now,
        ],
      );
    },
    async getFeed(id) {
      const row = await db.one("SELECT * FROM feeds WHERE id = $1", [id]);
      return row ? toFeed(row) : null;
    },
    async findFeedByUrl(url, scope) {
      const row = await db.one("SELECT * FROM feeds WHERE url = $1 AND scope_key = $2", [url, scope ?? ""]);
      return row ? toFeed(row) : null;
    },
    async listFeeds(filter) {
      const rows = await db.rows(
        `SELECT * FROM feeds WHERE ($1::text IS NULL OR origin = $1) AND ($2::text IS NULL OR scope = $2) ORDER BY id`,
        [filter?.origin ?? null, filter?.scope ?? null],
      );
      return rows.map(toFeed);
    },
    async claimDueFeeds(now, limit, leaseUntil) {
      // SKIP LOCKED: two processes claiming at once get different feeds, neither waits.
      const rows = await db.rows(
        `WITH due AS (
           SELECT id, next_poll_at AS was FROM feeds WHERE NOT disabled AND next_poll_at <= $1
           ORDER BY next_poll_at, id LIMIT $2 FOR UPDATE SKIP LOCKED)
         UPDATE feeds SET next_poll_at = $3 FROM due WHERE feeds.id = due.id
         RETURNING feeds.*, due.was`,
        [now, limit, leaseUntil],
      );
      rows.sort((a, b) => String(a.was).localeCompare(String(b.was)) || Number(a.id) - Number(b.id));
      return rows.map(toFeed);
    },
    async removeFeed(id) {
      await db.run("DELETE FROM feeds WHERE id = $1", [id]);
    },
    async recordFetch(feedId, state) {
      await recordFetchPg(db, feedId, state);
    },
  };
}
