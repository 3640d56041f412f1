import type Database from "better-sqlite3";
import type { FeedInput, FeedRecord, FetchState } from "../../core/ports.ts";
import { type Row, toFeed } from "../rows.ts";
import type { Store } from "../store.ts";
import type { GroupCommit } from "./group-commit.ts";

/**
 * Validators (ETag, Last-Modified) are replaced only by a real 2xx answer: a 304 or a
 * failure that carries none keeps the ones we have. Identity only moves down
 * guid → link → hash, whatever the caller passes.
 */
export const RECORD_FETCH_SQL = `
UPDATE feeds SET
  last_fetch_at = @at,
  last_status = @status,
  last_error_code = @errorCode,
  etag = CASE WHEN @status BETWEEN 200 AND 299 THEN @etag ELSE coalesce(@etag, etag) END,
  last_modified = CASE WHEN @status BETWEEN 200 AND 299 THEN @lastModified ELSE coalesce(@lastModified, last_modified) END,
  next_poll_at = @nextPollAt,
  consecutive_errors = @consecutiveErrors,
  failing_since = @failingSince,
  disabled = @disabled,
  title = coalesce(@title, title),
  identity = CASE
    WHEN identity = 'hash' OR @identity = 'hash' THEN 'hash'
    WHEN identity = 'link' OR @identity = 'link' THEN 'link'
    ELSE 'guid' END
WHERE id = @id`;

export function fetchParams(feedId: number, s: FetchState): Record<string, unknown> {
  return { ...s, id: feedId, disabled: s.disabled ? 1 : 0 };
}

function upsertParams(input: FeedInput, now: string): Record<string, unknown> {
  return {
    ...input,
    language: input.language ?? null,
    addedIn: input.addedIn ?? null,
    scopeKey: input.scope ?? "",
    now,
  };
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

export function sqliteFeeds(db: Database.Database, group: GroupCommit): FeedMethods {
  const upsert = db.prepare(`
    INSERT INTO feeds (url, scope, scope_key, name, origin, added_by, added_in, every_seconds, language, next_poll_at, created_at)
    VALUES (@url, @scope, @scopeKey, @name, @origin, @addedBy, @addedIn, @everySeconds, @language, @now, @now)
    ON CONFLICT (url, scope_key) DO UPDATE
      SET name = excluded.name, every_seconds = excluded.every_seconds, language = excluded.language
    RETURNING *`);
  // A config feed unchanged since the last start is not rewritten.
  const upsertQuietly = db.prepare(`
    INSERT INTO feeds (url, scope, scope_key, name, origin, added_by, added_in, every_seconds, language, next_poll_at, created_at)
    VALUES (@url, @scope, @scopeKey, @name, @origin, @addedBy, @addedIn, @everySeconds, @language, @now, @now)
    ON CONFLICT (url, scope_key) DO UPDATE
      SET name = excluded.name, every_seconds = excluded.every_seconds, language = excluded.language
      WHERE name IS NOT excluded.name OR every_seconds IS NOT excluded.every_seconds
        OR language IS NOT excluded.language`);
  const upsertAll = db.transaction((inputs: readonly FeedInput[], now: string) => {
    for (const input of inputs) upsertQuietly.run(upsertParams(input, now));
  });
  const byId = db.prepare("SELECT * FROM feeds WHERE id = ?");
  const byUrl = db.prepare("SELECT * FROM feeds WHERE url = ? AND scope_key = ?");
  const list = db.prepare(`SELECT * FROM feeds
    WHERE (@origin IS NULL OR origin = @origin) AND (@scope IS NULL OR scope = @scope) ORDER BY id`);
  const due = db.prepare(
    "SELECT * FROM feeds WHERE disabled = 0 AND next_poll_at <= ? ORDER BY next_poll_at, id LIMIT ?",
  );
  const lease = db.prepare("UPDATE feeds SET next_poll_at = ? WHERE id = ?");
  // One write transaction: a second process waits for it, then sees the leases.
  const claim = db.transaction((now: string, limit: number, leaseUntil: string): Row[] => {
    const rows = due.all(now, limit) as Row[];
    for (const row of rows) {
      lease.run(leaseUntil, row.id);
      row.next_poll_at = leaseUntil;
    }
    return rows;
  });
  const remove = db.prepare("DELETE FROM feeds WHERE id = ?");
  const record = db.prepare(RECORD_FETCH_SQL);

  return {
    async upsertFeed(input: FeedInput, now: string): Promise<FeedRecord> {
      return toFeed(upsert.get(upsertParams(input, now)) as Row);
    },
    async upsertFeeds(inputs, now) {
      upsertAll.immediate(inputs, now);
    },
    async getFeed(id) {
      const row = byId.get(id) as Row | undefined;
      return row ? toFeed(row) : null;
    },
    async findFeedByUrl(url, scope) {
      const row = byUrl.get(url, scope ?? "") as Row | undefined;
      return row ? toFeed(row) : null;
    },
    async listFeeds(filter) {
      const rows = list.all({ origin: filter?.origin ?? null, scope: filter?.scope ?? null }) as Row[];
      return rows.map(toFeed);
    },
    async claimDueFeeds(now, limit, leaseUntil) {
      return claim.immediate(now, limit, leaseUntil).map(toFeed);
    },
    async removeFeed(id) {
      remove.run(id);
    },
    async recordFetch(feedId, state) {
      // A fetch's outcome, as commitFetch's, commits with the group (group-commit.ts).
      group.write(() => record.run(fetchParams(feedId, state)));
    },
  };
}
