/** PostgreSQL twin of sqlite/alerts.ts: runs inside the `commitFetch` transaction. */
import { AppError } from "../../core/errors.ts";
import type { AlertDraft } from "../../core/ports.ts";
import { alertTopics, grownStory, num } from "../rows.ts";
import type { Queryable } from "./db.ts";

async function instant(q: Queryable, draft: AlertDraft, source: string, at: string): Promise<void> {
  if (draft.message === null)
    throw new AppError("bad_alert", `instant alert for ${draft.itemKey} has no message`);
  // An edit whose target was folded away or belongs elsewhere becomes a plain post.
  const target =
    draft.editOf === null
      ? undefined
      : await q.one("SELECT id FROM outbox WHERE id = $1 AND destination = $2", [
          draft.editOf,
          draft.destination,
        ]);
  const editOf = target === undefined ? null : num(target.id);
  const row = await q.one(
    `INSERT INTO outbox (destination, kind, message, message_kind, edit_of, next_attempt_at, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id`,
    [
      draft.destination,
      editOf === null ? "post" : "edit",
      JSON.stringify(draft.message),
      draft.message.kind,
      editOf,
      at,
    ],
  );
  const storyOwner = editOf ?? num(row?.id);
  const story =
    editOf === null
      ? undefined
      : await q.one("SELECT sources, topics FROM stories WHERE outbox_id = $1 FOR UPDATE", [editOf]);
  if (story === undefined) {
    if (draft.storySignature === null) return;
    await q.run(
      `INSERT INTO stories (outbox_id, destination, signature, sources, topics, created_at)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (outbox_id) DO NOTHING`,
      [
        storyOwner,
        draft.destination,
        JSON.stringify(draft.storySignature),
        JSON.stringify([source]),
        JSON.stringify(alertTopics(draft)),
        at,
      ],
    );
    return;
  }
  const [sources, topics] = grownStory(story, source, draft);
  await q.run("UPDATE stories SET sources = $1, topics = $2 WHERE outbox_id = $3", [
    JSON.stringify(sources),
    JSON.stringify(topics),
    editOf,
  ]);
}

export async function createAlertPg(
  q: Queryable,
  draft: AlertDraft,
  itemId: number,
  source: string,
  at: string,
) {
  // A draft may name several topics ("a,b") when one item matched them all for one destination.
  for (const topicId of draft.topicId.split(",")) {
    if (topicId === "") continue;
    await q.run(
      `INSERT INTO topic_matches (topic_id, last_match_at) VALUES ($1, $2)
       ON CONFLICT (topic_id) DO UPDATE SET last_match_at = GREATEST(topic_matches.last_match_at, excluded.last_match_at)`,
      [topicId, at],
    );
  }
  if (draft.mode === "instant") return instant(q, draft, source, at);
  await q.run(
    `INSERT INTO digest_entries (destination, topic_id, item_id, matched_at, signature) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (destination, topic_id, item_id) DO NOTHING`,
    [
      draft.destination,
      draft.topicId,
      itemId,
      at,
      draft.storySignature === null ? null : JSON.stringify(draft.storySignature),
    ],
  );
}
