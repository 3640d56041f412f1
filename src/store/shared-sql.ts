/** SQL fragments and errors that both backends use word for word. */
import { UserError } from "../core/errors.ts";
import type { TopicInput } from "../core/ports.ts";
import { ITEM_COLUMNS } from "./rows.ts";

/** Topics with their last match (kept per topic id in `topic_matches`, config topics included). */
export const TOPIC_SELECT = `SELECT t.*, m.last_match_at FROM topics t
  LEFT JOIN topic_matches m ON m.topic_id = CAST(t.id AS TEXT)`;

/** Item columns of a digest entry's item, prefixed `i_` for `toDigestEntry`. */
export const ENTRY_ITEM_COLUMNS = ["id", ...ITEM_COLUMNS].map((c) => `i.${c} AS i_${c}`).join(", ");

/** Item columns without backend-only ones (the PostgreSQL `search_vec`). */
export const ITEM_SELECT = ["id", ...ITEM_COLUMNS].join(", ");

export function duplicateTopic(input: TopicInput): UserError {
  return new UserError(`This channel already has a topic named "${input.name}".`, "topic_exists");
}

/** One row: the first pending row to come due, with the count of all pending rows. */
export const BACKLOG = `SELECT count(*) OVER () AS pending,
  CASE WHEN lease_until > next_attempt_at THEN lease_until ELSE next_attempt_at END AS due, last_error
  FROM outbox WHERE state = 'pending' AND destination NOT IN (SELECT destination FROM parked_destinations)
  ORDER BY due, id LIMIT 1`;

/**
 * Items a tenant (workspace or guild, the PostgreSQL parameter `param`) may see: not of a
 * feed another tenant added. A NULL tenant sees everything (CLI, pipeline).
 */
export function visibleTo(param: string): string {
  return `(${param}::text IS NULL OR feed_id NOT IN (SELECT id FROM feeds WHERE scope IS NOT NULL AND scope <> ${param}::text))`;
}

/** Matches per topic from the hour of `since` (first parameter) on. */
export const TOPIC_MATCH_COUNTS = `SELECT topic_id, sum(matches) AS n FROM topic_match_hours
  WHERE hour >= ? GROUP BY topic_id`;

/** Outbox rows per destination and state, with the oldest row's creation time. */
export const OUTBOX_SUMMARY = `SELECT destination, state, count(*) AS n, min(created_at) AS oldest
  FROM outbox GROUP BY destination, state ORDER BY destination, state`;
