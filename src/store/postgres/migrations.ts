/**
 * PostgreSQL schema, append-only like SQLite's (same tables and column names, so the
 * row mappers are shared). Instants are ISO text, as in the `Store` port, so both
 * backends compare them the same way. A session advisory lock serialises migration
 * between processes; each migration commits together with its `schema_migrations` row.
 */
import type { PgDb } from "./db.ts";

export interface PgMigration {
  version: number;
  name: string;
  sql: string;
}

export const PG_MIGRATIONS: readonly PgMigration[] = [
  {
    version: 1,
    name: "initial",
    sql: `
CREATE TABLE feeds (
  id BIGSERIAL PRIMARY KEY,
  url TEXT NOT NULL,
  scope TEXT,
  scope_key TEXT NOT NULL DEFAULT '',
  name TEXT,
  title TEXT,
  origin TEXT NOT NULL CHECK (origin IN ('config', 'chat')),
  added_by TEXT,
  every_seconds INTEGER NOT NULL,
  identity TEXT NOT NULL DEFAULT 'guid',
  initialized BOOLEAN NOT NULL DEFAULT FALSE,
  etag TEXT,
  last_modified TEXT,
  last_fetch_at TEXT,
  last_status INTEGER,
  last_error_code TEXT,
  last_new_item_at TEXT,
  next_poll_at TEXT NOT NULL,
  consecutive_errors INTEGER NOT NULL DEFAULT 0,
  failing_since TEXT,
  disabled BOOLEAN NOT NULL DEFAULT FALSE,
  item_count INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  UNIQUE (url, scope_key)
);
CREATE INDEX feeds_due ON feeds (disabled, next_poll_at);

CREATE TABLE items (
  id BIGSERIAL PRIMARY KEY,
  feed_id BIGINT NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
  key TEXT NOT NULL,
  title TEXT NOT NULL,
  summary TEXT NOT NULL,
  content TEXT NOT NULL,
  link TEXT,
  author TEXT,
  categories TEXT NOT NULL,
  published_at TEXT,
  updated_at TEXT,
  lang TEXT,
  source TEXT NOT NULL,
  source_key TEXT NOT NULL,
  first_seen_at TEXT NOT NULL,
  sort_at TEXT NOT NULL,
  -- Folded in TypeScript (search-text.ts), so no dependency on the unaccent extension.
  search_vec TSVECTOR NOT NULL,
  UNIQUE (feed_id, key)
);
CREATE INDEX items_link ON items (link);
CREATE INDEX items_sort ON items (sort_at);
CREATE INDEX items_source_sort ON items (source_key, sort_at);
CREATE INDEX items_search ON items USING GIN (search_vec);

CREATE TABLE outbox (
  id BIGSERIAL PRIMARY KEY,
  destination TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('post', 'edit')),
  message TEXT NOT NULL,
  message_kind TEXT NOT NULL,
  edit_of BIGINT REFERENCES outbox (id) ON DELETE CASCADE,
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'parked')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  lease_until TEXT,
  created_at TEXT NOT NULL,
  sent_at TEXT,
  platform_ref TEXT,
  last_error TEXT
);
CREATE INDEX outbox_pending ON outbox (state, next_attempt_at);
CREATE INDEX outbox_destination ON outbox (destination, state);
CREATE INDEX outbox_edit_of ON outbox (edit_of);

CREATE TABLE stories (
  id BIGSERIAL PRIMARY KEY,
  outbox_id BIGINT NOT NULL UNIQUE REFERENCES outbox (id) ON DELETE CASCADE,
  destination TEXT NOT NULL,
  signature TEXT NOT NULL,
  sources TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX stories_recent ON stories (destination, created_at);

CREATE TABLE digest_entries (
  id BIGSERIAL PRIMARY KEY,
  destination TEXT NOT NULL,
  topic_id TEXT NOT NULL,
  item_id BIGINT NOT NULL REFERENCES items (id) ON DELETE CASCADE,
  matched_at TEXT NOT NULL,
  signature TEXT,
  consumed_window TEXT,
  UNIQUE (destination, topic_id, item_id)
);
CREATE INDEX digest_entries_pending ON digest_entries (destination, consumed_window, matched_at);
CREATE INDEX digest_entries_item ON digest_entries (item_id);

CREATE TABLE digest_windows (
  destination TEXT NOT NULL,
  window_end TEXT NOT NULL,
  sent_at TEXT NOT NULL,
  PRIMARY KEY (destination, window_end)
);

CREATE TABLE topics (
  id BIGSERIAL PRIMARY KEY,
  scope TEXT,
  channel TEXT NOT NULL,
  name TEXT NOT NULL,
  rule TEXT NOT NULL,
  paused BOOLEAN NOT NULL DEFAULT FALSE,
  digest TEXT,
  mentions TEXT NOT NULL,
  created_by TEXT,
  created_at TEXT NOT NULL,
  UNIQUE (channel, name)
);

CREATE TABLE topic_matches (
  topic_id TEXT PRIMARY KEY,
  last_match_at TEXT NOT NULL
);

CREATE TABLE parked_destinations (
  destination TEXT PRIMARY KEY,
  reason TEXT NOT NULL
);

CREATE TABLE events (
  id BIGSERIAL PRIMARY KEY,
  kind TEXT NOT NULL,
  actor TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX events_count ON events (kind, actor, at);
`,
  },
  {
    version: 2,
    name: "story topics",
    sql: "ALTER TABLE stories ADD COLUMN topics TEXT NOT NULL DEFAULT '[]';",
  },
  {
    version: 3,
    name: "story reports and thread replies",
    sql: `ALTER TABLE stories ADD COLUMN reports TEXT NOT NULL DEFAULT '[]';
ALTER TABLE outbox ADD COLUMN reply_to BIGINT REFERENCES outbox (id) ON DELETE CASCADE;
CREATE INDEX outbox_reply_to ON outbox (reply_to);`,
  },
  {
    version: 4,
    name: "item keys",
    // Identity is per item now, with aliases (see feeds/normalise/identity.ts). Items stored
    // before keep their key, and their link as an alias, so nothing replays on upgrade.
    sql: `
CREATE TABLE item_keys (
  feed_id BIGINT NOT NULL,
  key TEXT NOT NULL,
  item_id BIGINT NOT NULL REFERENCES items (id) ON DELETE CASCADE,
  PRIMARY KEY (feed_id, key, item_id)
);
CREATE INDEX item_keys_item ON item_keys (item_id, key);
INSERT INTO item_keys (feed_id, key, item_id) SELECT feed_id, key, id FROM items;
INSERT INTO item_keys (feed_id, key, item_id)
  SELECT feed_id, 'l:' || link, id FROM items WHERE link IS NOT NULL ON CONFLICT DO NOTHING;
`,
  },
  {
    version: 5,
    name: "item media",
    // `enclosures` is a JSON array of {url, type, length}; rows from before hold none.
    sql: `ALTER TABLE items ADD COLUMN image TEXT;
ALTER TABLE items ADD COLUMN enclosures TEXT NOT NULL DEFAULT '[]';`,
  },
  {
    version: 6,
    name: "feed language override",
    // feeds[].language or `lang:` on feeds add: overrides the declared and detected languages.
    sql: "ALTER TABLE feeds ADD COLUMN language TEXT;",
  },
  {
    version: 7,
    name: "send pacing",
    // When each destination may next be sent to, shared by every sender on the database.
    sql: "CREATE TABLE send_pacing (destination TEXT PRIMARY KEY, next_send_at TEXT NOT NULL);",
  },
  {
    version: 8,
    name: "handled_requests",
    // Signed chat requests already acted on, kept for their signature window (issue 13.2).
    sql: `CREATE TABLE handled_requests (key TEXT PRIMARY KEY, expires_at TEXT NOT NULL);
CREATE INDEX handled_requests_expires ON handled_requests (expires_at);`,
  },
  {
    version: 9,
    name: "topic match hours",
    // Matches per topic per UTC hour ("2026-12-07T05"): `wirewatch stats` sums the last 24 h
    // and 7 d. Hour buckets keep it one row per topic and hour, however many items match.
    sql: `CREATE TABLE topic_match_hours (
  topic_id TEXT NOT NULL,
  hour TEXT NOT NULL,
  matches INTEGER NOT NULL,
  PRIMARY KEY (topic_id, hour)
);
CREATE INDEX topic_match_hours_hour ON topic_match_hours (hour);`,
  },
  {
    version: 10,
    name: "websub subscriptions",
    // No foreign key on feed_id: a removed feed's subscription stays until the hub confirms the unsubscribe.
    sql: `CREATE TABLE websub_subscriptions (
  token TEXT PRIMARY KEY,
  feed_id INTEGER NOT NULL,
  hub TEXT NOT NULL,
  topic TEXT NOT NULL,
  secret TEXT NOT NULL,
  state TEXT NOT NULL,
  lease_seconds INTEGER NOT NULL,
  requested_at TEXT NOT NULL,
  expires_at TEXT
);`,
  },
  {
    version: 11,
    name: "tenants",
    // Slack installations are sealed (AES-256-GCM) before they reach the store; pending
    // tenant removals wait out a grace period (a Discord guild the bot was removed from).
    sql: `CREATE TABLE slack_installations (
  team_key TEXT PRIMARY KEY,
  sealed TEXT NOT NULL,
  installed_at TEXT NOT NULL
);
CREATE TABLE tenant_removals (
  scope TEXT PRIMARY KEY,
  due_at TEXT NOT NULL,
  requested_at TEXT NOT NULL
);`,
  },
  {
    version: 12,
    name: "digest entry topic ids",
    // `topic_id` held the topics of one entry joined by commas ("config:a,7"); `topic_ids` is
    // an array of them (empty parts dropped, as the readers did). Dropping the old column
    // drops its UNIQUE constraint, which is made again over the array.
    sql: `ALTER TABLE digest_entries ADD COLUMN topic_ids TEXT[];
UPDATE digest_entries SET topic_ids = array_remove(string_to_array(topic_id, ','), '');
ALTER TABLE digest_entries ALTER COLUMN topic_ids SET NOT NULL;
ALTER TABLE digest_entries DROP COLUMN topic_id;
ALTER TABLE digest_entries ADD CONSTRAINT digest_entries_destination_topic_ids_item_id_key
  UNIQUE (destination, topic_ids, item_id);`,
  },
  {
    version: 13,
    name: "topic templates",
    // The name of a config template (`watch … template:`); null: Wirewatch's own rendering.
    sql: "ALTER TABLE topics ADD COLUMN template TEXT;",
  },
  {
    version: 14,
    name: "actions, personal alerts, feed health notices",
    // Issue 14: Mute 24 h (per destination and topic), personal alerts (`owner`: the user
    // whose DM receives a topic), feed health notices (where a feed's alerts went, where a
    // chat feed was added, and which notices were sent, so a restart does not send again).
    // Instant alerts before this leave no trace of their feed; digest entries do.
    sql: `CREATE TABLE topic_mutes (
  destination TEXT NOT NULL,
  topic_id TEXT NOT NULL,
  until TEXT NOT NULL,
  muted_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (destination, topic_id)
);
CREATE INDEX topic_mutes_until ON topic_mutes (until);
ALTER TABLE topics ADD COLUMN owner TEXT;
ALTER TABLE feeds ADD COLUMN added_in TEXT;
CREATE TABLE feed_destinations (
  feed_id BIGINT NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
  destination TEXT NOT NULL,
  last_alert_at TEXT NOT NULL,
  PRIMARY KEY (feed_id, destination)
);
INSERT INTO feed_destinations (feed_id, destination, last_alert_at)
  SELECT i.feed_id, d.destination, max(d.matched_at) FROM digest_entries d
  JOIN items i ON i.id = d.item_id GROUP BY i.feed_id, d.destination;
CREATE TABLE feed_health_notices (
  feed_id BIGINT NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
  reason TEXT NOT NULL,
  episode TEXT NOT NULL,
  sent_at TEXT NOT NULL,
  PRIMARY KEY (feed_id, reason, episode)
);`,
  },
];

export async function migratePostgres(
  db: PgDb,
  migrations: readonly PgMigration[] = PG_MIGRATIONS,
): Promise<void> {
  const client = await db.pool.connect();
  try {
    // Keyed by schema, so test runs in separate schemas do not wait for each other.
    await client.query("SELECT pg_advisory_lock(hashtext('wirewatch:migrate:' || current_schema()))");
    try {
      await client.query(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
      );
      const done = new Set(
        (await client.query("SELECT version FROM schema_migrations")).rows.map((r) => Number(r.version)),
      );
      for (const m of migrations) {
        if (done.has(m.version)) continue;
        await client.query("BEGIN");
        try {
          await client.query(m.sql);
          await client.query(
            `INSERT INTO schema_migrations (version, name, applied_at)
             VALUES ($1, $2, to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`,
            [m.version, m.name],
          );
          await client.query("COMMIT");
        } catch (error) {
          await client.query("ROLLBACK").catch(() => undefined);
          throw error;
        }
      }
    } finally {
      await client.query("SELECT pg_advisory_unlock(hashtext('wirewatch:migrate:' || current_schema()))");
    }
  } finally {
    client.release();
  }
}
