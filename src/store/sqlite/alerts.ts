/**
 * Alerts of items inserted in this very `commitFetch` (always called inside its
 * transaction). Instant → an outbox row plus the story record later items of the same
 * story find through `recentStories`; an edit adds its source to the story of the
 * message it edits. Digest → an entry waiting for its window.
 */
import type Database from "better-sqlite3";
import { AppError } from "../../core/errors.ts";
import type { AlertDraft } from "../../core/ports.ts";
import { alertTopics, grownStory } from "../rows.ts";

export interface SqliteAlerts {
  create(draft: AlertDraft, itemId: number, source: string, at: string): void;
}

export function sqliteAlerts(db: Database.Database): SqliteAlerts {
  const insertOutbox = db.prepare(`INSERT INTO outbox
      (destination, kind, message, message_kind, edit_of, next_attempt_at, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`);
  const editTarget = db.prepare("SELECT id FROM outbox WHERE id = ? AND destination = ?");
  const insertStory =
    db.prepare(`INSERT INTO stories (outbox_id, destination, signature, sources, topics, created_at)
      VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (outbox_id) DO NOTHING`);
  const storyOf = db.prepare("SELECT sources, topics FROM stories WHERE outbox_id = ?");
  const setStory = db.prepare("UPDATE stories SET sources = ?, topics = ? WHERE outbox_id = ?");
  const insertEntry =
    db.prepare(`INSERT INTO digest_entries (destination, topic_id, item_id, matched_at, signature)
      VALUES (?, ?, ?, ?, ?) ON CONFLICT (destination, topic_id, item_id) DO NOTHING`);
  const touchTopic = db.prepare(`INSERT INTO topic_matches (topic_id, last_match_at) VALUES (?, ?)
      ON CONFLICT (topic_id) DO UPDATE SET last_match_at = max(last_match_at, excluded.last_match_at)`);

  function instant(draft: AlertDraft, source: string, at: string): void {
    if (draft.message === null)
      throw new AppError("bad_alert", `instant alert for ${draft.itemKey} has no message`);
    // An edit whose target was folded away or belongs elsewhere becomes a plain post.
    const editOf =
      draft.editOf !== null && editTarget.get(draft.editOf, draft.destination) !== undefined
        ? draft.editOf
        : null;
    const row = insertOutbox.get(
      draft.destination,
      editOf === null ? "post" : "edit",
      JSON.stringify(draft.message),
      draft.message.kind,
      editOf,
      at,
      at,
    ) as { id: number };
    if (editOf === null) {
      if (draft.storySignature !== null) {
        insertStory.run(
          row.id,
          draft.destination,
          JSON.stringify(draft.storySignature),
          JSON.stringify([source]),
          JSON.stringify(alertTopics(draft)),
          at,
        );
      }
      return;
    }
    const story = storyOf.get(editOf) as { sources: string; topics: string } | undefined;
    if (story === undefined) {
      if (draft.storySignature !== null) {
        insertStory.run(
          editOf,
          draft.destination,
          JSON.stringify(draft.storySignature),
          JSON.stringify([source]),
          JSON.stringify(alertTopics(draft)),
          at,
        );
      }
      return;
    }
    const [sources, topics] = grownStory(story, source, draft);
    setStory.run(JSON.stringify(sources), JSON.stringify(topics), editOf);
  }

  return {
    create(draft, itemId, source, at) {
      // A draft may name several topics ("a,b") when one item matched them all for one destination.
      for (const topicId of draft.topicId.split(",")) if (topicId !== "") touchTopic.run(topicId, at);
      if (draft.mode === "instant") instant(draft, source, at);
      else {
        const signature = draft.storySignature === null ? null : JSON.stringify(draft.storySignature);
        insertEntry.run(draft.destination, draft.topicId, itemId, at, signature);
      }
    },
  };
}
