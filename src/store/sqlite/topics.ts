/** Chat-managed topics, parked destinations and quota events. */
import type Database from "better-sqlite3";
import { matchHour, type Row, templateName, toTopic } from "../rows.ts";
import { duplicateTopic, TOPIC_MATCH_COUNTS, TOPIC_SELECT } from "../shared-sql.ts";
import type { Store } from "../store.ts";

type TopicMethods = Pick<
  Store,
  | "addTopic"
  | "removeTopic"
  | "listTopics"
  | "setTopicPaused"
  | "parkedDestinations"
  | "parkDestination"
  | "unparkDestination"
  | "topicLastMatches"
  | "topicMatchCounts"
  | "countEvents"
  | "recordEvent"
>;

export function sqliteTopics(db: Database.Database): TopicMethods {
  const insert =
    db.prepare(`INSERT INTO topics (scope, channel, name, rule, paused, digest, mentions, created_by, created_at, template, owner)
    VALUES (?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?) ON CONFLICT (channel, name) DO NOTHING RETURNING id`);
  const byId = db.prepare(`${TOPIC_SELECT} WHERE t.id = ?`);
  const matchCounts = db.prepare(TOPIC_MATCH_COUNTS);
  const remove = db.prepare("DELETE FROM topics WHERE scope = ? AND channel = ? AND name = ?");
  const list = db.prepare(
    `${TOPIC_SELECT} WHERE (@channel IS NULL OR t.channel = @channel)
      AND (@owner IS NULL OR t.owner = @owner) ORDER BY t.channel, t.name`,
  );
  const pause = db.prepare(
    "UPDATE topics SET paused = @paused WHERE scope = @scope AND channel = @channel AND (@name IS NULL OR name = @name)",
  );
  const parkedList = db.prepare("SELECT destination FROM parked_destinations ORDER BY destination");
  const park = db.prepare(`INSERT INTO parked_destinations (destination, reason) VALUES (?, ?)
    ON CONFLICT (destination) DO UPDATE SET reason = excluded.reason`);
  const unpark = db.prepare("DELETE FROM parked_destinations WHERE destination = ?");
  const lastMatches = db.prepare(
    "SELECT topic_id, last_match_at FROM topic_matches WHERE topic_id IN (SELECT value FROM json_each(?))",
  );
  const count = db.prepare("SELECT count(*) AS n FROM events WHERE kind = ? AND actor = ? AND at >= ?");
  const record = db.prepare("INSERT INTO events (kind, actor, at) VALUES (?, ?, ?)");

  return {
    async addTopic(input, now) {
      const t = input.target;
      const row = insert.get(
        input.scope,
        t.channel,
        input.name,
        input.rule,
        t.digest === null ? null : JSON.stringify(t.digest),
        JSON.stringify(t.mentions),
        input.createdBy,
        now,
        templateName(t),
        input.owner ?? null,
      ) as { id: number } | undefined;
      if (row === undefined) throw duplicateTopic(input);
      return toTopic(byId.get(row.id) as Row);
    },
    async removeTopic(scope, channel, name) {
      return remove.run(scope, channel, name).changes > 0;
    },
    async listTopics(filter) {
      return (list.all({ channel: filter?.channel ?? null, owner: filter?.owner ?? null }) as Row[]).map(
        toTopic,
      );
    },
    async setTopicPaused(scope, channel, name, paused) {
      return pause.run({ scope, channel, name, paused: paused ? 1 : 0 }).changes;
    },
    async parkedDestinations() {
      return (parkedList.all() as { destination: string }[]).map((r) => r.destination);
    },
    async parkDestination(destination, reason) {
      park.run(destination, reason);
    },
    async unparkDestination(destination) {
      return unpark.run(destination).changes > 0;
    },
    async topicLastMatches(topicIds) {
      const rows = lastMatches.all(JSON.stringify(topicIds)) as { topic_id: string; last_match_at: string }[];
      return new Map(rows.map((r) => [r.topic_id, r.last_match_at]));
    },
    async topicMatchCounts(since) {
      const rows = matchCounts.all(matchHour(since)) as { topic_id: string; n: number }[];
      return new Map(rows.map((r) => [r.topic_id, r.n]));
    },
    async countEvents(kind, actor, since) {
      return (count.get(kind, actor, since) as { n: number }).n;
    },
    async recordEvent(kind, actor, now) {
      record.run(kind, actor, now);
    },
  };
}
