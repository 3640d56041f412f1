/** PostgreSQL twin of sqlite/topics.ts: chat topics, parked destinations, quota events. */
import { matchHour, num, templateName, toTopic } from "../rows.ts";
import { duplicateTopic, TOPIC_MATCH_COUNTS, TOPIC_SELECT } from "../shared-sql.ts";
import type { Store } from "../store.ts";
import type { PgDb } from "./db.ts";

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

export function pgTopics(db: PgDb): TopicMethods {
  return {
    async addTopic(input, now) {
      const t = input.target;
      const row = await db.one(
        `INSERT INTO topics (scope, channel, name, rule, paused, digest, mentions, created_by, created_at, template, owner)
         VALUES ($1, $2, $3, $4, FALSE, $5, $6, $7, $8, $9, $10) ON CONFLICT (channel, name) DO NOTHING RETURNING id`,
        [
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
        ],
      );
      if (row === undefined) throw duplicateTopic(input);
      const stored = await db.one(`${TOPIC_SELECT} WHERE t.id = $1`, [row.id]);
      if (stored === undefined) throw new Error("topic vanished after insert");
      return toTopic(stored);
    },
    async removeTopic(scope, channel, name) {
      return (
        (await db.run("DELETE FROM topics WHERE scope = $1 AND channel = $2 AND name = $3", [
          scope,
          channel,
          name,
        ])) > 0
      );
    },
    async listTopics(filter) {
      const rows = await db.rows(
        `${TOPIC_SELECT} WHERE ($1::text IS NULL OR t.channel = $1)
           AND ($2::text IS NULL OR t.owner = $2) ORDER BY t.channel, t.name`,
        [filter?.channel ?? null, filter?.owner ?? null],
      );
      return rows.map(toTopic);
    },
    async setTopicPaused(scope, channel, name, paused) {
      return db.run(
        "UPDATE topics SET paused = $4 WHERE scope = $1 AND channel = $2 AND ($3::text IS NULL OR name = $3)",
        [scope, channel, name, paused],
      );
    },
    async parkedDestinations() {
      const rows = await db.rows("SELECT destination FROM parked_destinations ORDER BY destination");
      return rows.map((r) => String(r.destination));
    },
    async parkDestination(destination, reason) {
      await db.run(
        `INSERT INTO parked_destinations (destination, reason) VALUES ($1, $2)
         ON CONFLICT (destination) DO UPDATE SET reason = excluded.reason`,
        [destination, reason],
      );
    },
    async unparkDestination(destination) {
      return (await db.run("DELETE FROM parked_destinations WHERE destination = $1", [destination])) > 0;
    },
    async topicLastMatches(topicIds) {
      const rows = await db.rows(
        "SELECT topic_id, last_match_at FROM topic_matches WHERE topic_id = ANY($1::text[])",
        [topicIds],
      );
      return new Map(rows.map((r) => [String(r.topic_id), String(r.last_match_at)]));
    },
    async topicMatchCounts(since) {
      const rows = await db.rows(TOPIC_MATCH_COUNTS.replace("?", "$1"), [matchHour(since)]);
      return new Map(rows.map((r) => [String(r.topic_id), num(r.n)]));
    },
    async countEvents(kind, actor, since) {
      const row = await db.one(
        "SELECT count(*) AS n FROM events WHERE kind = $1 AND actor = $2 AND at >= $3",
        [kind, actor, since],
      );
      return num(row?.n ?? 0);
    },
    async recordEvent(kind, actor, now) {
      await db.run("INSERT INTO events (kind, actor, at) VALUES ($1, $2, $3)", [kind, actor, now]);
    },
  };
}
