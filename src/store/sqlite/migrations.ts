/**
 * SQLite schema, append-only: a shipped migration is never edited, a change is a new
 * entry. Each runs in its own IMMEDIATE transaction together with its row in
 * `schema_migrations`, so two processes starting at once apply it exactly once.
 */
import type Database from "better-sqlite3";
import { LATER_SQLITE_MIGRATIONS } from "./migrations-later.ts";

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const SQLITE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "initial",
    sql: `
CREATE TABLE feeds (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  url TEXT NOT NULL,
  scope TEXT,
  scope_key TEXT NOT NULL DEFAULT '',
  name TEXT,
  title TEXT,
  origin TEXT NOT NULL CHECK (origin IN ('config', 'chat')),
  added_by TEXT,
  every_seconds INTEGER NOT NULL,
  identity TEXT NOT NULL DEFAULT 'guid',
  initialized INTEGER NOT NULL DEFAULT 0,
  etag TEXT,
  last_modified TEXT,
  last_fetch_at TEXT,
  last_status INTEGER,
  last_error_code TEXT,
  last_new_item_at TEXT,
  next_poll_at TEXT NOT NULL,
  consecutive_errors INTEGER NOT NULL DEFAULT 0,
  failing_since TEXT,
  disabled INTEGER NOT NULL DEFAULT 0,
  item_count INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  UNIQUE (url, scope_key)
);
CREATE INDEX feeds_due ON feeds (disabled, next_poll_at);

CREATE TABLE items (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  feed_id INTEGER NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
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
  UNIQUE (feed_id, key)
);
CREATE INDEX items_link ON items (link);
CREATE INDEX items_sort ON items (sort_at);
CREATE INDEX items_source_sort ON items (source_key, sort_at);

-- Contentless: the store writes folded text (see search-text.ts); rows come from items.
CREATE VIRTUAL TABLE items_fts USING fts5 (
  title, summary, content, source,
  content = '', contentless_delete = 1,
  tokenize = "unicode61 remove_diacritics 2",
  prefix = '2 3'
);
CREATE TRIGGER items_fts_delete AFTER DELETE ON items BEGIN
  DELETE FROM items_fts WHERE rowid = old.id;
END;

CREATE TABLE outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  destination TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('post', 'edit')),
  message TEXT NOT NULL,
  message_kind TEXT NOT NULL,
  edit_of INTEGER REFERENCES outbox (id) ON DELETE CASCADE,
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
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  outbox_id INTEGER NOT NULL UNIQUE REFERENCES outbox (id) ON DELETE CASCADE,
  destination TEXT NOT NULL,
  signature TEXT NOT NULL,
  sources TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX stories_recent ON stories (destination, created_at);

CREATE TABLE digest_entries (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  destination TEXT NOT NULL,
  topic_id TEXT NOT NULL,
  item_id INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
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
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  scope TEXT,
  channel TEXT NOT NULL,
  name TEXT NOT NULL,
  rule TEXT NOT NULL,
  paused INTEGER NOT NULL DEFAULT 0,
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
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL,
  actor TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX events_count ON events (kind, actor, at);
`,
  },
  {
    version: 2,
    name: "search covering index",
    // Search sorts FTS hits by time; `sort_at` sits after the long text columns, so reading
    // it from the table walks overflow pages. This index answers id → (sort_at, source_key).
    sql: "CREATE INDEX items_search_cover ON items (id, sort_at, source_key);",
  },
  {
    version: 3,
    name: "story topics",
    sql: "ALTER TABLE stories ADD COLUMN topics TEXT NOT NULL DEFAULT '[]';",
  },
  {
    version: 4,
    name: "story reports and thread replies",
    // Each report of a story keeps its own headline and link, so an update shows them; a
    // reply is a post in the thread of an earlier alert. A reply goes with its alert when
    // catch-up folds that alert: the folded message lists the reply's headline already.
    sql: `ALTER TABLE stories ADD COLUMN reports TEXT NOT NULL DEFAULT '[]';
ALTER TABLE outbox ADD COLUMN reply_to INTEGER REFERENCES outbox (id) ON DELETE CASCADE;
CREATE INDEX outbox_reply_to ON outbox (reply_to);`,
  },
  {
    version: 5,
    name: "item keys",
    // Identity is per item now, with aliases (see feeds/normalise/identity.ts). Items stored
    // before keep their key, and their link as an alias, so nothing replays on upgrade.
    sql: `
CREATE TABLE item_keys (
  feed_id INTEGER NOT NULL,
  key TEXT NOT NULL,
  item_id INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
  PRIMARY KEY (feed_id, key, item_id)
) WITHOUT ROWID;
CREATE INDEX item_keys_item ON item_keys (item_id, key);
INSERT INTO item_keys (feed_id, key, item_id) SELECT feed_id, key, id FROM items;
INSERT INTO item_keys (feed_id, key, item_id)
  SELECT feed_id, 'l:' || link, id FROM items WHERE link IS NOT NULL ON CONFLICT DO NOTHING;
`,
  },
  {
    version: 6,
    name: "item media",
    // `enclosures` is a JSON array of {url, type, length}; rows from before hold none.
    sql: `ALTER TABLE items ADD COLUMN image TEXT;
ALTER TABLE items ADD COLUMN enclosures TEXT NOT NULL DEFAULT '[]';`,
  },
  {
    version: 7,
    name: "feed language override",
    // feeds[].language or `lang:` on feeds add: overrides the declared and detected languages.
    sql: "ALTER TABLE feeds ADD COLUMN language TEXT;",
  },
  {
    version: 8,
    name: "send pacing",
    // When each destination may next be sent to, shared by every sender on the database.
    sql: "CREATE TABLE send_pacing (destination TEXT PRIMARY KEY, next_send_at TEXT NOT NULL);",
  },
  {
    version: 9,
    name: "handled_requests",
    // Signed chat requests already acted on, kept for their signature window (issue 13.2).
    sql: `CREATE TABLE handled_requests (key TEXT PRIMARY KEY, expires_at TEXT NOT NULL);
CREATE INDEX handled_requests_expires ON handled_requests (expires_at);`,
  },
  {
    version: 10,
    name: "topic match hours",
    // Matches per topic per UTC hour ("2026-12-07T05"): `wirewatch stats` sums the last 24 h
    // and 7 d. Hour buckets keep it one row per topic and hour, however many items match.
    sql: `CREATE TABLE topic_match_hours (
  topic_id TEXT NOT NULL,
  hour TEXT NOT NULL,
  matches INTEGER NOT NULL,
  PRIMARY KEY (topic_id, hour)
) WITHOUT ROWID;
CREATE INDEX topic_match_hours_hour ON topic_match_hours (hour);`,
  },
  {
    version: 11,
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
    version: 12,
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
    version: 13,
    name: "digest entry topic ids",
    // `topic_id` held the topics of one entry joined by commas ("config:a,7"); `topic_ids` is
    // a JSON array of them. SQLite cannot drop a column of a UNIQUE constraint: the table is
    // rebuilt, splitting each old value (empty parts dropped, as the readers did).
    sql: `CREATE TABLE digest_entries_new (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  destination TEXT NOT NULL,
  topic_ids TEXT NOT NULL,
  item_id INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
  matched_at TEXT NOT NULL,
  signature TEXT,
  consumed_window TEXT,
  UNIQUE (destination, topic_ids, item_id)
);
INSERT INTO digest_entries_new (id, destination, topic_ids, item_id, matched_at, signature, consumed_window)
SELECT d.id, d.destination, (
  WITH RECURSIVE parts(part, rest) AS (
    SELECT NULL, d.topic_id || ','
    UNION ALL
    SELECT substr(rest, 1, instr(rest, ',') - 1), substr(rest, instr(rest, ',') + 1) FROM parts WHERE rest <> ''
  )
  SELECT json_group_array(part) FROM parts WHERE part <> ''
), d.item_id, d.matched_at, d.signature, d.consumed_window
FROM digest_entries d ORDER BY d.id;
DROP TABLE digest_entries;
ALTER TABLE digest_entries_new RENAME TO digest_entries;
CREATE INDEX digest_entries_pending ON digest_entries (destination, consumed_window, matched_at);
CREATE INDEX digest_entries_item ON digest_entries (item_id);`,
  },
  {
    version: 14,
    name: "topic templates",
    // The name of a config template (`watch … template:`); null: Wirewatch's own rendering.
    sql: "ALTER TABLE topics ADD COLUMN template TEXT;",
  },
  {
    version: 15,
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
) WITHOUT ROWID;
CREATE INDEX topic_mutes_until ON topic_mutes (until);
ALTER TABLE topics ADD COLUMN owner TEXT;
ALTER TABLE feeds ADD COLUMN added_in TEXT;
CREATE TABLE feed_destinations (
  feed_id INTEGER NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
  destination TEXT NOT NULL,
  last_alert_at TEXT NOT NULL,
  PRIMARY KEY (feed_id, destination)
);
INSERT INTO feed_destinations (feed_id, destination, last_alert_at)
  SELECT i.feed_id, d.destination, max(d.matched_at) FROM digest_entries d
  JOIN items i ON i.id = d.item_id GROUP BY i.feed_id, d.destination;
CREATE TABLE feed_health_notices (
  feed_id INTEGER NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
  reason TEXT NOT NULL,
  episode TEXT NOT NULL,
  sent_at TEXT NOT NULL,
  PRIMARY KEY (feed_id, reason, episode)
);`,
  },
  {
    version: 16,
    name: "story state as one document",
    // What the pipeline decided about a story (sources, topics, reports: StoryState) is one
    // JSON document, so a field added to story records needs no column and no migration.
    sql: `ALTER TABLE stories ADD COLUMN state TEXT NOT NULL DEFAULT '{}';
UPDATE stories SET state = json_object('sources', json(sources), 'topics', json(topics), 'reports', json(reports));
ALTER TABLE stories DROP COLUMN sources;
ALTER TABLE stories DROP COLUMN topics;
ALTER TABLE stories DROP COLUMN reports;`,
  },
  {
    version: 17,
    name: "batched search index",
    // Items are indexed for search in batches (search-index.ts), up to `indexed_through`;
    // those stored before are indexed. An item deleted before its batch has no FTS row.
    sql: `CREATE TABLE search_index_state (id INTEGER PRIMARY KEY CHECK (id = 1), indexed_through INTEGER NOT NULL);
INSERT INTO search_index_state (id, indexed_through) SELECT 1, coalesce(max(id), 0) FROM items;
DROP TRIGGER items_fts_delete;
CREATE TRIGGER items_fts_delete AFTER DELETE ON items
WHEN old.id <= (SELECT indexed_through FROM search_index_state) BEGIN
  DELETE FROM items_fts WHERE rowid = old.id;
END;`,
  },
  ...LATER_SQLITE_MIGRATIONS,
];

export function migrateSqlite(
  db: Database.Database,
  migrations: readonly Migration[] = SQLITE_MIGRATIONS,
): void {
  db.exec(
    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
  );
  const applied = db.prepare("SELECT 1 FROM schema_migrations WHERE version = ?");
  const record = db.prepare(
    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
  );
  for (const m of migrations) {
    db.transaction(() => {
      if (applied.get(m.version) !== undefined) return;
      db.exec(m.sql);
      record.run(m.version, m.name);
    }).immediate();
  }
}
