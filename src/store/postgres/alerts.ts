/** PostgreSQL twin of sqlite/alerts.ts: writes decided alerts inside the `commitFetch` transaction. */
import { AppError } from "../../core/errors.ts";
import type { Message } from "../../core/message.ts";
import type { AlertDraft, StoryState } from "../../core/ports.ts";
import { withItemId } from "../alert-actions.ts";
import { matchHour, num, STORY_STATE_COLUMNS, storyStatePlaceholders, storyStateValues } from "../rows.ts";
import type { Queryable } from "./db.ts";

async function outbox(
  q: Queryable,
  draft: AlertDraft,
  kind: "post" | "edit",
  message: Message,
  parent: number | null,
  at: string,
): Promise<number> {
  const row = await q.one(
    `INSERT INTO outbox (destination, kind, message, message_kind, edit_of, reply_to, next_attempt_at, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id`,
    [
      draft.destination,
      kind,
      JSON.stringify(message),
      message.kind,
      kind === "edit" ? parent : null,
      kind === "post" ? parent : null,
      at,
    ],
  );
  return num(row?.id);
}

async function saveStory(q: Queryable, draft: AlertDraft, outboxId: number, story: StoryState, at: string) {
  const values = storyStateValues(story);
  await q.run(
    `INSERT INTO stories (outbox_id, destination, signature, ${STORY_STATE_COLUMNS.join(", ")}, created_at)
     VALUES ($1, $2, $3, ${storyStatePlaceholders(4)}, $${4 + values.length})
     ON CONFLICT (outbox_id) DO UPDATE SET ${STORY_STATE_COLUMNS.map((c) => `${c} = excluded.${c}`).join(", ")}`,
    [outboxId, draft.destination, JSON.stringify(draft.storySignature ?? null), ...values, at],
  );
}

async function instant(q: Queryable, draft: AlertDraft, itemId: number, at: string): Promise<void> {
  if (draft.message === null)
    throw new AppError("bad_alert", `instant alert for ${draft.itemKey} has no message`);
  if (draft.editOf === null) {
    const id = await outbox(q, draft, "post", withItemId(draft.message, itemId), null, at);
    if (draft.story) await saveStory(q, draft, id, draft.story, at);
    return;
  }
  const target = await q.one(
    "SELECT id FROM outbox WHERE id = $1 AND destination = $2 AND kind = 'post' AND state <> 'parked' FOR UPDATE",
    [draft.editOf, draft.destination],
  );
  if (target === undefined)
    throw new AppError(
      "stale_story",
      `alert ${draft.editOf} of ${draft.destination} can no longer be edited`,
    );
  await outbox(q, draft, "edit", draft.message, draft.editOf, at);
  if (draft.reply) await outbox(q, draft, "post", withItemId(draft.reply, itemId), draft.editOf, at);
  if (draft.story) await saveStory(q, draft, draft.editOf, draft.story, at);
}

export async function createAlertPg(
  q: Queryable,
  draft: AlertDraft,
  itemId: number,
  feedId: number,
  at: string,
) {
  // Where each feed's alerts go: its health notices are told there (core/feed-health-notice.ts).
  await q.run(
    `INSERT INTO feed_destinations (feed_id, destination, last_alert_at) VALUES ($1, $2, $3)
     ON CONFLICT (feed_id, destination) DO UPDATE SET last_alert_at = excluded.last_alert_at`,
    [feedId, draft.destination, at],
  );
  for (const topicId of draft.topicIds) {
    await q.run(
      `INSERT INTO topic_matches (topic_id, last_match_at) VALUES ($1, $2)
       ON CONFLICT (topic_id) DO UPDATE SET last_match_at = GREATEST(topic_matches.last_match_at, excluded.last_match_at)`,
      [topicId, at],
    );
    await q.run(
      `INSERT INTO topic_match_hours (topic_id, hour, matches) VALUES ($1, $2, 1)
       ON CONFLICT (topic_id, hour) DO UPDATE SET matches = topic_match_hours.matches + 1`,
      [topicId, matchHour(at)],
    );
  }
  if (draft.mode === "instant") return instant(q, draft, itemId, at);
  await q.run(
    `INSERT INTO digest_entries (destination, topic_ids, item_id, matched_at, signature) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (destination, topic_ids, item_id) DO NOTHING`,
    [
      draft.destination,
      draft.topicIds,
      itemId,
      at,
      draft.storySignature == null ? null : JSON.stringify(draft.storySignature),
    ],
  );
}
