/**
 * Writes the alerts of items inserted in this very `commitFetch` (always called inside its
 * transaction), exactly as the pipeline decided them: a post opens a story record; an
 * update is an edit of the story's lead, maybe a thread reply, and the story record as
 * the draft gives it. Digest drafts become entries waiting for their window. The one check
 * here guards the decision against a race: a lead folded away since the draft was made
 * fails the commit with `stale_story`, and the pipeline drafts again.
 */
import type Database from "better-sqlite3";
import { AppError } from "../../core/errors.ts";
import type { AlertDraft, StoryState } from "../../core/ports.ts";
import { withItemId } from "../alert-actions.ts";
import { matchHour, STORY_STATE_COLUMNS, storyStatePlaceholders, storyStateValues } from "../rows.ts";

export interface SqliteAlerts {
  create(draft: AlertDraft, itemId: number, feedId: number, at: string): void;
}

export function sqliteAlerts(db: Database.Database): SqliteAlerts {
  const insertOutbox = db.prepare(`INSERT INTO outbox
      (destination, kind, message, message_kind, edit_of, reply_to, next_attempt_at, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`);
  const editable = db.prepare(
    "SELECT id FROM outbox WHERE id = ? AND destination = ? AND kind = 'post' AND state <> 'parked'",
  );
  const insertStory = db.prepare(`INSERT INTO stories
      (outbox_id, destination, signature, ${STORY_STATE_COLUMNS.join(", ")}, created_at)
      VALUES (?, ?, ?, ${storyStatePlaceholders()}, ?) ON CONFLICT (outbox_id) DO NOTHING`);
  const setStory = db.prepare(
    `UPDATE stories SET ${STORY_STATE_COLUMNS.map((c) => `${c} = ?`).join(", ")} WHERE outbox_id = ?`,
  );
  const insertEntry =
    db.prepare(`INSERT INTO digest_entries (destination, topic_ids, item_id, matched_at, signature)
      VALUES (?, ?, ?, ?, ?) ON CONFLICT (destination, topic_ids, item_id) DO NOTHING`);
  const touchTopic = db.prepare(`INSERT INTO topic_matches (topic_id, last_match_at) VALUES (?, ?)
      ON CONFLICT (topic_id) DO UPDATE SET last_match_at = max(last_match_at, excluded.last_match_at)`);
  // Where each feed's alerts go: its health notices are told there (core/feed-health-notice.ts).
  const feedDestination = db.prepare(`INSERT INTO feed_destinations (feed_id, destination, last_alert_at)
      VALUES (?, ?, ?) ON CONFLICT (feed_id, destination) DO UPDATE SET last_alert_at = excluded.last_alert_at`);
  const countHour = db.prepare(`INSERT INTO topic_match_hours (topic_id, hour, matches) VALUES (?, ?, 1)
      ON CONFLICT (topic_id, hour) DO UPDATE SET matches = matches + 1`);

  const outbox = (
    draft: AlertDraft,
    kind: "post" | "edit",
    message: unknown,
    parent: number | null,
    at: string,
  ) =>
    (
      insertOutbox.get(
        draft.destination,
        kind,
        JSON.stringify(message),
        (message as { kind: string }).kind,
        kind === "edit" ? parent : null,
        kind === "post" ? parent : null,
        at,
        at,
      ) as { id: number }
    ).id;

  function saveStory(draft: AlertDraft, outboxId: number, story: StoryState, at: string): void {
    const values = storyStateValues(story);
    if (setStory.run(...values, outboxId).changes > 0) return;
    insertStory.run(outboxId, draft.destination, JSON.stringify(draft.storySignature ?? null), ...values, at);
  }

  function instant(draft: AlertDraft, itemId: number, at: string): void {
    if (draft.message === null)
      throw new AppError("bad_alert", `instant alert for ${draft.itemKey} has no message`);
    if (draft.editOf === null) {
      const id = outbox(draft, "post", withItemId(draft.message, itemId), null, at);
      if (draft.story) saveStory(draft, id, draft.story, at);
      return;
    }
    if (editable.get(draft.editOf, draft.destination) === undefined)
      throw new AppError(
        "stale_story",
        `alert ${draft.editOf} of ${draft.destination} can no longer be edited`,
      );
    outbox(draft, "edit", draft.message, draft.editOf, at);
    if (draft.reply) outbox(draft, "post", withItemId(draft.reply, itemId), draft.editOf, at);
    if (draft.story) saveStory(draft, draft.editOf, draft.story, at);
  }

  return {
    create(draft, itemId, feedId, at) {
      feedDestination.run(feedId, draft.destination, at);
      for (const topicId of draft.topicIds) {
        touchTopic.run(topicId, at);
        countHour.run(topicId, matchHour(at));
      }
      if (draft.mode === "instant") instant(draft, itemId, at);
      else {
        const signature = draft.storySignature == null ? null : JSON.stringify(draft.storySignature);
        insertEntry.run(draft.destination, JSON.stringify(draft.topicIds), itemId, at, signature);
      }
    },
  };
}
